// Forgeries: what an attacker, a proxy or a misconfiguration does to a genuine delivery — a mutated
// byte, CRLF rewrites, unicode swapped in, a truncated, over-long or non-hex signature, a duplicated
// header, a skewed clock, an empty or whitespace-padded secret — each with the outcome a correct
// verifier must give. `forgeries(scheme)` generates them; `forge(scheme, signed, forgery)` applies
// one to a delivery signed by `signDelivery`. The property suite covers the same ground per property;
// these let users drive their own verifier (or their own test) with the whole list at once.
import fc from 'fast-check'
import { concatBytes, utf8 } from '../internal.js'
import type { KeyInput, Scheme, SecretInput, VerifyOptions } from '../core/types.js'
import { keyModeOf, readTimestamp, signatureHeaderName, timestampText, withSignatureBytes, withSignatureText, type KeyMode, type SignedDelivery } from './delivery.js'
import { foreignCharacters } from './tamper.js'

/**
 * The kinds of forgery `forgeries` generates.
 *
 * @example
 * const missing = FORGERY_KINDS.filter((k) => !forgeryKinds(scheme).includes(k))
 * console.log('not applicable to this scheme:', missing)
 */
export const FORGERY_KINDS = [
  'body-byte',
  'body-crlf',
  'body-unicode',
  'signature-truncated',
  'signature-overlong',
  'signature-non-alphabet',
  'header-duplicated',
  'clock-skewed',
  'secret-empty',
  'secret-whitespace',
] as const

/** One kind of forgery (an entry of `FORGERY_KINDS`). */
export type ForgeryKind = (typeof FORGERY_KINDS)[number]

/** One generated forgery: its kind and the random choices that place it. */
export interface Forgery {
  kind: ForgeryKind
  /** Where in the body or signature (taken modulo its length). */
  at: number
  /** A byte value (body-byte), a byte count (signature-*), seconds beyond the window (clock-skewed). */
  amount: number
  /** Which variant: before/after, old/future, which whitespace or unicode text. */
  pick: number
}

/** A forged request ready for a verifier shaped like `verifyWebhook`, and what it must do with it. */
export interface ForgedRequest {
  forgery: Forgery
  /** What was done, for failure messages. */
  what: string
  /** A plain event `{ headers, body }`. */
  request: { headers: Record<string, string | string[]>; body: Uint8Array }
  secret: SecretInput
  options: VerifyOptions
  /**
   * The codes it must be rejected with; `[]` means any WebhookVerificationError; `['TypeError']`
   * means the secret is a configuration mistake and must throw a TypeError.
   */
  expect: readonly string[]
}

// Text peers mangle: a BOM, a no-break space, a combining accent, an emoji, a lone replacement char.
const UNICODE = ['\uFEFF', '\u00A0', 'e\u0301', '😀', '\uFFFD', 'é', '\u2028']
const WHITESPACE = [' ', '\n', '\r\n', '\t', ' \n']

/**
 * The kinds that apply to a scheme (no clock without a timestamp; whitespace secrets for HMAC keys only).
 *
 * @example
 * forgeryKinds(github()) // no 'clock-skewed': GitHub signs no timestamp
 */
export function forgeryKinds(scheme: Scheme, options: { keyKind?: KeyMode } = {}): ForgeryKind[] {
  const mode = keyModeOf(scheme, options.keyKind)
  return FORGERY_KINDS.filter((kind) => {
    if (kind === 'clock-skewed') return scheme.timestamp !== undefined
    // Ed25519 public keys are text keys (hex, base64, PEM): surrounding whitespace is not part of them
    if (kind === 'secret-whitespace') return mode === 'hmac'
    return true
  })
}

/**
 * Forgeries for deliveries of `scheme` (keyKind as in `arbitraries`).
 *
 * @example
 * fc.asyncProperty(arbitraries(acme).delivery, forgeries(acme), async (delivery, forgery) => {
 *   const forged = forge(acme, await signDelivery(acme, delivery, async (k) => k), forgery)
 *   await expect(verifyWebhook(forged.request, acme, forged.secret, forged.options)).rejects.toThrow()
 * })
 */
export function forgeries(scheme: Scheme, options: { keyKind?: KeyMode } = {}): fc.Arbitrary<Forgery> {
  return fc.record({
    kind: fc.constantFrom(...forgeryKinds(scheme, options)),
    at: fc.nat(),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    pick: fc.nat(),
  })
}

function insert(bytes: Uint8Array, at: number, extra: Uint8Array): Uint8Array {
  const i = at % (bytes.length + 1)
  return concatBytes([bytes.subarray(0, i), extra, bytes.subarray(i)])
}

function crlfRewrite(body: Uint8Array, at: number): { body: Uint8Array; what: string } {
  const text = Array.from(body, (b) => String.fromCharCode(b)).join('') // latin1: one char per byte, nothing lost
  const back = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
  if (text.includes('\r\n')) return { body: back(text.replace(/\r\n/g, '\n')), what: 'CRLF line endings rewritten as LF' }
  if (text.includes('\n')) return { body: back(text.replace(/\n/g, '\r\n')), what: 'LF line endings rewritten as CRLF' }
  return { body: insert(body, at, utf8('\r\n')), what: 'a CRLF inserted' }
}

