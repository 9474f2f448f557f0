// The property suite every scheme runs (DESIGN.md principle 8): known answers live in the fixtures;
// these check the invariants that must hold for any body, secret, time and header spelling.
// Each property drives the verifier with plain event objects `{ headers, body }` (and Web
// `Headers`/`Request` where the container is the point) and asserts exact error codes.
import fc from 'fast-check'
import { fromBase64, isBytes, toBase64, toHex, utf8 } from '../core/encoding.js'
import { WebhookVerificationError } from '../core/errors.js'
import type { KeyInput, Scheme, SecretInput, VerifiedWebhook, VerifyOptions } from '../core/types.js'
import { ed25519Seed, hmacSecret, type SchemeArbitraries } from './arbitraries.js'
import {
  bytesEqual,
  prng,
  randomCase,
  readTimestamp,
  idHeaderName,
  keyPrefix,
  sameKey,
  signatureHeaderName,
  timestampText,
  withSignatureBytes,
  withSignatureText,
  withTimestamp,
  type GeneratedDelivery,
  type KeyMode,
  type SignedDelivery,
} from './delivery.js'

/** The shape of `verifyWebhook`; a custom one lets the kit test other verifiers (or broken ones). */
export type VerifyFunction = (request: unknown, scheme: Scheme, secret: SecretInput, options: VerifyOptions) => Promise<VerifiedWebhook>

/** Every property of the suite, in the order they run. */
export const PROPERTY_NAMES = [
  'round-trip',
  'body-tamper',
  'signature-tamper',
  'timestamp-tamper',
  'id-tamper',
  'signature-length',
  'malformed-signature',
  'header-case',
  'body-view',
  'timestamp-window',
  'rotation',
  'wrong-secret',
  'garbage',
] as const

export type PropertyName = (typeof PROPERTY_NAMES)[number]

export interface PropertyContext {
  scheme: Scheme
  mode: KeyMode
  verify: VerifyFunction
  arbs: SchemeArbitraries
  /** Signs a delivery with `sign()` and resolves the verifier's key for it. */
  sign: (delivery: GeneratedDelivery) => Promise<SignedDelivery>
  verifyKeyOf: (secret: KeyInput) => Promise<KeyInput>
}

/** Thrown inside a property when the verifier broke it; its message is the failure's `error`. */
export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation'
}

type Outcome = { accepted: true; result: VerifiedWebhook } | { accepted: false; error: unknown }

const MISMATCH = 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
const MALFORMED_SIGNATURE = 'ERR_WEBHOOK_MALFORMED_SIGNATURE'

/** Our error, by class and by name (the name survives a second copy of the package, instanceof does not). */
export function isVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof WebhookVerificationError &&
    error.name === 'WebhookVerificationError' &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_WEBHOOK_') &&
    typeof error.status === 'number'
  )
}

/** One verification; `signed.options` (the URL, for schemes that sign it) is always passed along. */
async function attempt(ctx: PropertyContext, signed: SignedDelivery, request: unknown, secret: SecretInput, options: VerifyOptions): Promise<Outcome> {
  try {
    return { accepted: true, result: await ctx.verify(request, ctx.scheme, secret, { ...signed.options, ...options }) }
  } catch (error) {
    return { accepted: false, error }
  }
}

function show(outcome: Outcome): string {
  if (outcome.accepted) return 'it was accepted'
  const e = outcome.error
  if (isVerificationError(e)) return `it was rejected with ${e.code} (status ${e.status})`
  if (e instanceof Error) return `it threw ${e.name}${(e as { code?: unknown }).code === undefined ? '' : ` ${String((e as { code?: unknown }).code)}`}: ${e.message}`
  return `it threw a non-error: ${String(e)}`
}

function expectCode(outcome: Outcome, codes: string | readonly string[], what: string): void {
  const list = typeof codes === 'string' ? [codes] : codes
  if (!outcome.accepted && isVerificationError(outcome.error) && list.includes(outcome.error.code)) return
  throw new PropertyViolation(`${what}: expected ${list.join(' or ')}, but ${show(outcome)}.`)
}

