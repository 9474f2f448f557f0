// The whole fixture suite against the BUILT package under Deno (node_modules/.bin/deno), loaded by
// its own name through the repo's package.json and node_modules (no network, no npm: specifiers).
// Deno applies the `node` condition, so '#crypto' is node:crypto; with --conditions=hookseal-web
// the same run goes through the Web Crypto backend, and with --conditions=hookseal-tweetnacl
// through Web Crypto with Ed25519 on tweetnacl. Permissions: read only (the repo and the
// fixture file); importing hookseal must not need env, net or anything else.
import { afterAll, describe, expect, test } from 'vitest'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { built, cryptoKeyExpected, fixtureFile, lastJsonLine, root, run, skipReason } from './host.js'

if (!built) console.warn(`test/runtimes/deno: ${skipReason}`)

const runs = [
  { conditions: [], backend: 'node' },
  { conditions: ['--conditions=hookseal-web'], backend: 'web' },
  { conditions: ['--conditions=hookseal-tweetnacl'], backend: 'web+tweetnacl' },
] as const

describe.skipIf(!built)('Deno', () => {
  const input = built ? fixtureFile() : undefined
  afterAll(() => input && rmSync(dirname(input.file), { recursive: true, force: true }))

  test.each(runs)('every fixture in every shape, $conditions → $backend backend', async ({ conditions, backend }) => {
    const args = ['run', '--no-prompt', '--no-remote', `--allow-read=${root},${dirname(input!.file)}`, ...conditions, 'test/runtimes/entry-local.mjs', input!.file]
    const result = lastJsonLine(await run(`${root}node_modules/.bin/deno`, args, { DENO_NO_UPDATE_CHECK: '1' }))
    expect(result.failures).toEqual([])
    expect(result.cryptoKey).toEqual(cryptoKeyExpected)
    expect(result.passed).toBe(input!.count * 4)
    expect(result.backend).toBe(backend)
  }, 60_000)
})
