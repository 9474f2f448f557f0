// The shape of the BUILT module graph, which is what a cold start pays for: Node's ESM loader costs
// about as much per file (resolve, read, compile, link) as our whole library costs to evaluate, so
// `import 'hookseal'` must load a handful of files, not one per preset (it loaded 37 before the
// shared barrel src/internal.ts and the preset-subpath entries in tsup.config.ts). Also checks that
// every public subpath links the very same library files, so there is one WebhookVerificationError,
// one verifier cache and one memory replay store whichever subpaths an app mixes: in dist/ the
// shared chunks, in dist/node/ the root file itself (which holds the whole library there). Reads
// dist/ only (static imports and requires, `#crypto`/`#stream` through the "node" condition); no timing.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'
import { publicSubpaths, root } from './public.js'

const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`)
if (!built) console.warn('test/dist/chunks: dist/ is missing, so the module graph tests are skipped. Run `npm run build` (npm test does).')

type Conditional = Record<string, { import: string; require: string }>
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { imports: Record<string, Conditional> }

// Every file one entry loads, following relative specifiers and the package's own `#` imports as Node
// resolves them; packages (raw-body, jose, fast-check) and node: builtins are not ours and stop here.
function graph(entry: string, format: 'import' | 'require'): Set<string> {
  const specifier = format === 'import' ? /^\s*(?:import|export)\b[^;'"]*?['"]([^'"]+)['"]/gm : /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, spec] of readFileSync(join(root, file), 'utf8').matchAll(specifier)) {
      if (spec!.startsWith('.')) visit(relative(root, join(root, dirname(file), spec!)))
      else if (spec!.startsWith('#')) visit(join('.', pkg.imports[spec!]!.node![format]))
    }
  }
  visit(join('.', entry))
  return seen
}

const chunks = (files: Set<string>) => [...files].filter((f) => /^dist\/(node\/)?chunk-/.test(f)).sort()

// dist/ (Workers, edge runtimes, browsers: the backend through `#crypto`/`#stream`) and dist/node/ (the
// "node" condition: Node, Bun, Deno; backends compiled in). The file each subpath resolves to is
// checked by subpaths.test.ts; here it is `<dir>/<name>.js|cjs`.
const builds = [
  {
    dir: 'dist',
    max: 5,
    why: 'the entry, the shared chunk, the small chunk the #crypto/#stream files share with it, and those two files',
    // what every subpath must link: the root's shared chunks
    library: (rootFiles: Set<string>) => chunks(rootFiles),
  },
  {
    dir: 'dist/node',
    max: 1,
    why: 'the root file is the library: no chunk, no #crypto/#stream to resolve',
    // what every subpath must link: the root file itself, and no chunk exists
    library: (rootFiles: Set<string>) => [...rootFiles],
  },
]

describe.skipIf(!built)('the built module graph', () => {
  for (const build of builds) {
    for (const format of ['import', 'require'] as const) {
      const target = (name: string) => `${build.dir}/${name}.${format === 'import' ? 'js' : 'cjs'}`
      const rootFiles = graph(target('index'), format)

      test(`${build.dir}, ${format}: a cold load of the root reads a handful of files`, () => {
        // see build.why
        expect(rootFiles.size).toBeLessThanOrEqual(build.max)
        console.info(`${build.dir} ${format} 'hookseal' loads ${rootFiles.size} files: ${[...rootFiles].join(', ')}`)
      })

      test.each(publicSubpaths.map((s) => [s.subpath, s.name]))(`${build.dir}, ${format}: %s links the same library files as the root and nothing else of ours`, (subpath, name) => {
        const files = graph(target(name), format)
        expect(chunks(files)).toEqual(chunks(rootFiles))
        expect([...files].filter((f) => rootFiles.has(f)).sort()).toEqual(expect.arrayContaining(build.library(rootFiles)))
        const own = [...files].filter((f) => !rootFiles.has(f))
        expect(own).toEqual(subpath === '.' ? [] : [target(name)])
      })
    }
  }

  test('dist/node/ holds no shared chunk: every class, cache and store exists once, in the root file', () => {
    const all = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(dir, e.name)) : [join(dir, e.name)]))
    expect(all('dist/node').filter((f) => /chunk-/.test(f))).toEqual([])
  })

  test('the node build has its backends compiled in: no `#` import is left to resolve', () => {
    for (const { name } of publicSubpaths) {
      for (const format of ['import', 'require'] as const) {
        for (const file of graph(`dist/node/${name}.${format === 'import' ? 'js' : 'cjs'}`, format)) {
          expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/['"]#(crypto|stream)['"]/)
        }
      }
    }
  })
})