function expectAccepted(outcome: Outcome, what: string): VerifiedWebhook {
  if (outcome.accepted) return outcome.result
  throw new PropertyViolation(`${what}: expected it to verify, but ${show(outcome)}.`)
}

/** What every accepted result must say about the delivery it verified. */
function checkResult(ctx: PropertyContext, result: VerifiedWebhook, signed: SignedDelivery, what: string, matchedSecret = 0): void {
  const problems: string[] = []
  if (result.kind !== 'event' && result.kind !== 'handshake') problems.push(`kind is ${String(result.kind)}`)
  if (result.provider !== ctx.scheme.id) problems.push(`provider is ${String(result.provider)}, not '${ctx.scheme.id}'`)
  if (!isBytes(result.rawBody) || !bytesEqual(result.rawBody, signed.delivery.body)) problems.push('rawBody differs from the bytes sent')
  if (result.matchedSecret !== matchedSecret) problems.push(`matchedSecret is ${String(result.matchedSecret)}, not ${matchedSecret}`)
  if (ctx.scheme.timestamp !== undefined && !(result.timestamp instanceof Date && result.timestamp.getTime() === signed.signedMs)) {
    problems.push(`timestamp is ${String(result.timestamp)}, not ${new Date(signed.signedMs).toISOString()}`)
  }
  if (ctx.scheme.idHeader !== undefined && result.id !== signed.delivery.id) problems.push(`id is ${String(result.id)}, not ${String(signed.delivery.id)}`)
  if (problems.length > 0) throw new PropertyViolation(`${what}: verified, but ${problems.join('; ')}.`)
}

function event(headers: unknown, body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { headers, body, ...extra }
}

function headerNames(ctx: PropertyContext): string[] {
  return [signatureHeaderName(ctx.scheme), ctx.scheme.timestamp?.header, idHeaderName(ctx.scheme)].filter((h): h is string => h !== undefined)
}

/** Characters that can never appear in a signature of the scheme's encoding, nor split or trim it away. */
function foreignCharacters(scheme: Scheme): string[] {
  const alphabet = scheme.encoding === 'hex' ? /[0-9a-fA-F]/ : /[A-Za-z0-9+/=]/
  const out: string[] = []
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c)
    if (alphabet.test(ch) || ch === scheme.separator) continue
    out.push(ch)
  }
  // beyond ASCII: letters that look like hex or base64, and an emoji
  out.push('é', 'ß', '０', 'Ａ', '😀')
  return out
}

// ───────────────────────────────────────── the properties ─────────────────────────────────────────

interface PropertyDefinition {
  name: PropertyName
  /** One line for docs and test names. */
  summary: string
  applies: (scheme: Scheme) => boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each property has its own input tuple
  build: (ctx: PropertyContext) => fc.IAsyncPropertyWithHooks<any>
}

const always = () => true

const roundTrip: PropertyDefinition = {
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

const byteEdit = fc.record({ kind: fc.constantFrom('flip', 'insert', 'delete'), at: fc.nat(), value: fc.integer({ min: 1, max: 255 }) })

function editBytes(bytes: Uint8Array, edit: { kind: string; at: number; value: number }): Uint8Array {
  const kind = bytes.length === 0 ? 'insert' : edit.kind
  if (kind === 'flip') {
    const out = bytes.slice()
    const i = edit.at % bytes.length
    out[i] = out[i]! ^ edit.value
    return out
  }
  if (kind === 'delete') {
    const i = edit.at % bytes.length
    const out = new Uint8Array(bytes.length - 1)
    out.set(bytes.subarray(0, i))
    out.set(bytes.subarray(i + 1), i)
    return out
  }
  const i = edit.at % (bytes.length + 1)
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes.subarray(0, i))
  out[i] = edit.value - 1
  out.set(bytes.subarray(i), i + 1)
  return out
}

