// The whole fixture suite against the BUILT package in the Vercel edge runtime (@edge-runtime/vm's
// EdgeVM: a V8 context with only the edge globals, no require, no process, no Buffer). The package
// is bundled as a script with the worker conditions, so '#crypto' is the Web Crypto backend.
import { describe, expect, test } from 'vitest'
import { EdgeVM } from '@edge-runtime/vm'
import { built, cryptoKeyExpected, bundleWeb, fixtureInput, skipReason, type RunResult } from './host.js'

if (!built) console.warn(`test/runtimes/edge: ${skipReason}`)

describe.skipIf(!built)('Vercel edge runtime (EdgeVM)', () => {
  test('every fixture in every shape → web backend', async () => {
    const { code } = await bundleWeb('test/runtimes/entry-web.mjs', { format: 'iife', globalName: '__hookseal' })
    const input = fixtureInput()
    const vm = new EdgeVM()
    // the edge runtime has no Node globals; the bundle must not need them
    expect(vm.evaluate('[typeof Buffer, typeof process, typeof require]')).toEqual(['undefined', 'undefined', 'undefined'])
    vm.evaluate(code)
    const run = vm.evaluate('__hookseal.run') as (json: string) => Promise<string>
    const result = JSON.parse(await run(input.json)) as RunResult
    expect(result.failures).toEqual([])
    expect(result.cryptoKey).toEqual(cryptoKeyExpected)
    expect(result.passed).toBe(input.count * 4)
    expect(result.backend).toBe('web')
    console.info(`edge runtime: backend ${result.backend}, crypto.subtle Ed25519: ${result.subtleEd25519}`)
  }, 60_000)
})
