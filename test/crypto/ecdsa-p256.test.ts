// ECDSA P-256 / SHA-256 on every backend: a published known answer (RFC 6979 appendix A.2.5), a
// node:crypto round trip, and strict DER: a signature that is not the one DER encoding of (r, s)
// never verifies, on any backend, whatever the parser underneath (OpenSSL for node:crypto, our
// derToP1363 in front of Web Crypto, which takes the fixed r‖s form).
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { backend } from '#crypto'
import { derToP1363 } from '../../src/crypto/web.js'
import { defineScheme, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const BACKEND = process.env.HOOKSEAL_BACKEND ?? 'node'

function bytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
const text = (s: string) => new TextEncoder().encode(s)

// RFC 6979 A.2.5 (P-256): public key U = (Ux, Uy) and the deterministic SHA-256 signatures of the
// ASCII messages "sample" and "test".
const UX = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6'
const UY = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299'
const SAMPLE = { r: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716', s: 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8' }
const TEST = { r: 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367', s: '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083' }

// SubjectPublicKeyInfo for an uncompressed P-256 point: the fixed DER header (id-ecPublicKey,
// prime256v1, BIT STRING of 66 bytes) followed by 04 ‖ X ‖ Y.
const SPKI = bytes('3059301306072a8648ce3d020106082a8648ce3d030107034200' + '04' + UX + UY)
const PEM = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(SPKI).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`

// Hand-written DER, so that every malformed variant below is exactly what its name says.
// sample: r and s both have the top bit set, so each INTEGER carries one 0x00 pad (33 bytes).
const SAMPLE_DER = `3046022100${SAMPLE.r}022100${SAMPLE.s}`
// test: r padded (33 bytes), s starts with 0x01 so it is a plain 32-byte INTEGER.
const TEST_DER = `3045022100${TEST.r}0220${TEST.s}`

const scheme = defineScheme({
  id: 'ecdsa-conformance',
  signatureHeader: 'X-Signature',
  algorithms: { '': 'ecdsa-p256-sha256' },
  encoding: 'base64',
  signedContent: '{body}',
})

async function engineCode(derHex: string, message: string): Promise<string> {
  try {
    await verifyWebhook({ headers: { 'X-Signature': Buffer.from(derHex, 'hex').toString('base64') }, body: message }, scheme, PEM)
    return 'ok'
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code
    throw error
  }
}

describe(`ECDSA P-256 on the ${BACKEND} backend`, () => {
  test('RFC 6979 A.2.5 known answers verify (backend and engine)', async () => {
    expect(await backend.verifyEcdsaP256(SPKI, [text('sample')], bytes(SAMPLE_DER))).toBe(true)
    expect(await backend.verifyEcdsaP256(SPKI, [text('test')], bytes(TEST_DER))).toBe(true)
    // the message may arrive in parts (signed-content templates): same bytes, same answer
    expect(await backend.verifyEcdsaP256(SPKI, [text('sam'), text('ple')], bytes(SAMPLE_DER))).toBe(true)
    expect(await engineCode(SAMPLE_DER, 'sample')).toBe('ok')
    expect(await engineCode(TEST_DER, 'test')).toBe('ok')
  })

  test('a known answer for another message, or swapped, does not verify', async () => {
    expect(await backend.verifyEcdsaP256(SPKI, [text('test')], bytes(SAMPLE_DER))).toBe(false)
    expect(await backend.verifyEcdsaP256(SPKI, [text('sample ')], bytes(SAMPLE_DER))).toBe(false)
    expect(await engineCode(SAMPLE_DER, 'Sample')).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the fixed r‖s (IEEE P1363) form is not DER and is refused', async () => {
    expect(await backend.verifyEcdsaP256(SPKI, [text('sample')], bytes(SAMPLE.r + SAMPLE.s))).toBe(false)
    expect(await engineCode(SAMPLE.r + SAMPLE.s, 'sample')).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('round trip with a fresh node:crypto key (DER verifies, P1363 does not)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))
    const msg = text('{"event":"ping"}')
    const der = new Uint8Array(nodeSign('sha256', msg, { key: privateKey, dsaEncoding: 'der' }))
    const p1363 = new Uint8Array(nodeSign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }))
    expect(await backend.verifyEcdsaP256(spki, [msg], der)).toBe(true)
    expect(await backend.verifyEcdsaP256(spki, [msg], p1363)).toBe(false)
    expect(await backend.verifyEcdsaP256(spki, [text('{"event":"pong"}')], der)).toBe(false)
  })

  // Each variant encodes the same (r, s) as a valid signature, or something next to it, in a way
  // DER (X.690 §10) forbids. A lenient BER parser would accept several of them.
  const malformed: [string, string, string][] = [
    ['trailing byte after the SEQUENCE', 'sample', SAMPLE_DER + '00'],
    ['extra element inside the SEQUENCE', 'sample', `3048022100${SAMPLE.r}022100${SAMPLE.s}0500`],
    ['SET tag instead of SEQUENCE', 'sample', '31' + SAMPLE_DER.slice(2)],
    ['BIT STRING tag instead of INTEGER for r', 'sample', `3046032100${SAMPLE.r}022100${SAMPLE.s}`],
    ['OCTET STRING tag instead of INTEGER for s', 'sample', `3046022100${SAMPLE.r}042100${SAMPLE.s}`],
    ['non-minimal s (needless 0x00 before 0x01)', 'test', `3046022100${TEST.r}022100${TEST.s}`],
    ['non-minimal r (two leading zeros)', 'sample', `304702220000${SAMPLE.r}022100${SAMPLE.s}`],
    ['negative r (pad dropped, top bit set)', 'sample', `30450220${SAMPLE.r}022100${SAMPLE.s}`],
    ['long-form SEQUENCE length for a short length', 'sample', `308146022100${SAMPLE.r}022100${SAMPLE.s}`],
    ['long-form INTEGER length', 'sample', `304702812100${SAMPLE.r}022100${SAMPLE.s}`],
    ['SEQUENCE length one too long', 'sample', `3047022100${SAMPLE.r}022100${SAMPLE.s}`],
    ['SEQUENCE length one too short', 'sample', `3045022100${SAMPLE.r}022100${SAMPLE.s}`],
    ['truncated by one byte', 'sample', SAMPLE_DER.slice(0, -2)],
    ['empty INTEGER for r', 'sample', `30250200022100${SAMPLE.s}`],
    ['s of 33 bytes without a pad', 'test', `3046022100${TEST.r}0221ff${TEST.s}`],
    ['empty signature', 'sample', ''],
    ['SEQUENCE of nothing', 'sample', '3000'],
  ]

  // Well-formed DER, but out of range for ECDSA (r must be in [1, n − 1]): the verifier refuses it.
  const outOfRange: [string, string, string][] = [['r = 0', 'sample', `3026020100022100${SAMPLE.s}`]]

  test.each([...malformed, ...outOfRange])('strict DER: %s', async (_name, message, derHex) => {
    expect(await backend.verifyEcdsaP256(SPKI, [text(message)], bytes(derHex))).toBe(false)
    expect(await engineCode(derHex, message)).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test.each(malformed)('derToP1363 refuses: %s', (_name, _message, derHex) => {
    expect(derToP1363(bytes(derHex))).toBeUndefined()
  })

  test('derToP1363 maps minimal DER to left-padded r‖s', () => {
    expect(Buffer.from(derToP1363(bytes(SAMPLE_DER))!).toString('hex')).toBe(SAMPLE.r + SAMPLE.s)
    expect(Buffer.from(derToP1363(bytes(TEST_DER))!).toString('hex')).toBe(TEST.r + TEST.s)
    // small integers are left-padded to 32 bytes each
    expect(Buffer.from(derToP1363(bytes('3006020101020102'))!).toString('hex')).toBe('00'.repeat(31) + '01' + '00'.repeat(31) + '02')
    // 0x00 pad exactly where the top bit needs it
    expect(Buffer.from(derToP1363(bytes('30080202008002020080'))!).toString('hex')).toBe('00'.repeat(31) + '80' + '00'.repeat(31) + '80')
  })
})
