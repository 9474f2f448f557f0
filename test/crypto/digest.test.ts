// backend.digest (plain SHA-1/256/512 of the concatenated parts, used for Twilio's bodySHA256) on
// every backend: the FIPS 180-2 appendix examples ("abc", the 448-bit two-block message) and the
// empty string, and the same answer however the message is split into parts.
import { describe, expect, test } from 'vitest'
import { backend } from '#crypto'

const text = (s: string) => new TextEncoder().encode(s)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const TWO_BLOCK = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'

// FIPS 180-2 appendices A.1/A.2 (SHA-1), B.1/B.2 (SHA-256), C.1 (SHA-512); the empty string from NIST's CAVS short-message files.
const VECTORS = [
  ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['sha1', TWO_BLOCK, '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['sha256', TWO_BLOCK, '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ['sha256', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['sha512', 'abc', 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'],
] as const

describe(`backend.digest on ${process.env.HOOKSEAL_BACKEND ?? 'node'}`, () => {
  test.each(VECTORS)('%s(%j)', async (hash, message, expected) => {
    expect(hex(await backend.digest(hash, [text(message)]))).toBe(expected)
  })

  test('parts are hashed as their concatenation', async () => {
    const parts = [text('abcdbcde'), new Uint8Array(0), text('cdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')]
    expect(hex(await backend.digest('sha256', parts))).toBe(VECTORS[3][2])
    expect(hex(await backend.digest('sha256', []))).toBe(VECTORS[4][2])
  })
})
