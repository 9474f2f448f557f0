// The whole fixture suite against the BUILT package under Bun (node_modules/.bin/bun), loaded by
// its own name. Bun applies the `node` export condition, so '#crypto' is the node:crypto backend.
// (Bun 1.4.5 ignores --conditions for package.json "imports", so the web backend is not forced here;
// it runs under Deno, workerd and the edge runtime.)
import { afterAll, describe, expect, test } from 'vitest'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { built, cryptoKeyExpected, fixtureFile, lastJsonLine, root, run, skipReason } from './host.js'

if (!built) console.warn(`test/runtimes/bun: ${skipReason}`)

describe.skipIf(!built)('Bun', () => {
  const input = built ? fixtureFile() : undefined
  afterAll(() => input && rmSync(dirname(input.file), { recursive: true, force: true }))

  test('every fixture in every shape, node:crypto backend', async () => {
    const result = lastJsonLine(await run(`${root}node_modules/.bin/bun`, ['test/runtimes/entry-local.mjs', input!.file]))
    expect(result.failures).toEqual([])
    expect(result.cryptoKey).toEqual(cryptoKeyExpected)
    expect(result.passed).toBe(input!.count * 4)
    expect(result.backend).toBe('node')
  }, 60_000)
})
