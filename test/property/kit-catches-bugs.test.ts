// The property kit must catch broken verifiers and broken schemes, not just pass on ours. Each case
// below reproduces a bug peers have shipped (see DESIGN.md principles 1, 3 and 8) and asserts that
// checkScheme reports ok === false naming the property that exposes it. A hand-written correct
// verifier passes the whole suite, so the kit is not tied to our engine's internals.
import { timingSafeEqual } from 'node:crypto'
import { backend } from '#crypto'
import { describe, expect, it } from 'vitest'
import { presets } from '../../providers/index.js'
import { captureRequest } from '../../src/body/index.js'
import { constantTimeEqual, fromBinary, fromHex, toHex, utf8 } from '../../src/core/encoding.js'
import { WebhookVerificationError } from '../../src/core/errors.js'
import { prepareHmacSecret } from '../../src/core/keys.js'
import { defineScheme } from '../../src/core/scheme.js'
import type { KeyInput, VerifiedWebhook } from '../../src/core/types.js'
import { verifyWebhook } from '../../src/core/verify.js'
import {
  checkScheme,
  describeScheme,
  PROPERTY_NAMES,
  PropertyFailureError,
  propertiesFor,
  type CheckResult,
  type PropertyName,
  type VerifyFunction,
} from '../../src/testing/index.js'

const RUNS = 100
// A fixed seed: these tests show the kit catches each broken verifier, so they must not depend on luck.
const SEED = 20261204

function failed(report: CheckResult): PropertyName[] {
  return report.failures.map((f) => f.property)
}

// ─── a hand-written GitHub verifier with switchable bugs ───────────────────────────────────────────

interface Bugs {
  /** How the decoded signature is compared with the expected MAC. */
  compare?: (given: Uint8Array, expected: Uint8Array) => boolean
  /** Compares the text after `sha256=` with the expected MAC directly, without decoding it. */
  compareText?: (text: string, expected: Uint8Array) => boolean
  /** How the hex after `sha256=` is decoded. */
  decodeHex?: (text: string) => Uint8Array | undefined
  /** What gets hashed instead of the exact bytes. */
  hashed?: (bytes: Uint8Array) => Uint8Array
  /** Header lookup by exact spelling in plain objects. */
  exactCaseHeaders?: boolean
  /** Reports the first secret as the match, whichever matched. */
  matchedSecretAlwaysZero?: boolean
}

function correctCompare(given: Uint8Array, expected: Uint8Array): boolean {
  return constantTimeEqual(given, expected)
}

function naiveGithub(bugs: Bugs = {}): VerifyFunction {
  const compare = bugs.compare ?? correctCompare
  const decodeHex = bugs.decodeHex ?? fromHex
  const hashed = bugs.hashed ?? ((b: Uint8Array) => b)
  return async (request, scheme, secret) => {
    const { bytes, headers } = await captureRequest(request, 1 << 20)
    let value = headers('x-hub-signature-256')
    const raw = (request as { headers?: unknown } | null)?.headers
    if (bugs.exactCaseHeaders && typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Headers)) {
      const record = raw as Record<string, unknown>
      const v = record['x-hub-signature-256'] ?? record['X-Hub-Signature-256']
      value = typeof v === 'string' ? v : undefined
    }
    if (value === undefined) throw new WebhookVerificationError('ERR_WEBHOOK_MISSING_HEADER', 'no signature')
    const text = value.startsWith('sha256=') ? value.slice(7) : undefined
    const given = text === undefined ? undefined : bugs.compareText ? new Uint8Array(0) : decodeHex(text)
    if (given === undefined) throw new WebhookVerificationError('ERR_WEBHOOK_MALFORMED_SIGNATURE', 'not sha256=<hex>')
    const secrets = (Array.isArray(secret) ? secret : [secret]) as KeyInput[]
    for (let i = 0; i < secrets.length; i++) {
      const mac = fromBinary(await backend.hmac('sha256', prepareHmacSecret(secrets[i]!), [hashed(bytes)]))
      if (bugs.compareText ? bugs.compareText(text!, mac) : compare(given, mac)) {
        const id = headers('x-github-delivery')
        return { kind: 'event', provider: scheme.id, rawBody: bytes, payload: undefined, matchedSecret: bugs.matchedSecretAlwaysZero ? 0 : i, ...(id !== undefined && { id }) } as VerifiedWebhook
      }
    }
    throw new WebhookVerificationError('ERR_WEBHOOK_SIGNATURE_MISMATCH', 'mismatch')
  }
}

