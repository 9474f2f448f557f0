// The shape of the BUILT module graph, which is what a cold start pays for: Node's ESM loader costs
// about as much per file (resolve, read, compile, link) as our whole library costs to evaluate, so
// `import 'hookseal'` must load a handful of files, not one per preset (it loaded 37 before the
// shared barrel src/internal.ts and the preset-subpath entries in tsup.config.ts). Also checks that
// every public subpath links the very same shared chunks, so there is one WebhookVerificationError,
// one verifier cache and one memory replay store whichever subpaths an app mixes. Reads dist/ only
// (static imports and requires, `#crypto`/`#stream` through the "node" condition); no timing.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`)
if (!built) console.warn('test/dist/chunks: dist/ is missing, so the module graph tests are skipped. Run `npm run build` (npm test does).')

type Files = { import: { default: string }; require: { default: string } }
type Target = Files & { node: Files }
type Conditional = Record<string, { import: string; require: string }>
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, Target | string>; imports: Record<string, Conditional> }
const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json')

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
// "node" condition: Node, Bun, Deno; backends compiled in).
const builds = [
  { name: 'dist', files: (t: Target) => t, max: 5, why: 'the entry, the shared chunk, the small chunk the #crypto/#stream files share with it, and those two files' },
  { name: 'dist/node', files: (t: Target) => t.node, max: 2, why: 'the entry and the one shared chunk; no #crypto/#stream to resolve' },
]

describe.skipIf(!built)('the built module graph', () => {
  for (const build of builds) {
    for (const format of ['import', 'require'] as const) {
      const target = (subpath: string) => build.files(pkg.exports[subpath] as Target)[format].default
      const rootFiles = graph(target('.'), format)

      test(`${build.name}, ${format}: a cold load of the root reads a handful of files`, () => {
        // see build.why
        expect(rootFiles.size).toBeLessThanOrEqual(build.max)
        console.info(`${build.name} ${format} 'hookseal' loads ${rootFiles.size} files: ${[...rootFiles].join(', ')}`)
      })

      test.each(subpaths)(`${build.name}, ${format}: %s links the same shared chunks as the root and nothing else of ours`, (subpath) => {
        const files = graph(target(subpath), format)
        expect(chunks(files)).toEqual(chunks(rootFiles))
        const own = [...files].filter((f) => !rootFiles.has(f))
        expect(own).toEqual(subpath === '.' ? [] : [join('.', target(subpath))])
      })
    }
  }

  test('the node build has its backends compiled in: no `#` import is left to resolve', () => {
    for (const subpath of subpaths) {
      for (const format of ['import', 'require'] as const) {
        for (const file of graph((pkg.exports[subpath] as Target).node[format].default, format)) {
          expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/['"]#(crypto|stream)['"]/)
        }
      }
    }
  })
})