const bodyTamper: PropertyDefinition = {
  name: 'body-tamper',
  summary: 'any one-byte change of the body (flip, insert, delete) fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(fc.record({ delivery: ctx.arbs.delivery, edit: byteEdit }), async ({ delivery, edit }) => {
      const signed = await ctx.sign(delivery)
      const body = editBytes(delivery.body, edit)
      const outcome = await attempt(ctx, signed, event(signed.headers, body), signed.verifyKey, { now: signed.nowMs })
      expectCode(outcome, MISMATCH, `the body with one byte changed (${edit.kind})`)
    }),
}

const signatureTamper: PropertyDefinition = {
  name: 'signature-tamper',
  summary: 'a change of one byte of the decoded signature, re-encoded, fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      async ({ delivery, at, xor }) => {
        const signed = await ctx.sign(delivery)
        const headers = withSignatureBytes(ctx.scheme, signed.headers, (sig) => {
          const out = sig.slice()
          const i = at % out.length
          out[i] = out[i]! ^ xor
          return out
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MISMATCH, 'a signature with one byte changed')
      },
    ),
}

const timestampEdit = fc.record({
  kind: fc.constantFrom('digit', 'shift', 'zero-pad', 'same-instant'),
  at: fc.nat(),
  digit: fc.integer({ min: 0, max: 9 }),
  shift: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((n) => n !== 0),
})

/** A different timestamp text that is still a valid timestamp of the scheme's unit. */
function editTimestamp(scheme: Scheme, text: string, edit: { kind: string; at: number; digit: number; shift: number }): string {
  const unit = scheme.timestamp!.unit
  if (unit === 'rfc3339') {
    const ms = Date.parse(text)
    switch (edit.kind) {
      case 'shift':
        return new Date(ms + edit.shift * 1000).toISOString()
      case 'zero-pad': // the same instant written with one more fraction digit
        return text.replace(/(\.\d+)?Z$/, (_m, frac: string | undefined) => `${frac ?? '.'}0Z`)
      case 'same-instant': // the same instant with a numeric offset
        return text.replace(/Z$/, '+00:00')
      default: {
        // a digit of the seconds (any digit 0-9 keeps the last one valid)
        const i = 18
        const d = String(edit.digit) === text[i] ? (edit.digit + 1) % 10 : edit.digit
        return text.slice(0, i) + d + text.slice(i + 1)
      }
    }
  }
  const maxDigits = unit === 's' ? 12 : 15
  if (edit.kind === 'shift') {
    let n = BigInt(text) + BigInt(edit.shift)
    if (n < 0n) n = BigInt(text) - BigInt(edit.shift)
    return String(n)
  }
  if ((edit.kind === 'zero-pad' || edit.kind === 'same-instant') && text.length < maxDigits) return `0${text}` // same number, other digits
  const i = edit.at % text.length
  const d = String(edit.digit) === text[i] ? (edit.digit + 1) % 10 : edit.digit
  return text.slice(0, i) + d + text.slice(i + 1)
}

const timestampTamper: PropertyDefinition = {
  name: 'timestamp-tamper',
  summary: 'a change of the timestamp that keeps it valid fails with ERR_WEBHOOK_SIGNATURE_MISMATCH (the signature is checked before the window)',
  applies: (scheme) => scheme.timestamp !== undefined,
  build: (ctx) =>
    fc.asyncProperty(fc.record({ delivery: ctx.arbs.delivery, edit: timestampEdit }), async ({ delivery, edit }) => {
      const signed = await ctx.sign(delivery)
      const original = readTimestamp(ctx.scheme, signed.headers)
      const changed = editTimestamp(ctx.scheme, original, edit)
      if (changed === original) throw new Error(`the kit failed to change the timestamp ${original} (${edit.kind})`)
      const headers = withTimestamp(ctx.scheme, signed.headers, changed)
      const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.signedMs })
      expectCode(outcome, MISMATCH, `the timestamp changed from ${original} to ${changed}`)
    }),
}

