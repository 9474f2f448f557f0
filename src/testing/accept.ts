// Genuine deliveries verify, whatever the body, the secret, the header spelling, the container, the
// view the body arrives in, the clock inside the window or the position of the secret in a rotation;
// the window's edges and wrong secrets fail with their exact codes.
import fc from 'fast-check'
import { fromBase64, isBytes, toBase64, toHex, utf8 } from '../internal.js'
import type { KeyInput, Scheme, VerifyOptions } from '../core/types.js'
import { ed25519Seed, hmacSecret } from './arbitraries.js'
import { bytesEqual, keyPrefix, prng, randomCase, sameKey } from './delivery.js'
import { always, attempt, checkResult, event, expectAccepted, expectCode, headerNames, MISMATCH, type PropertyContext, type PropertyDefinition } from './harness.js'

export const roundTrip: PropertyDefinition = {
  name: 'round-trip',
  summary: 'sign → verify round trip for any body bytes and any secret, with now = the signed time',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({
        delivery: ctx.arbs.delivery,
        bodyForm: fc.constantFrom('bytes', 'string', 'base64', 'arraybuffer'),
        keyForm: fc.constantFrom('raw', 'hex', 'HEX', 'base64', 'pem'),
        nowAsDate: fc.boolean(),
      }),
      async ({ delivery, bodyForm, keyForm, nowAsDate }) => {
        const signed = await ctx.sign(delivery)
        const { body } = delivery
        let sent: unknown = body
        let extra: Record<string, unknown> = {}
        if (bodyForm === 'string') {
          // only where the bytes are UTF-8 that survives a decode (a platform hands such bodies over as strings)
          const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body)
          if (bytesEqual(utf8(text), body)) sent = text
        } else if (bodyForm === 'base64') {
          sent = toBase64(body)
          extra = { isBase64Encoded: true }
        } else if (bodyForm === 'arraybuffer') {
          sent = body.slice().buffer
        }
        const key = ctx.mode === 'ed25519' ? ed25519KeyForm(ctx.scheme, signed.verifyKey, keyForm) : signed.verifyKey
        const outcome = await attempt(ctx, signed, event(signed.headers, sent, extra), key, { now: nowAsDate ? new Date(signed.signedMs) : signed.signedMs })
        checkResult(ctx, expectAccepted(outcome, 'a freshly signed delivery'), signed, 'a freshly signed delivery')
      },
    ),
}

const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00)

/**
 * The Ed25519 public key in every form users paste: bytes, hex (either case), base64, PEM (RFC 8410);
 * behind the scheme's prefix where it marks public keys by one (then text forms only).
 */
function ed25519KeyForm(scheme: Scheme, key: KeyInput, form: string): KeyInput {
  const marked = keyPrefix(scheme, 'ed25519')
  let raw: Uint8Array | undefined
  if (isBytes(key)) raw = key
  else if (typeof key === 'string' && marked.required && key.startsWith(marked.prefix)) raw = fromBase64(key.slice(marked.prefix.length))
  if (raw === undefined) return key
  if (marked.required) return marked.prefix + (form === 'hex' ? toHex(raw) : form === 'HEX' ? toHex(raw).toUpperCase() : toBase64(raw))
  switch (form) {
    case 'hex':
      return toHex(raw)
    case 'HEX':
      return toHex(raw).toUpperCase()
    case 'base64':
      return toBase64(raw)
    case 'pem': {
      const spki = new Uint8Array(SPKI_PREFIX.length + raw.length)
      spki.set(SPKI_PREFIX)
      spki.set(raw, SPKI_PREFIX.length)
      return `-----BEGIN PUBLIC KEY-----\n${toBase64(spki)}\n-----END PUBLIC KEY-----\n`
    }
    default:
      return raw
  }
}

export const headerCase: PropertyDefinition = {
  name: 'header-case',
  summary: 'header-name case never matters: random case per header in a plain object, Web Headers, raw header pairs and a Web Request',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({
        delivery: ctx.arbs.delivery,
        caseSeeds: fc.array(fc.integer(), { minLength: 3, maxLength: 3 }),
        container: fc.constantFrom('object', 'headers', 'raw', 'request'),
      }),
      async ({ delivery, caseSeeds, container }) => {
        const signed = await ctx.sign(delivery)
        const names = headerNames(ctx)
        const entries = Object.entries(signed.headers).map(([name, value]): [string, string] => {
          const k = names.indexOf(name)
          return [randomCase(name, caseSeeds[k < 0 ? 0 : k]!), value]
        })
        let request: unknown
        if (container === 'object') request = event(Object.fromEntries(entries), delivery.body)
        else if (container === 'headers') request = event(new Headers(entries), delivery.body)
        else if (container === 'raw') request = event(entries.flat(), delivery.body)
        else request = new Request('http://127.0.0.1/webhook', { method: 'POST', headers: entries, body: delivery.body.slice() })
        const what = `headers ${entries.map(([n]) => n).join(', ')} in a ${container}`
        const outcome = await attempt(ctx, signed, request, signed.verifyKey, { now: signed.nowMs })
        checkResult(ctx, expectAccepted(outcome, what), signed, what)
      },
    ),
}

