import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig, type Options } from 'tsup'

// One entry per public subpath, plus the conditional internals behind `#crypto` and `#stream`,
// which stay external so each runtime picks its own file through package.json "imports".
const modules = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
        .map((f) => f.slice(0, -3))
    : []
const providers = modules('providers')
const adapters = modules('src/adapters')

// Cold start: esbuild's splitting makes one chunk per distinct set of entries that reach a module,
// so each preset, reached from its own subpath and from the root, was a chunk of its own, and a cold
// `import 'hookseal'` read 37 files (Node's ESM loader costs most of a millisecond per file). So the
// entries are built to reach the same modules (test/dist/chunks.test.ts checks the result):
// - the root, adapters, testing kit and CLI import the library through src/internal.ts, and each
//   preset subpath is compiled as a re-export from that barrel (`export { github } from
//   './src/internal.ts'`): one shared chunk, one copy of every class and cache, tiny entry files. The
//   preset files stay the sources and the .d.ts entries; with `sideEffects: false` and the registry's
//   `@__PURE__` a bundler still keeps only the preset imported.
// - the files behind `#crypto` and `#stream` share three small modules with the library; each is
//   compiled with an import of all three, so those form one small chunk instead of three.
// The Node build goes one step further (nodeRoot below): its root file is the library itself.
const shared = ['src/core/errors.ts', 'src/core/encoding.ts', 'src/body/deadline.ts'].map((f) => JSON.stringify(resolve(f)))
const sharedGraph: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'shared-graph',
  setup(build) {
    build.onResolve({ filter: /^(\.\/)?(providers\/[a-z0-9-]+|src\/crypto\/[a-z0-9-]+|src\/body\/stream-[a-z]+)\.ts$/ }, (args) =>
      args.kind === 'entry-point' ? { path: resolve(args.path), namespace: 'shared-graph' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'shared-graph' }, (args) => {
      if (!/[\\/]providers[\\/]/.test(args.path)) {
        // an import nothing uses still counts for splitting (tree shaking drops it from the output)
        const reach = shared.map((file, i) => `import * as _${i} from ${file}`).join('\n')
        return { contents: `export * from ${JSON.stringify(args.path)}\n${reach}\n`, resolveDir: process.cwd(), loader: 'js' }
      }
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)].map((m) => m[1])
      if (names.length === 0) throw new Error(`${args.path}: no exported preset factory found`)
      return { contents: `export { ${names.join(', ')} } from './src/internal.ts'\n`, resolveDir: process.cwd(), loader: 'ts' }
    })
  },
}

const publicEntries = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  ...Object.fromEntries(providers.map((id) => [`providers/${id}`, `providers/${id}.ts`])),
  ...Object.fromEntries(adapters.map((name) => [`adapters/${name}`, `src/adapters/${name}.ts`])),
}

// The Node build (dist/node/, selected by the "node" export condition): the same public entries with
// the node:crypto backend and the Node stream reader compiled in, so `#crypto` and `#stream` are
// neither resolved nor separate files at run time. Resolving a package `#` import costs Node 20's ESM
// loader most of a millisecond, and so does each file.
const nodeBackends: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'node-backends',
  setup(build) {
    const files: Record<string, string> = { '#crypto': resolve('src/crypto/node.ts'), '#stream': resolve('src/body/stream-node.ts') }
    build.onResolve({ filter: /^#(crypto|stream)$/ }, (args) => ({ path: files[args.path]! }))
  },
}

// In the Node build the root file IS the library: dist/node/index.(c)js is built from the barrel
// src/internal.ts itself (a superset of src/index.ts at run time; the public types stay
// dist/index.d.ts), and every other entry (presets, adapters, testing kit) imports the library from
// that file, `../index.js` (`../index.cjs` in the CommonJS build), instead of from a shared chunk. So
// `import 'hookseal'` reads one file, and there is still one copy of every class, cache and replay
// store whichever subpaths an app mixes (test/dist/chunks.test.ts: no chunk at all in dist/node/).
// What such an entry takes from the library: the barrel, and the `#crypto`/`#stream` modules the
// testing kit and the fastify adapter import directly (src/internal.ts re-exports both). Every
// non-root entry sits one folder down (providers/<id>, adapters/<name>, testing/index).
const nodeRoot: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'node-root',
  setup(build) {
    const root = `../index${build.initialOptions.outExtension?.['.js'] ?? '.js'}`
    const barrel = resolve('src/internal.ts')
    const fromSubpath = (args: { namespace: string; importer: string }) =>
      args.namespace === 'shared-graph' || /[\\/]src[\\/](adapters|testing)[\\/]/.test(args.importer)
    build.onResolve({ filter: /^#(crypto|stream)$|internal\.[jt]s$/ }, (args) => {
      if (!fromSubpath(args)) return undefined
      if (!args.path.startsWith('#') && resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) !== barrel) return undefined
      return { path: root, external: true }
    })
  },
}
const nodeEntries = { ...publicEntries, index: 'src/internal.ts' }
for (const name of Object.keys(nodeEntries)) {
  if (name !== 'index' && name.split('/').length !== 2) throw new Error(`tsup.config.ts: ${name} is not one folder down, so '../index.js' is not the root from it`)
}

const common: Options = {
  format: ['esm', 'cjs'],
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // `npm run build` empties dist/ first: the two builds run at the same time, so neither cleans
  clean: false,
}

export default defineConfig([
  {
    ...common,
    entry: {
      ...publicEntries,
      ...(existsSync('src/cli/index.ts') && { 'cli/index': 'src/cli/index.ts' }),
      'crypto/node': 'src/crypto/node.ts',
      'crypto/web': 'src/crypto/web.ts',
      'crypto/web-tweetnacl': 'src/crypto/web-tweetnacl.ts',
      'body/stream-node': 'src/body/stream-node.ts',
      'body/stream-none': 'src/body/stream-none.ts',
    },
    dts: true,
    external: ['#crypto', '#stream', 'tweetnacl', 'fast-check', /^node:/],
    esbuildPlugins: [sharedGraph],
  },
  {
    ...common,
    entry: nodeEntries,
    outDir: 'dist/node',
    dts: false,
    external: ['tweetnacl', 'fast-check', /^node:/],
    esbuildPlugins: [nodeRoot, nodeBackends, sharedGraph],
  },
])