const idTamper: PropertyDefinition = {
  name: 'id-tamper',
  summary: 'where the id is signed, a change of the id fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: (scheme) => scheme.parts?.includes('id') === true,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, kind: fc.constantFrom('replace', 'append', 'delete'), at: fc.nat(), char: fc.integer({ min: 0x21, max: 0x7e }) }),
      async ({ delivery, kind, at, char }) => {
        const signed = await ctx.sign(delivery)
        const id = delivery.id!
        let c = String.fromCharCode(char)
        let changed: string
        if (kind === 'append' || (kind === 'delete' && id.length < 2)) {
          changed = id + c
        } else if (kind === 'delete') {
          const i = at % id.length
          changed = id.slice(0, i) + id.slice(i + 1)
        } else {
          const i = at % id.length
          if (c === id[i]) c = String.fromCharCode(c === '~' ? 0x21 : char + 1)
          changed = id.slice(0, i) + c + id.slice(i + 1)
        }
        const headers = { ...signed.headers, [idHeaderName(ctx.scheme)!]: changed }
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MISMATCH, `the id changed from ${JSON.stringify(id)} to ${JSON.stringify(changed)}`)
      },
    ),
}

const signatureLength: PropertyDefinition = {
  name: 'signature-length',
  summary: 'a truncated or over-long signature fails with ERR_WEBHOOK_SIGNATURE_MISMATCH (an empty one is refused too)',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, truncate: fc.boolean(), keep: fc.nat(), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
      async ({ delivery, truncate, keep, extra }) => {
        const signed = await ctx.sign(delivery)
        let kept = -1
        const headers = withSignatureBytes(ctx.scheme, signed.headers, (sig) => {
          if (truncate) {
            kept = keep % sig.length
            return sig.slice(0, kept)
          }
          const out = new Uint8Array(sig.length + extra.length)
          out.set(sig)
          out.set(extra, sig.length)
          return out
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        if (kept === 0) expectCode(outcome, [MISMATCH, MALFORMED_SIGNATURE, 'ERR_WEBHOOK_MISSING_HEADER'], 'an empty signature')
        else expectCode(outcome, MISMATCH, truncate ? `the signature truncated to ${kept} bytes` : `the signature with ${extra.length} bytes appended`)
      },
    ),
}

const malformedSignature: PropertyDefinition = {
  name: 'malformed-signature',
  summary: `a character outside the encoding's alphabet in the only signature fails with ERR_WEBHOOK_MALFORMED_SIGNATURE`,
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, insert: fc.boolean(), at: fc.nat(), char: fc.constantFrom(...foreignCharacters(ctx.scheme)) }),
      async ({ delivery, insert, at, char }) => {
        const signed = await ctx.sign(delivery)
        const headers = withSignatureText(ctx.scheme, signed.headers, (text) => {
          const i = at % (text.length + (insert ? 1 : 0))
          return text.slice(0, i) + char + text.slice(insert ? i : i + 1)
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MALFORMED_SIGNATURE, `the signature with ${JSON.stringify(char)} ${insert ? 'inserted' : 'put in'}`)
      },
    ),
}

