// Why the engine refuses small-order Ed25519 public keys at configuration (src/core/keys.ts):
// with the identity point as the public key, the signature R = identity, S = 0 satisfies the
// verification equation [S]B = R + [k]A for every message, and every backend we ship (OpenSSL via
// node:crypto and Web Crypto, tweetnacl) accepts it. The Wycheproof file in ../shared holds no such
// key, so this is covered here. Encodings: the small-order points listed by libsodium
// (crypto_sign_ed25519 blocklist) and in "Taming the many EdDSAs" (Chalkias et al., 2020).
import { describe, expect, test } from 'vitest'
import { backend } from '#crypto'
import { defineScheme, verifyWebhook } from '../../src/index.js'

const BACKEND = process.env.HOOKSEAL_BACKEND ?? 'node'

function bytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

const IDENTITY = '01' + '00'.repeat(31)
// R = identity (encoded y = 1), S = 0.
const FORGED = IDENTITY + '00'.repeat(32)

const SMALL_ORDER = {
  'identity (order 1)': IDENTITY,
  'y = 0 (order 4)': '00'.repeat(32),
  'y = p − 1 (order 2)': 'ec' + 'ff'.repeat(30) + '7f',
  'order 8': '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'order 8 (the other y)': 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'y = 0 with the sign bit': '00'.repeat(31) + '80',
  // non-canonical encodings of small-order y (y ≥ p): p ≡ 0 and p + 1 ≡ 1
  'y = p (non-canonical 0)': 'ed' + 'ff'.repeat(30) + '7f',
  'y = p + 1 (non-canonical 1)': 'ee' + 'ff'.repeat(30) + '7f',
}

const scheme = defineScheme({ id: 'small-order', signatureHeader: 'X-Signature', algorithms: { '': 'ed25519' }, encoding: 'hex', signedContent: '{body}' })

describe(`small-order Ed25519 keys on the ${BACKEND} backend`, () => {
  test('the raw backend accepts a universal forgery under the identity key', async () => {
    for (const message of ['', '{"type":1}', 'any message at all']) {
      expect(await backend.verifyEd25519(bytes(IDENTITY), [new TextEncoder().encode(message)], bytes(FORGED))).toBe(true)
    }
  })

  test.each(Object.entries(SMALL_ORDER))('the engine refuses %s with a TypeError before any request', async (_name, key) => {
    await expect(verifyWebhook({ headers: { 'x-signature': FORGED }, body: 'x' }, scheme, key)).rejects.toBeInstanceOf(TypeError)
    await expect(verifyWebhook({ headers: { 'x-signature': FORGED }, body: 'x' }, scheme, bytes(key))).rejects.toBeInstanceOf(TypeError)
    await expect(verifyWebhook({ headers: { 'x-signature-ed25519': FORGED, 'x-signature-timestamp': '1' }, body: 'x' }, 'discord', key)).rejects.toBeInstanceOf(TypeError)
  })
})
