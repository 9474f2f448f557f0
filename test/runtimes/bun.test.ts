// The whole fixture suite against the BUILT package under Bun (node_modules/.bin/bun), from an
// installed copy outside the repo (host.ts installedCopy: Bun would otherwise apply the repo's
// tsconfig "paths" and load the source backend). Bun applies the `node` export condition, so
// '#crypto' is node:crypto; with --conditions=hookseal-web / hookseal-tweetnacl the same run goes
// through Web Crypto, and Web Crypto with Ed25519 on tweetnacl.
import { afterAll, describe, expect, test } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { built, cryptoKeyExpected, fixtureFile, installedCopy, lastJsonLine, root, run, skipReason } from './host.js'

if (!built) console.warn(`test/runtimes/bun: ${skipReason}`)

const runs = [
  { conditions: [], backend: 'node' },
  { conditions: ['--conditions=hookseal-web'], backend: 'web' },
  { conditions: ['--conditions=hookseal-tweetnacl'], backend: 'web+tweetnacl' },
] as const

describe.skipIf(!built)('Bun', () => {
  const input = built ? fixtureFile() : undefined
  const home = built ? mkdtempSync(join(tmpdir(), 'hookseal-bun-')) : ''
  const entry = built ? installedCopy(home) : ''
  afterAll(() => {
    if (input) rmSync(dirname(input.file), { recursive: true, force: true })
    if (home) rmSync(home, { recursive: true, force: true })
  })

  test.each(runs)('every fixture in every shape, $conditions → $backend backend', async ({ conditions, backend }) => {
    const result = lastJsonLine(await run(`${root}node_modules/.bin/bun`, [...conditions, entry, input!.file], {}, home))
    expect(result.failures).toEqual([])
    expect(result.cryptoKey).toEqual(cryptoKeyExpected)
    expect(result.passed).toBe(input!.count * 4)
    expect(result.backend).toBe(backend)
  }, 60_000)
})