export const bodyView: PropertyDefinition = {
  name: 'body-view',
  summary: 'a body passed as a Uint8Array view at an offset inside a larger buffer verifies the same',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, before: fc.integer({ min: 0, max: 64 }), after: fc.integer({ min: 0, max: 64 }), fill: fc.integer() }),
      async ({ delivery, before, after, fill }) => {
        const signed = await ctx.sign(delivery)
        const next = prng(fill)
        const buffer = new Uint8Array(before + delivery.body.length + after)
        for (let i = 0; i < buffer.length; i++) buffer[i] = (next() * 256) | 0
        buffer.set(delivery.body, before)
        const view = buffer.subarray(before, before + delivery.body.length)
        const what = `the body as a view at offset ${before} with ${after} bytes after it`
        const outcome = await attempt(ctx, signed, event(signed.headers, view), signed.verifyKey, { now: signed.nowMs })
        checkResult(ctx, expectAccepted(outcome, what), signed, what)
      },
    ),
}

export const timestampWindow: PropertyDefinition = {
  name: 'timestamp-window',
  summary: 'exactly at the tolerance verifies; one second beyond fails TOO_OLD, one second beyond in the future IN_FUTURE; explicit toleranceSeconds (0 too) enforced',
  applies: (scheme) => scheme.timestamp !== undefined,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({
        delivery: ctx.arbs.delivery,
        tolerance: fc.option(fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 86_400 })), { nil: undefined }),
        inside: fc.double({ min: -1, max: 1, noNaN: true }),
        nowAsDate: fc.boolean(),
      }),
      async ({ delivery, tolerance, inside, nowAsDate }) => {
        const signed = await ctx.sign(delivery)
        const tolMs = (tolerance ?? ctx.scheme.timestamp!.toleranceSeconds) * 1000
        const options = (nowMs: number): VerifyOptions => ({
          now: nowAsDate ? new Date(nowMs) : nowMs,
          ...(tolerance !== undefined && { toleranceSeconds: tolerance }),
        })
        const label = tolerance === undefined ? `the default ${tolMs / 1000} s tolerance` : `toleranceSeconds: ${tolerance}`
        const cases: Array<[number, string | undefined, string]> = [
          [signed.signedMs + tolMs, undefined, `exactly ${tolMs / 1000} s old with ${label}`],
          [signed.signedMs - tolMs, undefined, `exactly ${tolMs / 1000} s in the future with ${label}`],
          [signed.signedMs + Math.trunc(inside * tolMs), undefined, `${Math.trunc(inside * tolMs)} ms old with ${label}`],
          [signed.signedMs + tolMs + 1000, 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD', `one second beyond ${label}`],
          [signed.signedMs - tolMs - 1000, 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE', `one second into the future beyond ${label}`],
        ]
        for (const [nowMs, code, what] of cases) {
          const outcome = await attempt(ctx, signed, event(signed.headers, delivery.body), signed.verifyKey, options(nowMs))
          if (code === undefined) checkResult(ctx, expectAccepted(outcome, what), signed, what)
          else expectCode(outcome, code, what)
        }
      },
    ),
}

/** Secrets that are different keys from `right` (and from each other's position: duplicates are fine). */
function otherKeys(ctx: PropertyContext, right: KeyInput, candidates: readonly KeyInput[]): KeyInput[] {
  return candidates.filter((k) => !sameKey(ctx.scheme, ctx.mode, k, right))
}

export const rotation: PropertyDefinition = {
  name: 'rotation',
  summary: 'with several secrets and the right one at a random index, matchedSecret is that index',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, wrong: fc.array(rotationKey(ctx), { maxLength: 4 }), at: fc.nat() }),
      async ({ delivery, wrong, at }) => {
        const signed = await ctx.sign(delivery)
        const others = await Promise.all(otherKeys(ctx, delivery.secret, wrong).map(ctx.verifyKeyOf))
        const index = at % (others.length + 1)
        const secrets = [...others.slice(0, index), signed.verifyKey, ...others.slice(index)]
        const what = `the right secret at index ${index} of ${secrets.length}`
        const outcome = await attempt(ctx, signed, event(signed.headers, delivery.body), secrets, { now: signed.nowMs })
        checkResult(ctx, expectAccepted(outcome, what), signed, what, index)
      },
    ),
}

/** Random keys of the scheme's kind (wrong ones, for rotation), even when a fixed secret is configured. */
function rotationKey(ctx: PropertyContext): fc.Arbitrary<KeyInput> {
  return ctx.mode === 'hmac' ? hmacSecret(ctx.scheme) : ed25519Seed(ctx.scheme)
}

export const wrongSecret: PropertyDefinition = {
  name: 'wrong-secret',
  summary: 'any other secret (or set of secrets) fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, wrong: fc.array(rotationKey(ctx), { minLength: 1, maxLength: 3 }) }),
      async ({ delivery, wrong }) => {
        const signed = await ctx.sign(delivery)
        const others = otherKeys(ctx, delivery.secret, wrong)
        fc.pre(others.length > 0)
        const keys = await Promise.all(others.map(ctx.verifyKeyOf))
        const outcome = await attempt(ctx, signed, event(signed.headers, delivery.body), keys.length === 1 ? keys[0]! : keys, { now: signed.nowMs })
        expectCode(outcome, MISMATCH, `${keys.length} wrong secret(s)`)
      },
    ),
}

// The garbage property: headers and bodies a hostile client could send. The verifier may reject
// with any of its codes, but only with WebhookVerificationError, and it must never accept when the
// signature header or the body is not the genuine one, or a stale delivery carries a fresh timestamp.
