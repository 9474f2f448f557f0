// Every subpath of package.json "exports" (root, presets, adapters, testing) loads from the BUILT
// package by its own name both ways: in a plain node child (the "node" condition's build) `import`
// gets dist/node/<name>.js, `require` gets dist/node/<name>.cjs, and both expose the same non-empty
// set of exports. Run in a plain node child (test/dist/subpaths-probe.mjs) so Vite's aliases stay out
// of it. Skipped when dist/ is missing.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`)
if (!built) console.warn('test/dist/subpaths: dist/ is missing, so the subpath tests are skipped. Run `npm run build` (npm test does).')

interface Entry {
  spec: string
  esm?: string[]
  esmFile?: string
  esmError?: string
  cjs?: string[]
  cjsFile?: string
  cjsError?: string
}

type Files = { import: { default: string }; require: { default: string } }
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, (Files & { node: Files }) | string> }
const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json')

describe.skipIf(!built)('every exports subpath, import and require', () => {
  let report: Promise<Record<string, Entry>> | undefined
  const get = () =>
    (report ??= promisify(execFile)(process.execPath, ['test/dist/subpaths-probe.mjs'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout }) => JSON.parse(stdout) as Record<string, Entry>,
    ))

  test('the probe covers the root, presets, adapters and testing', () => {
    expect(subpaths).toContain('.')
    expect(subpaths).toContain('./testing')
    expect(subpaths.some((s) => s.startsWith('./providers/'))).toBe(true)
  })

  test.each(subpaths)('%s', async (subpath) => {
    const entry = (await get())[subpath]!
    // a plain node child: the "node" condition's build (dist/node/)
    const target = (pkg.exports[subpath] as Files & { node: Files }).node
    expect(entry.esmError).toBeUndefined()
    expect(entry.cjsError).toBeUndefined()
    expect(entry.esmFile).toBe(new URL(target.import.default, `file://${root}`).href)
    expect(entry.cjsFile).toBe(fileURLToPath(new URL(target.require.default, `file://${root}`)))
    expect(entry.esm!.length).toBeGreaterThan(0)
    expect(entry.cjs).toEqual(entry.esm)
  }, 30_000)
})