const headerCase: PropertyDefinition = {
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

const bodyView: PropertyDefinition = {
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

const timestampWindow: PropertyDefinition = {
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

const rotation: PropertyDefinition = {
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

const wrongSecret: PropertyDefinition = {
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

type HeaderOp = { op: 'keep' } | { op: 'drop' } | { op: 'junk'; value: unknown } | { op: 'dup'; value: string; first: boolean } | { op: 'twice' }

function garbageArbitrary(ctx: PropertyContext) {
  const junk = ctx.arbs.junkHeaderValue
  const junkText = junk.filter((v): v is string => typeof v === 'string')
  const op: fc.Arbitrary<HeaderOp> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ op: 'keep' as const }) },
    { weight: 1, arbitrary: fc.constant({ op: 'drop' as const }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('junk' as const), value: junk }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('dup' as const), value: junkText, first: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant({ op: 'twice' as const }) },
  )
  // every header the scheme reads, once each (by lower-case name), in sign()'s spelling where it has one
  const names: string[] = []
  for (const name of [...headerNames(ctx), ...ctx.scheme.signatureHeaders]) {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'keep' as const }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), value: ctx.arbs.body }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('string' as const), value: fc.string({ unit: 'binary', maxLength: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('base64' as const), value: fc.oneof(fc.string(), fc.base64String()) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('other' as const), value: fc.oneof(fc.object({ maxDepth: 1 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer({ min: 0, max: 255 }))) }) },
  )
  return fc.record({
    delivery: ctx.arbs.delivery,
    ops: fc.array(op, { minLength: names.length, maxLength: names.length }),
    caseSeed: fc.integer(),
    extra: fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 }),
    body,
    container: fc.oneof(
      { weight: 3, arbitrary: fc.constant('object') },
      { weight: 2, arbitrary: fc.constantFrom('raw', 'pairs', 'headers') },
      { weight: 1, arbitrary: fc.constant('junk') },
    ),
    junkContainer: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([1, 2]), fc.constant([['a']])),
    // a stale replay in one run out of four, a junk request in one of ten
    stale:
      ctx.scheme.timestamp === undefined
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 3, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: fc.record({ extraSeconds: fc.integer({ min: 1, max: 10_000_000 }), first: fc.boolean(), joined: fc.boolean() }) },
          ),
    junkRequest: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.constant([]), fc.object({ maxDepth: 1 })) },
    ),
  }).map((g) => ({ ...g, names }))
}

