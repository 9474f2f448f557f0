import { existsSync, readdirSync } from 'node:fs'
import { defineConfig } from 'tsup'

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

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    ...Object.fromEntries(providers.map((id) => [`providers/${id}`, `providers/${id}.ts`])),
    ...Object.fromEntries(adapters.map((name) => [`adapters/${name}`, `src/adapters/${name}.ts`])),
    ...(existsSync('src/cli/index.ts') && { 'cli/index': 'src/cli/index.ts' }),
    'crypto/node': 'src/crypto/node.ts',
    'crypto/web': 'src/crypto/web.ts',
    'crypto/web-tweetnacl': 'src/crypto/web-tweetnacl.ts',
    'body/stream-node': 'src/body/stream-node.ts',
    'body/stream-none': 'src/body/stream-none.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['#crypto', '#stream', 'raw-body', 'tweetnacl', 'fast-check', /^node:/],
  treeshake: true,
})