describe('a correct hand-written verifier', () => {
  it('passes the whole suite for github', async () => {
    const report = await checkScheme(presets.github, { verify: naiveGithub(), numRuns: RUNS, seed: SEED })
    expect(report.failures).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.properties).toEqual(propertiesFor(presets.github))
  })
})

describe('broken verifiers are caught', () => {
  it('a comparison with a length-dependent early exit (a truncated or empty signature passes)', async () => {
    const prefixCompare = (given: Uint8Array, expected: Uint8Array) => {
      for (let i = 0; i < given.length; i++) if (given[i] !== expected[i]) return false
      return true
    }
    const report = await checkScheme(presets.github, { verify: naiveGithub({ compare: prefixCompare }), numRuns: RUNS, seed: SEED, properties: ['signature-length', 'round-trip'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['signature-length'])
    expect(report.failures[0]!.error).toMatch(/ERR_WEBHOOK_SIGNATURE_MISMATCH|ERR_WEBHOOK_MALFORMED_SIGNATURE/)
    expect(report.failures[0]!.error).toMatch(/accepted/)
  })

  it('=== on the hex text instead of decoding it (a non-hex signature is a mismatch, not malformed)', async () => {
    const stringEquals = (text: string, expected: Uint8Array) => text === toHex(expected)
    const verify = naiveGithub({ compareText: stringEquals })
    const report = await checkScheme(presets.github, { verify, numRuns: RUNS, seed: SEED })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['malformed-signature'])
    expect(report.failures[0]!.error).toMatch(/ERR_WEBHOOK_MALFORMED_SIGNATURE.*ERR_WEBHOOK_SIGNATURE_MISMATCH/)
    // The same bug also refuses an upper-case signature the engine accepts; no property sends one,
    // so this is shown directly with GitHub's documented example (docs.github.com, "Validating webhook deliveries").
    const upper = { headers: { 'X-Hub-Signature-256': 'sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17' }, body: 'Hello, World!' }
    const secret = "It's a Secret to Everybody"
    await expect(verifyWebhook(upper, presets.github, secret)).resolves.toMatchObject({ kind: 'event' })
    await expect(verify(upper, presets.github, secret, {})).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  })

  it('a comparison of the first 8 bytes only (accepts a truncated signature and most tampering)', async () => {
    const first8 = (given: Uint8Array, expected: Uint8Array) => given.length >= 8 && constantTimeEqual(given.subarray(0, 8), expected.subarray(0, 8))
    const report = await checkScheme(presets.github, { verify: naiveGithub({ compare: first8 }), numRuns: RUNS, seed: SEED, properties: ['signature-tamper', 'signature-length'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['signature-tamper', 'signature-length'])
  })

  it('timingSafeEqual without a length check (a RangeError escapes instead of our error)', async () => {
    const unchecked = (given: Uint8Array, expected: Uint8Array) => timingSafeEqual(given, expected)
    const report = await checkScheme(presets.github, { verify: naiveGithub({ compare: unchecked }), numRuns: RUNS, seed: SEED, properties: ['signature-length', 'garbage'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toContain('signature-length')
    expect(report.failures.find((f) => f.property === 'signature-length')!.error).toMatch(/RangeError/)
  })

  it("lenient hex decoding (Buffer.from(text, 'hex') stops at the first bad character)", async () => {
    const lenient = (text: string) => new Uint8Array(Buffer.from(text, 'hex'))
    const report = await checkScheme(presets.github, { verify: naiveGithub({ decodeHex: lenient }), numRuns: RUNS, seed: SEED, properties: ['malformed-signature'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['malformed-signature'])
  })

  it('hashing the body decoded to a string and re-encoded (breaks invalid UTF-8 and a BOM)', async () => {
    const viaString = (bytes: Uint8Array) => utf8(new TextDecoder().decode(bytes))
    const report = await checkScheme(presets.github, { verify: naiveGithub({ hashed: viaString }), numRuns: RUNS, seed: SEED, properties: ['round-trip', 'body-tamper'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toContain('round-trip')
  })

  it('hashing the whole ArrayBuffer behind a view (ignores byteOffset and length)', async () => {
    const wholeBuffer = (bytes: Uint8Array) => new Uint8Array(bytes.buffer)
    const report = await checkScheme(presets.github, { verify: naiveGithub({ hashed: wholeBuffer }), numRuns: RUNS, seed: SEED, properties: ['body-view'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['body-view'])
  })

  it('a header looked up by its exact spelling', async () => {
    const report = await checkScheme(presets.github, { verify: naiveGithub({ exactCaseHeaders: true }), numRuns: RUNS, seed: SEED, properties: ['header-case'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['header-case'])
  })

  it('a verifier that only checks the signature looks right (ignores body, secret and signature bytes)', async () => {
    const formatOnly = () => true
    const report = await checkScheme(presets.github, { verify: naiveGithub({ compare: formatOnly }), numRuns: RUNS, seed: SEED })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(expect.arrayContaining(['body-tamper', 'signature-tamper', 'signature-length', 'wrong-secret', 'garbage']))
  })

  it('rotation that always reports the first secret', async () => {
    const report = await checkScheme(presets.github, { verify: naiveGithub({ matchedSecretAlwaysZero: true }), numRuns: RUNS, seed: SEED, properties: ['rotation'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['rotation'])
  })

  it('a verifier that skips the timestamp window', async () => {
    const noWindow: VerifyFunction = (request, scheme, secret, options) => verifyWebhook(request, scheme, secret, { ...options, toleranceSeconds: 1e12 })
    const report = await checkScheme(presets.stripe, { verify: noWindow, numRuns: RUNS, seed: SEED, properties: ['timestamp-window', 'timestamp-tamper'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['timestamp-window'])
    expect(report.failures[0]!.error).toMatch(/ERR_WEBHOOK_TIMESTAMP_(TOO_OLD|IN_FUTURE)/)
  })

  it('a wrapper that splits the header itself and lets a TypeError escape on an array or a missing header', async () => {
    const splits: VerifyFunction = (request, scheme, secret, options) => {
      const headers = (request as { headers?: Record<string, unknown> }).headers
      ;(headers?.['stripe-signature'] as string).split(',') // throws on a missing, array or number header
      return verifyWebhook(request, scheme, secret, options)
    }
    const report = await checkScheme(presets.stripe, { verify: splits, numRuns: RUNS, seed: SEED, properties: ['garbage'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['garbage'])
    expect(report.failures[0]!.error).toMatch(/only ever be rejected with WebhookVerificationError.*TypeError/)
  })
})

describe('broken schemes are caught', () => {
  it('a scheme whose signed content leaves out the body', async () => {
    const ignoresBody = defineScheme({
      id: 'ignores-body',
      signatureHeader: 'X-Sig',
      labelSeparator: '=',
      algorithms: { sha256: 'hmac-sha256' },
      encoding: 'hex',
      timestamp: { header: 'X-Ts', unit: 's', toleranceSeconds: 300 },
      signedContent: ({ timestamp }) => [[utf8(timestamp ?? '')]],
    })
    const report = await checkScheme(ignoresBody, { numRuns: RUNS, seed: SEED, properties: ['round-trip', 'body-tamper'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['body-tamper'])
  })

  it('a scheme with a timestamp that the signature does not cover (replays pass with a fresh time)', async () => {
    const unsignedTime = defineScheme({
      id: 'unsigned-time',
      signatureHeader: 'X-Sig',
      labelSeparator: '=',
      algorithms: { sha256: 'hmac-sha256' },
      encoding: 'hex',
      timestamp: { header: 'X-Ts', unit: 's', toleranceSeconds: 300 },
      signedContent: '{body}',
    })
    const report = await checkScheme(unsignedTime, { numRuns: RUNS, seed: SEED, properties: ['round-trip', 'timestamp-tamper', 'timestamp-window'] })
    expect(report.ok).toBe(false)
    expect(failed(report)).toEqual(['timestamp-tamper'])
  })
})

describe('the kit itself', () => {
  it('reports a shrunk counterexample, the seed and the path', async () => {
    const prefixCompare = (given: Uint8Array, expected: Uint8Array) => given.every((b, i) => b === expected[i])
    const report = await checkScheme(presets.github, { verify: naiveGithub({ compare: prefixCompare }), numRuns: RUNS, seed: SEED, properties: ['signature-length'] })
    const failure = report.failures[0]!
    expect(failure.property).toBe('signature-length')
    expect(typeof failure.counterexample).toBe('string')
    expect(failure.counterexample.length).toBeGreaterThan(0)
    expect(typeof failure.seed).toBe('number')
    expect(typeof failure.path).toBe('string')
    // shrunk: an empty signature (keep 0 bytes) of a tiny body
    expect(failure.counterexample).toContain('"truncate":true,"keep":0')
    expect(failure.counterexample.length).toBeLessThan(400)
    // the same seed finds the same failure
    const again = await checkScheme(presets.github, { verify: naiveGithub({ compare: prefixCompare }), numRuns: RUNS, seed: SEED, properties: ['signature-length'] })
    expect(again.failures[0]!.counterexample).toBe(failure.counterexample)
  })

  it('describeScheme registers one test per applicable property and throws the failure from it', async () => {
    const suites: string[] = []
    const tests: Array<{ name: string; body: () => Promise<void> }> = []
    const fake = {
      describe: (name: string, body: () => void) => {
        suites.push(name)
        body()
      },
      it: (name: string, body: () => Promise<void>) => {
        tests.push({ name, body })
      },
    }
    describeScheme(presets.github, { ...fake, numRuns: 20, verify: naiveGithub({ matchedSecretAlwaysZero: true }) })
    expect(suites).toEqual(['hookseal properties: github'])
    expect(tests.map((t) => t.name)).toEqual(propertiesFor(presets.github))
    await expect(tests.find((t) => t.name === 'round-trip')!.body()).resolves.toBeUndefined()
    const error = await tests.find((t) => t.name === 'rotation')!.body().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PropertyFailureError)
    expect((error as PropertyFailureError).failure.property).toBe('rotation')
  })

  it('leaves out properties that do not apply and knows every name', () => {
    expect(propertiesFor(presets.github)).not.toContain('timestamp-window')
    expect(propertiesFor(presets.github)).not.toContain('id-tamper') // GitHub does not sign its delivery id
    expect(propertiesFor(presets.stripe)).toContain('timestamp-window')
    for (const name of propertiesFor(presets.discord)) expect(PROPERTY_NAMES).toContain(name)
  })

  it('refuses, with a TypeError, schemes it cannot sign and unknown options', async () => {
    const ecdsa = defineScheme({ id: 'ecdsa-only', signatureHeader: 'X-Sig', algorithms: { '': 'ecdsa-p256-sha256' }, encoding: 'base64', signedContent: '{body}' })
    const token = defineScheme({ id: 'token-only', signatureHeader: 'X-Token', algorithms: { '': 'token' }, encoding: 'text', signedContent: '' })
    await expect(checkScheme(ecdsa)).rejects.toBeInstanceOf(TypeError)
    await expect(checkScheme(token)).rejects.toBeInstanceOf(TypeError)
    await expect(checkScheme(presets.github, { properties: ['nope' as PropertyName] })).rejects.toBeInstanceOf(TypeError)
    await expect(checkScheme(presets.github, { numRuns: 0 })).rejects.toBeInstanceOf(TypeError)
    await expect(checkScheme(presets.github, { signingKey: 'x' })).rejects.toBeInstanceOf(TypeError)
    expect(() => describeScheme(presets.github, {} as never)).toThrow(TypeError)
  })

  it('signs with a fixed secret or key pair when given', async () => {
    const hmac = await checkScheme(presets.github, { secret: "It's a Secret to Everybody", numRuns: 20, properties: ['round-trip', 'rotation'] })
    expect(hmac.ok).toBe(true)
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60' // RFC 8032 §7.1 test 1
    const pub = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
    const pair = await checkScheme(presets.discord, { signingKey: seed, verifyKey: pub, numRuns: 10, properties: ['round-trip', 'wrong-secret'] })
    expect(pair.ok).toBe(true)
    // a public key that does not belong to the signing key breaks the round trip
    const wrongPub = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c' // RFC 8032 §7.1 test 2
    const broken = await checkScheme(presets.discord, { signingKey: seed, verifyKey: wrongPub, numRuns: 10, properties: ['round-trip'] })
    expect(failed(broken)).toEqual(['round-trip'])
  })
})