function unicodeRewrite(body: Uint8Array, at: number, pick: number): { body: Uint8Array; what: string } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body)
  // the same text in the other Unicode normalisation form, where that changes the bytes
  if (utf8(text).length === body.length && pick % 2 === 0) {
    for (const form of ['NFC', 'NFD'] as const) {
      const changed = utf8(text.normalize(form))
      if (changed.length !== body.length || changed.some((b, i) => b !== body[i])) return { body: changed, what: `the body normalised to ${form}` }
    }
  }
  const piece = UNICODE[pick % UNICODE.length]!
  return { body: insert(body, at, utf8(piece)), what: `${JSON.stringify(piece)} inserted into the body` }
}

function padSecret(secret: KeyInput, pick: number): KeyInput {
  const pad = WHITESPACE[pick % WHITESPACE.length]!
  const before = Math.floor(pick / WHITESPACE.length) % 2 === 0
  if (typeof secret === 'string') return before ? pad + secret : secret + pad
  if (secret instanceof Uint8Array) return before ? concatBytes([utf8(pad), secret]) : concatBytes([secret, utf8(pad)])
  return secret
}

const MISMATCH = 'ERR_WEBHOOK_SIGNATURE_MISMATCH'

/**
 * Applies a forgery to a signed delivery.
 *
 * @example
 * const forged = forge(acme, signed, forgery)
 * await expect(verifyWebhook(forged.request, acme, forged.secret, forged.options)).rejects.toMatchObject({ code: forged.expect[0] })
 */
export function forge(scheme: Scheme, signed: SignedDelivery, forgery: Forgery): ForgedRequest {
  const { at, amount, pick } = forgery
  const body = signed.delivery.body
  const options: VerifyOptions = { ...signed.options, now: signed.nowMs }
  const base = { forgery, secret: signed.verifyKey as SecretInput, options }
  const out = (what: string, headers: Record<string, string | string[]>, b: Uint8Array, expect: readonly string[], over: Partial<typeof base> = {}): ForgedRequest => ({
    ...base,
    ...over,
    what,
    request: { headers, body: b },
    expect,
  })
  switch (forgery.kind) {
    case 'body-byte': {
      const copy = body.length === 0 ? Uint8Array.of(amount & 0xff) : body.slice()
      if (body.length > 0) copy[at % copy.length] = copy[at % copy.length]! ^ (1 + (amount % 255))
      return out('one body byte changed', signed.headers, copy, [MISMATCH])
    }
    case 'body-crlf': {
      const r = crlfRewrite(body, at)
      return out(r.what, signed.headers, r.body, [MISMATCH])
    }
    case 'body-unicode': {
      const r = unicodeRewrite(body, at, pick)
      return out(r.what, signed.headers, r.body, [MISMATCH])
    }
    case 'signature-truncated': {
      let kept = 0
      const headers = withSignatureBytes(scheme, signed.headers, (sig) => sig.slice(0, (kept = 1 + (amount % (sig.length - 1)))))
      return out(`the signature truncated to ${kept} bytes`, headers, body, [MISMATCH])
    }
    case 'signature-overlong': {
      const extra = 1 + (amount % 64)
      const headers = withSignatureBytes(scheme, signed.headers, (sig) => concatBytes([sig, new Uint8Array(extra).fill(at & 0xff)]))
      return out(`${extra} bytes appended to the signature`, headers, body, [MISMATCH])
    }
    case 'signature-non-alphabet': {
      const chars = foreignCharacters(scheme)
      const char = chars[pick % chars.length]!
      const headers = withSignatureText(scheme, signed.headers, (text) => {
        const i = at % text.length
        return text.slice(0, i) + char + text.slice(i + 1)
      })
      return out(`${JSON.stringify(char)} put into the signature`, headers, body, ['ERR_WEBHOOK_MALFORMED_SIGNATURE'])
    }
    case 'header-duplicated': {
      const ts = scheme.timestamp
      if (ts !== undefined) {
        // a stale delivery replayed with a fresh timestamp sent beside the genuine one
        const nowMs = signed.signedMs + (ts.toleranceSeconds + amount) * 1000
        const fresh = timestampText(scheme, nowMs / 1000)
        const name = ts.header ?? signatureHeaderName(scheme)
        const value = ts.header !== undefined ? fresh : signed.headers[name]!.replace(readTimestamp(scheme, signed.headers), fresh)
        const pair = pick % 2 === 0 ? [signed.headers[name]!, value] : [value, signed.headers[name]!]
        return out(`a stale delivery with a fresh ${name} sent beside the genuine one`, { ...signed.headers, [name]: pair }, body, [], { options: { ...options, now: nowMs } })
      }
      const name = signatureHeaderName(scheme)
      const r = crlfRewrite(body, at)
      return out(`the signature header sent twice with ${r.what}`, { ...signed.headers, [name]: [signed.headers[name]!, signed.headers[name]!] }, r.body, [])
    }
    case 'clock-skewed': {
      const tolerance = scheme.timestamp!.toleranceSeconds
      const old = pick % 2 === 0
      const nowMs = signed.signedMs + (old ? 1 : -1) * (tolerance + amount) * 1000
      return out(`the clock ${tolerance + amount} s ${old ? 'ahead of' : 'behind'} the signed time`, signed.headers, body, [old ? 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' : 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE'], {
        options: { ...options, now: nowMs },
      })
    }
    case 'secret-empty':
      return out('an empty secret', signed.headers, body, ['TypeError'], { secret: pick % 2 === 0 ? '' : new Uint8Array(0) })
    case 'secret-whitespace':
      // a whitespace-padded secret is a different key (or, for a base64 secret format, no key at all)
      return out('the secret padded with whitespace', signed.headers, body, [MISMATCH, 'TypeError'], { secret: padSecret(signed.verifyKey, pick) })
  }
}
