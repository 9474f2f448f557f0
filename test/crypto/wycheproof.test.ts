// Project Wycheproof (C2SP/wycheproof, testvectors_v1, commit dac1dd4) against whichever crypto
// backend this vitest project aliases `#crypto` to (node:crypto, Web Crypto, Web Crypto + tweetnacl).
// The vectors are read in place from ../shared/vectors/wycheproof (see its README); never copied here.
//
// Every case goes through the engine's own path (defineScheme + verifyWebhook with a plain event),
// because that is what users get; the raw backend is called too, to show what the engine adds on top
// (RFC 8032 §5.1.7 S < L, which tweetnacl alone does not check, and full-length MAC comparison).
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { backend } from '#crypto'
import { fromBinary } from '../../src/core/encoding.js'
import { defineScheme, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const BACKEND = process.env.HOOKSEAL_BACKEND ?? 'node'

function vectors<T>(name: string): T {
  const url = new URL(`../../../shared/vectors/wycheproof/${name}`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as T
}

function bytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

type Result = 'valid' | 'invalid' | 'acceptable'

/** What the engine did with one case. */
type Outcome = { kind: 'accepted' } | { kind: 'key-refused' } | { kind: 'rejected'; code: string }

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run()
    return { kind: 'accepted' }
  } catch (error) {
    if (error instanceof TypeError) return { kind: 'key-refused' }
    if (error instanceof WebhookVerificationError) return { kind: 'rejected', code: error.code }
    throw error // anything else is a bug: let the test fail with it
  }
}

// ---------------------------------------------------------------------------------------------
// Ed25519
// ---------------------------------------------------------------------------------------------

interface EddsaFile {
  numberOfTests: number
  testGroups: { publicKey: { pk: string }; tests: { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: Result }[] }[]
}

const ed = vectors<EddsaFile>('ed25519_test.json')
const edCases = ed.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: g.publicKey.pk })))

// A minimal Ed25519 scheme: the signature (hex) in one header, over the body alone.
const edScheme = defineScheme({
  id: 'wycheproof-ed25519',
  signatureHeader: 'X-Signature',
  algorithms: { '': 'ed25519' },
  encoding: 'hex',
  signedContent: '{body}',
})

// RFC 8032 §5.1.7: the group order L; a signature's S (bytes 32..63, little-endian) must be < L.
const L = 2n ** 252n + 27742317777372353535851937790883648493n
function sOf(sig: Uint8Array): bigint | undefined {
  if (sig.length !== 64) return undefined
  let s = 0n
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!)
  return s
}

const edTally = { valid: 0, invalid: 0, acceptable: 0, keyRefused: 0, rawAcceptedInvalid: [] as number[] }

