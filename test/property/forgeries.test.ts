// The forgeries arbitrary (src/testing/forgeries.ts): every forgery of a genuine delivery is refused
// with the code it names, on presets of every shape and on every backend; and a verifier that trims
// secrets (as some peers do) is caught by the whitespace-secret forgery.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { presets } from '../../providers/index.js'
import type { KeyInput, Scheme, SecretInput, VerifyOptions } from '../../src/core/types.js'
import { verifyWebhook } from '../../src/core/verify.js'
import { arbitraries, forge, forgeries, forgeryKinds, isVerificationError, signDelivery, type ForgedRequest } from '../../src/testing/index.js'
import { createKeyResolver, keyModeOf } from '../../src/testing/delivery.js'

const SEED = 20261204
const backend = process.env.HOOKSEAL_BACKEND ?? 'node'

type Verify = (request: unknown, scheme: Scheme, secret: SecretInput, options: VerifyOptions) => Promise<unknown>

/** Why `verify` handled a forged request wrongly, or undefined. */
async function misjudged(verify: Verify, scheme: Scheme, forged: ForgedRequest): Promise<string | undefined> {
  try {
    await verify(forged.request, scheme, forged.secret, forged.options)
    return `${forged.what}: accepted`
  } catch (error) {
    if (forged.expect.includes('TypeError') && error instanceof TypeError) return undefined
    if (!isVerificationError(error)) return `${forged.what}: threw ${String(error)}`
    if (forged.expect.length > 0 && !forged.expect.includes(error.code)) return `${forged.what}: ${error.code}, expected ${forged.expect.join(' or ')}`
    return undefined
  }
}

function property(scheme: Scheme, verify: Verify, keyKind?: 'hmac' | 'ed25519') {
  const mode = keyModeOf(scheme, keyKind)
  const keyOf = createKeyResolver(scheme, mode)
  const arbs = arbitraries(scheme, { keyKind: mode, largestBodyBytes: 4096 })
  return fc.asyncProperty(arbs.delivery, forgeries(scheme, { keyKind: mode }), async (delivery, forgery) => {
    const forged = forge(scheme, await signDelivery(scheme, delivery, keyOf as (k: KeyInput) => Promise<KeyInput>), forgery)
    const problem = await misjudged(verify, scheme, forged)
    if (problem !== undefined) throw new Error(problem)
  })
}

const cases: Array<[string, Scheme, ('hmac' | 'ed25519')?]> = [
  ['github', presets.github],
  ['stripe', presets.stripe],
  ['discord', presets.discord],
  ['standard-webhooks (hmac)', presets['standard-webhooks'], 'hmac'],
  ['standard-webhooks (ed25519)', presets['standard-webhooks'], 'ed25519'],
  ['slack', presets.slack],
  ['twitch', presets.twitch],
  ['hubspot', presets.hubspot],
  ['shopify', presets.shopify],
]

describe('forgeries', () => {
  it('generate every kind that applies, and only those', () => {
    expect(forgeryKinds(presets.github)).not.toContain('clock-skewed')
    expect(forgeryKinds(presets.stripe)).toContain('clock-skewed')
    expect(forgeryKinds(presets.discord)).not.toContain('secret-whitespace')
    const seen = new Set(fc.sample(forgeries(presets.stripe), { numRuns: 500, seed: SEED }).map((f) => f.kind))
    expect([...seen].sort()).toEqual(forgeryKinds(presets.stripe).sort())
  })

  it.each(cases)('%s: every forgery is refused with its code', async (_, scheme, keyKind) => {
    const slow = backend === 'tweetnacl' && (keyKind === 'ed25519' || scheme.id === 'discord')
    await fc.assert(property(scheme, verifyWebhook, keyKind), { numRuns: slow ? 15 : 80, seed: SEED })
  })

  it('catch a verifier that trims the secret', async () => {
    const trimming: Verify = (request, scheme, secret, options) => verifyWebhook(request, scheme, typeof secret === 'string' ? secret.trim() : secret, options)
    const details = await fc.check(property(presets.github, trimming), { numRuns: 200, seed: SEED })
    expect(details.failed).toBe(true)
    expect(String(details.errorInstance)).toContain('padded with whitespace')
  })
})
