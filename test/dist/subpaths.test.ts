// Every public subpath (root, presets, adapters, testing) loads from the BUILT package by its own
// name both ways, in plain node children (test/dist/subpaths-probe.mjs, so Vite's aliases stay out of
// it): with the "node" condition `import` gets dist/node/<name>.js and `require` dist/node/<name>.cjs;
// with hookseal-web, dist/<name>.js|cjs; every way exposes the same non-empty set of exports (the
// Node build's root exposes the library's internals too, so a superset there). package.json "exports"
// reaches presets and adapters through the patterns "./providers/*" and "./adapters/*", so the
// subpaths are listed from the source files (public.ts), and the last tests check that the patterns
// expose exactly those files and nothing else. Skipped when dist/ is missing.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { adapterNames, presetIds, publicSubpaths, root } from './public.js'

const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`)
if (!built) console.warn('test/dist/subpaths: dist/ is missing, so the subpath tests are skipped. Run `npm run build` (npm test does).')

interface Entry {
  esm?: string[]
  esmFile?: string
  esmError?: string
  cjs?: string[]
  cjsFile?: string
  cjsError?: string
}

const probe = (conditions: string[], specs: string[]) =>
  promisify(execFile)(process.execPath, [...conditions.map((c) => `--conditions=${c}`), 'test/dist/subpaths-probe.mjs', ...specs], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => JSON.parse(stdout) as Record<string, Entry>,
  )

const runs = [
  { conditions: [], dir: 'dist/node' },
  { conditions: ['hookseal-web'], dir: 'dist' },
] as const

describe.skipIf(!built)('every public subpath, import and require', () => {
  const reports = new Map<string, Promise<Record<string, Entry>>>()
  const get = (conditions: readonly string[]) => {
    const key = conditions.join()
    if (!reports.has(key)) reports.set(key, probe([...conditions], publicSubpaths.map((s) => s.spec)))
    return reports.get(key)!
  }

  test('the list covers the root, every preset, every adapter and testing', () => {
    expect(presetIds).toContain('github')
    expect(adapterNames).toContain('express')
    expect(publicSubpaths.map((s) => s.subpath)).toEqual(['.', ...presetIds.map((id) => `./providers/${id}`), ...adapterNames.map((n) => `./adapters/${n}`), './testing'])
  })

  for (const { conditions, dir } of runs) {
    test.each(publicSubpaths.map((s) => [s.subpath, s.spec, s.name]))(`${dir} (conditions: ${conditions.join() || 'default'}): %s`, async (_subpath, spec, name) => {
      const entry = (await get(conditions))[spec]!
      expect(entry.esmError).toBeUndefined()
      expect(entry.cjsError).toBeUndefined()
      expect(entry.esmFile).toBe(pathToFileURL(`${root}${dir}/${name}.js`).href)
      expect(entry.cjsFile).toBe(`${root}${dir}/${name}.cjs`)
      expect(entry.esm!.length).toBeGreaterThan(0)
      expect(entry.cjs).toEqual(entry.esm)
    }, 30_000)
  }

  test.each(publicSubpaths.map((s) => [s.subpath, s.spec]))('%s: the Node build exports what the other build exports', async (subpath, spec) => {
    const node = (await get([]))[spec]!.esm!
    const web = (await get(['hookseal-web']))[spec]!.esm!
    if (subpath === '.') expect(node).toEqual(expect.arrayContaining(web))
    else expect(node).toEqual(web)
  }, 30_000)

  test('names that are not a preset or an adapter do not resolve (the registry file, a chunk, a path with an extension)', async () => {
    const specs = ['hookseal/providers/index', 'hookseal/providers/github.js', 'hookseal/adapters/express.cjs', 'hookseal/providers', 'hookseal/index', 'hookseal/dist/index.js']
    for (const conditions of [[], ['hookseal-web']]) {
      const report = await probe(conditions, specs)
      for (const spec of specs) {
        expect(report[spec]!.esmError, spec).toMatch(/^ERR_(MODULE_NOT_FOUND|PACKAGE_PATH_NOT_EXPORTED)/)
        expect(report[spec]!.cjsError, spec).toMatch(/^(MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED)/)
      }
    }
  }, 30_000)
})

// What "./providers/*" and "./adapters/*" expose is whatever the build writes there: exactly one
// file per preset in providers/ and per adapter in src/adapters/, in each format (and its types in
// dist/), and nothing else.
describe.skipIf(!built)('what the subpath patterns expose', () => {
  const cases = [
    { dir: 'providers', names: presetIds },
    { dir: 'adapters', names: adapterNames },
  ]
  for (const { dir, names } of cases) {
    test(`dist/${dir}/ holds one preset or adapter per file name, types included`, () => {
      expect(readdirSync(`${root}dist/${dir}`).sort()).toEqual(names.flatMap((n) => [`${n}.cjs`, `${n}.d.cts`, `${n}.d.ts`, `${n}.js`]).sort())
    })
    test(`dist/node/${dir}/ holds the same names`, () => {
      expect(readdirSync(`${root}dist/node/${dir}`).sort()).toEqual(names.flatMap((n) => [`${n}.cjs`, `${n}.js`]).sort())
    })
  }
})
