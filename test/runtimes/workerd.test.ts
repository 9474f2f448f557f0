// The whole fixture suite against the BUILT package in Cloudflare's workerd, through miniflare 3:
// the package bundled the way a Worker bundler does (worker conditions, no `node` condition, so
// '#crypto' is the Web Crypto backend), with and without the nodejs_compat flag, fixtures POSTed to
// the Worker with dispatchFetch. Miniflare listens on 127.0.0.1 only.
import { describe, expect, test } from 'vitest'
import { Miniflare } from 'miniflare'
import { built, cryptoKeyExpected, bundleWeb, fixtureInput, skipReason, type RunResult } from './host.js'

if (!built) console.warn(`test/runtimes/workerd: ${skipReason}`)

// The last run forces Ed25519 onto tweetnacl (the `hookseal-tweetnacl` condition), as on a workerd
// whose crypto.subtle lacks Ed25519: tweetnacl must bundle and run there too.
const runs = [
  { flags: [], conditions: [], backend: 'web' },
  { flags: ['nodejs_compat'], conditions: [], backend: 'web' },
  { flags: [], conditions: ['hookseal-tweetnacl'], backend: 'web+tweetnacl' },
] as const

describe.skipIf(!built)('workerd (miniflare)', () => {
  test.each(runs)('every fixture in every shape, flags $flags, conditions $conditions → $backend backend', async ({ flags, conditions, backend }) => {
    const { code } = await bundleWeb('test/runtimes/entry-web.mjs', { conditions: [...conditions] })
    const input = fixtureInput()
    const mf = new Miniflare({
      modules: true,
      script: code,
      compatibilityDate: '2025-07-01',
      compatibilityFlags: [...flags],
      host: '127.0.0.1',
    })
    try {
      const response = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body: input.json })
      expect(response.status).toBe(200)
      const result = (await response.json()) as RunResult
      expect(result.failures).toEqual([])
      expect(result.cryptoKey).toEqual(cryptoKeyExpected)
      expect(result.passed).toBe(input.count * 4)
      expect(result.backend).toBe(backend)
      console.info(`workerd ${JSON.stringify(flags)}: backend ${result.backend}, crypto.subtle Ed25519: ${result.subtleEd25519}`)
    } finally {
      await mf.dispose()
    }
  }, 60_000)
})