describe(`Wycheproof Ed25519 (${ed.numberOfTests} cases) on the ${BACKEND} backend`, () => {
  test('the file holds the cases the README describes', () => {
    expect(edCases).toHaveLength(ed.numberOfTests)
    expect(edCases.length).toBeGreaterThan(100)
  })

  test.each(edCases)('tcId $tcId ($result, $flags): $comment', async (c) => {
    const msg = bytes(c.msg)
    const sig = bytes(c.sig)
    const got = await outcome(() => verifyWebhook({ headers: { 'x-signature': c.sig }, body: msg }, edScheme, c.pk))

    // What the backend alone says (it must never throw, whatever the signature length).
    const raw = await backend.verifyEd25519(bytes(c.pk), [msg], sig)
    expect(typeof raw).toBe('boolean')

    edTally[c.result]++
    if (got.kind === 'key-refused') edTally.keyRefused++
    if (c.result === 'valid') {
      expect(got).toEqual({ kind: 'accepted' })
      expect(raw).toBe(true)
    } else if (c.result === 'invalid') {
      // Either the key is refused at configuration (small-order / non-canonical keys) or the
      // request is refused with our error: a malformed signature never gets that far as a mismatch
      // of another kind.
      expect(got.kind).not.toBe('accepted')
      if (got.kind === 'rejected') expect(got.code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      if (raw) {
        // The backend alone accepted an invalid signature: that is only ever allowed for S ≥ L
        // (tweetnacl), which the engine rejects before the backend is asked.
        edTally.rawAcceptedInvalid.push(c.tcId)
        expect(sOf(sig)! >= L).toBe(true)
        expect(got).toEqual({ kind: 'rejected', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
      }
    } else {
      // 'acceptable': Wycheproof leaves the choice to the implementation. Documented, not pinned:
      // either outcome is fine as long as it is ours.
      expect(['accepted', 'key-refused', 'rejected']).toContain(got.kind)
    }
  })

  // Which invalid cases the raw backend accepts is a property of the backend: node:crypto and
  // Web Crypto (both OpenSSL in Node) check S < L themselves; tweetnacl 1.0.3 does not, so the
  // engine's own check is what protects that backend. Asserted per backend so a change shows up.
  test('the raw backend accepts an invalid case only where expected (tweetnacl: S ≥ L malleability)', async () => {
    const accepted: number[] = []
    for (const c of edCases) {
      if (c.result !== 'invalid') continue
      if (await backend.verifyEd25519(bytes(c.pk), [bytes(c.msg)], bytes(c.sig))) accepted.push(c.tcId)
    }
    if (BACKEND === 'tweetnacl') {
      expect(accepted.length).toBeGreaterThan(0)
      for (const id of accepted) {
        const c = edCases.find((x) => x.tcId === id)!
        expect(sOf(bytes(c.sig))! >= L).toBe(true)
      }
    } else {
      expect(accepted).toEqual([])
    }
  })

  afterAll(() => {
    console.log(
      `[wycheproof ed25519 / ${BACKEND}] valid ${edTally.valid}, invalid ${edTally.invalid}, acceptable ${edTally.acceptable}; ` +
        `key refused at configuration ${edTally.keyRefused}; invalid accepted by the raw backend alone: [${edTally.rawAcceptedInvalid.join(', ')}]`,
    )
  })
})

// ---------------------------------------------------------------------------------------------
// HMAC-SHA1 / HMAC-SHA256
// ---------------------------------------------------------------------------------------------

interface MacFile {
  algorithm: string
  numberOfTests: number
  testGroups: { keySize: number; tagSize: number; tests: { tcId: number; comment: string; flags: string[]; key: string; msg: string; tag: string; result: Result }[] }[]
}

const macSuites = [
  { file: 'hmac_sha1_test.json', hash: 'sha1' as const, algorithm: 'hmac-sha1' as const, fullBits: 160 },
  { file: 'hmac_sha256_test.json', hash: 'sha256' as const, algorithm: 'hmac-sha256' as const, fullBits: 256 },
]

for (const suite of macSuites) {
  const data = vectors<MacFile>(suite.file)
  const cases = data.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, tagSize: g.tagSize, truncated: g.tagSize < suite.fullBits })))
  const scheme = defineScheme({
    id: `wycheproof-${suite.hash}`,
    signatureHeader: 'X-Signature',
    algorithms: { '': suite.algorithm },
    encoding: 'hex',
    signedContent: '{body}',
  })
  const tally = { fullValid: 0, fullInvalid: 0, truncatedValid: 0, truncatedInvalid: 0, emptyKeySkipped: 0 }

  describe(`Wycheproof ${data.algorithm} (${data.numberOfTests} cases) on the ${BACKEND} backend`, () => {
    test('the file holds full-length and truncated tags', () => {
      expect(cases).toHaveLength(data.numberOfTests)
      expect(cases.some((c) => c.truncated)).toBe(true)
      expect(cases.some((c) => !c.truncated && c.result === 'valid')).toBe(true)
    })

    test.each(cases)(`tcId $tcId ($result, tag $tagSize bits): $comment`, async (c) => {
      if (c.key === '') {
        // An empty secret is a configuration error by design (TypeError), not a verification result.
        tally.emptyKeySkipped++
        await expect(verifyWebhook({ headers: { 'x-signature': c.tag }, body: bytes(c.msg) }, scheme, new Uint8Array(0))).rejects.toBeInstanceOf(TypeError)
        return
      }
      const key = bytes(c.key)
      const msg = bytes(c.msg)
      const got = await outcome(() => verifyWebhook({ headers: { 'x-signature': c.tag }, body: msg }, scheme, key))
      const mac = fromBinary(await backend.hmac(suite.hash, key, [msg]))
      expect(mac).toHaveLength(suite.fullBits / 8)

      if (!c.truncated && c.result === 'valid') {
        tally.fullValid++
        expect(Buffer.from(mac).toString('hex')).toBe(c.tag)
        expect(got).toEqual({ kind: 'accepted' })
      } else if (!c.truncated) {
        tally.fullInvalid++
        expect(got).toEqual({ kind: 'rejected', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
      } else {
        // A webhook signature is the whole digest: a truncated tag never passes, not even the
        // Wycheproof-valid ones, which are exact prefixes of the right MAC.
        if (c.result === 'valid') {
          tally.truncatedValid++
          expect(Buffer.from(mac).toString('hex').startsWith(c.tag)).toBe(true)
        } else {
          tally.truncatedInvalid++
        }
        expect(got).toEqual({ kind: 'rejected', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
      }
    })

    afterAll(() => {
      console.log(
        `[wycheproof ${data.algorithm} / ${BACKEND}] full-length: ${tally.fullValid} valid verified, ${tally.fullInvalid} invalid rejected; ` +
          `truncated: ${tally.truncatedValid} valid-prefix + ${tally.truncatedInvalid} invalid, all rejected; empty keys skipped: ${tally.emptyKeySkipped}`,
      )
    })
  })
}