const garbage: PropertyDefinition = {
  name: 'garbage',
  summary: 'random header values (strings, arrays, duplicates, numbers) and random bodies only ever reject with WebhookVerificationError, never a false accept',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(garbageArbitrary(ctx), async (g) => {
      const signed = await ctx.sign(g.delivery)
      const genuine = signed.delivery.body
      const sigName = signatureHeaderName(ctx.scheme)
      let mustReject = false
      let nowMs = signed.nowMs

      // Header values, one list per name (several values = the header sent several times).
      const values = new Map<string, unknown[]>()
      g.names.forEach((name, i) => {
        const sent = signed.headers[name]
        const op = g.ops[i]!
        let list: unknown[]
        if (op.op === 'keep') list = sent === undefined ? [] : [sent]
        else if (op.op === 'drop') list = []
        else if (op.op === 'junk') list = [op.value]
        else if (op.op === 'twice') list = sent === undefined ? [] : [sent, sent]
        else list = sent === undefined ? [op.value] : op.first ? [op.value, sent] : [sent, op.value]
        if (name === sigName && (op.op === 'drop' || op.op === 'junk')) mustReject = true
        values.set(name, list)
      })

      // A stale delivery replayed with a fresh timestamp added beside the old one.
      if (g.stale !== undefined) {
        const ts = ctx.scheme.timestamp!
        nowMs = signed.signedMs + (ts.toleranceSeconds + g.stale.extraSeconds) * 1000
        const fresh = timestampText(ctx.scheme, nowMs / 1000)
        const name = ts.header ?? sigName
        const freshValue = ts.header !== undefined ? fresh : `${ts.label}${ctx.scheme.labelSeparator}${fresh}`
        const old = values.get(name) ?? []
        if (g.stale.joined && ts.header === undefined && ctx.scheme.separator !== undefined && typeof old[0] === 'string') {
          old[0] = g.stale.first ? `${freshValue}${ctx.scheme.separator}${old[0]}` : `${old[0]}${ctx.scheme.separator}${freshValue}`
          values.set(name, old)
        } else {
          values.set(name, g.stale.first ? [freshValue, ...old] : [...old, freshValue])
        }
        mustReject = true
      }

      // The body as sent.
      let body: unknown = genuine
      let extra: Record<string, unknown> = {}
      const b = g.body
      if (b.kind === 'bytes') {
        body = b.value
        if (!bytesEqual(b.value, genuine)) mustReject = true
      } else if (b.kind === 'string') {
        body = b.value
        if (!bytesEqual(utf8(b.value), genuine)) mustReject = true
      } else if (b.kind === 'base64') {
        body = b.value
        extra = { isBase64Encoded: true }
        const decoded = fromBase64(b.value.replace(/\s+/g, ''))
        if (decoded === undefined || !bytesEqual(decoded, genuine)) mustReject = true
      } else if (b.kind === 'other') {
        body = b.value
        if (!((b.value === null || b.value === undefined) && genuine.length === 0)) mustReject = true
      }

      // The container.
      const pairs: Array<[string, unknown]> = []
      values.forEach((list, name) => {
        const spelled = randomCase(name, g.caseSeed)
        for (const v of list) pairs.push([spelled, v])
      })
      for (const [k, v] of Object.entries(g.extra)) if (!g.names.some((n) => n.toLowerCase() === k.toLowerCase())) pairs.push([k, v])
      let headers: unknown
      switch (g.container) {
        case 'raw':
          headers = pairs.flat()
          break
        case 'pairs':
          headers = pairs
          break
        case 'headers':
          try {
            const h = new Headers()
            for (const [k, v] of pairs) h.append(k, String(v))
            headers = h
            break
          } catch {
            // names or values a Headers object refuses: fall back to a plain object
          }
        // falls through
        case 'object': {
          const o: Record<string, unknown> = {}
          for (const [k, v] of pairs) {
            if (!Object.hasOwn(o, k)) o[k] = v
            else o[k] = [...(Array.isArray(o[k]) ? (o[k] as unknown[]) : [o[k]]), v]
          }
          headers = o
          break
        }
        default:
          headers = g.junkContainer
          mustReject = true
      }

      let request: unknown = event(headers, body, extra)
      if (g.junkRequest !== undefined) {
        request = g.junkRequest
        mustReject = true
      }
      const outcome = await attempt(ctx, signed, request, signed.verifyKey, { now: nowMs })
      if (outcome.accepted) {
        if (mustReject) throw new PropertyViolation(`a forged or stale request was accepted (${describeForgery(g)}).`)
        return
      }
      if (!isVerificationError(outcome.error)) throw new PropertyViolation(`a hostile request must only ever be rejected with WebhookVerificationError, but ${show(outcome)}.`)
    }),
}

function describeForgery(g: { ops: HeaderOp[]; names: string[]; body: { kind: string }; container: string; stale?: unknown; junkRequest?: unknown }): string {
  const ops = g.names.map((n, i) => `${n}: ${g.ops[i]!.op}`).join(', ')
  return `${ops}; body: ${g.body.kind}; container: ${g.container}${g.stale === undefined ? '' : '; stale with a fresh timestamp'}${g.junkRequest === undefined ? '' : '; junk request'}`
}

/** Every property definition, in PROPERTY_NAMES order. */
export const PROPERTIES: readonly PropertyDefinition[] = [
  roundTrip,
  bodyTamper,
  signatureTamper,
  timestampTamper,
  idTamper,
  signatureLength,
  malformedSignature,
  headerCase,
  bodyView,
  timestampWindow,
  rotation,
  wrongSecret,
  garbage,
]

/** The properties that apply to a scheme (no timestamp window without a timestamp, no id tamper when the id is not signed). */
export function propertiesFor(scheme: Scheme): PropertyName[] {
  return PROPERTIES.filter((p) => p.applies(scheme)).map((p) => p.name)
}

export function propertyDefinition(name: PropertyName): PropertyDefinition {
  return PROPERTIES.find((p) => p.name === name)!
}
