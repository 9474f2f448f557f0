// fast-check arbitraries for any scheme: deliveries (bodies of every kind, secrets, timestamps
// inside the window, ids) and junk header values. They read only the scheme's declared fields
// (signatureHeaders, timestamp, idHeader, algorithms, encoding, labelSeparator, separator, parts).
import fc from 'fast-check'
import { signsUrl } from '../core/content.js'
import { concatBytes, toBase64, toHex, utf8 } from '../core/encoding.js'
import type { KeyInput, Scheme } from '../core/types.js'
import { keyBytes, keyModeOf, keyPrefix, prng, type GeneratedDelivery, type KeyMode } from './delivery.js'

/** Byte sequences that are not UTF-8: stray continuation bytes, overlongs, a lone surrogate (WTF-8), bytes never valid. */
const INVALID_UTF8: readonly Uint8Array[] = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5],
  [0xfe],
  [0xff],
  [0xe2, 0x82],
].map((b) => Uint8Array.from(b))

/** Text fragments peers get wrong: CRLF, a BOM, emoji (a surrogate pair), combining marks, NUL. */
const TRICKY_TEXT = ['\r\n', '\n', '\r', '\uFEFF', '😀', '👩‍👩‍👧', 'é', 'e\u0301', '\u0000', ' ', '\t', '{"a":1}', '\\u00e9']

function filled(size: number, seed: number): Uint8Array {
  const next = prng(seed)
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (next() * 256) | 0
  return out
}

/**
 * Body bytes of any content: empty, random bytes, unicode text with emoji, pretty JSON with CRLF line
 * ends, mixtures with invalid UTF-8, and now and then a large body (up to 256 KiB).
 */
export function bodyBytes(): fc.Arbitrary<Uint8Array> {
  const fragment = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 16 }).map(utf8),
    fc.constantFrom(...TRICKY_TEXT).map(utf8),
    fc.constantFrom(...INVALID_UTF8),
  )
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 512 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }).map(utf8) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => utf8(JSON.stringify(v, null, 2).replace(/\n/g, '\r\n'))) },
    { weight: 3, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 24 }).map(concatBytes) },
    { weight: 1, arbitrary: fc.record({ size: fc.integer({ min: 1024, max: 256 * 1024 }), seed: fc.integer() }).map(({ size, seed }) => filled(size, seed)) },
  )
}

/**
 * Non-empty HMAC secrets: ASCII, any code point (lone surrogates too), whitespace, `whsec_…`, raw
 * bytes (beyond a hash block too). For a scheme whose string secrets are base64 (Standard Webhooks'
 * `whsec_<base64>`), strings are that format. Only secrets the scheme accepts are generated.
 */
export function hmacSecret(scheme?: Scheme): fc.Arbitrary<KeyInput> {
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 160 })
  const prefix = scheme === undefined ? '' : keyPrefix(scheme, 'hmac').prefix
  const text =
    scheme?.secretEncoding === 'base64'
      ? fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean()).map(([b, prefixed]) => `${prefixed ? prefix : ''}${toBase64(b)}`)
      : fc.oneof(
          fc.string({ minLength: 1, maxLength: 64 }),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
          fc.constantFrom(' ', '\t', ' secret\n', "It's a Secret to Everybody", 'KeySet'),
          fc.base64String({ minLength: 4, maxLength: 44 }).map((s) => `${prefix || 'whsec_'}${s}`),
        )
  const secret = fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: bytes })
  return scheme === undefined ? secret : secret.filter((k) => keyBytes(scheme, 'hmac', k) !== undefined)
}

/**
 * Ed25519 private seeds (32 bytes) as bytes, hex or base64: any 32 bytes are a valid seed. Where the
 * scheme marks Ed25519 keys by prefix (Standard Webhooks' whsk_), prefixed text only.
 */
export function ed25519Seed(scheme?: Scheme): fc.Arbitrary<KeyInput> {
  const seed = fc.uint8Array({ minLength: 32, maxLength: 32 })
  const marked = scheme === undefined ? { prefix: '', required: false } : keyPrefix(scheme, 'ed25519')
  if (marked.required) return fc.oneof(seed.map((s) => marked.prefix + toBase64(s)), seed.map((s) => marked.prefix + toHex(s)))
  return fc.oneof(seed, seed.map(toHex), seed.map(toBase64))
}

/** Delivery ids: UUIDs (GitHub) and any visible ASCII a provider could send. */
export function deliveryId(): fc.Arbitrary<string> {
  return fc.oneof(fc.uuid(), fc.stringMatching(/^[!-~]{1,40}$/))
}

/** URLs a provider could call, for schemes that sign the URL. */
export function webhookUrl(): fc.Arbitrary<string> {
  return fc.oneof(fc.constant('https://127.0.0.1/webhook'), fc.webUrl({ withQueryParameters: true })).filter((u) => URL.canParse(u))
}

/** Unix seconds from 2001 to 2096: ten digits, as every provider sends today. */
export function unixSeconds(): fc.Arbitrary<number> {
  return fc.integer({ min: 1_000_000_000, max: 4_000_000_000 })
}

/** Header values a hostile or broken client might send. */
export function junkHeaderValue(scheme: Scheme): fc.Arbitrary<unknown> {
  const labels = [...Object.keys(scheme.algorithms), scheme.timestamp?.label ?? 'x', 'v0', 'sha1', '']
  const sigLike = fc
    .record({
      label: fc.constantFrom(...labels),
      bytes: fc.uint8Array({ maxLength: 80 }),
      hex: fc.boolean(),
      sep: fc.constantFrom(scheme.labelSeparator ?? '=', '=', ',', ' ', ''),
      tail: fc.constantFrom('', ',', ', ', ' ', '=', '==', '\t'),
    })
    .map(({ label, bytes, hex, sep, tail }) => `${label}${sep}${hex ? toHex(bytes) : toBase64(bytes)}${tail}`)
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 64 }),
    sigLike,
    fc.array(sigLike, { maxLength: 40 }).map((a) => a.join(scheme.separator ?? ',')),
    fc.stringMatching(/^-?\d{0,20}(\.\d+)?(e\d+)?$/),
    fc.constantFrom('', ' ', ',', '=', 'null', 'undefined', 'NaN', '-1', '0x10', '1e3', '\u0000', '\r\n'),
  )
  return fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 2, arbitrary: fc.array(text, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
    { weight: 1, arbitrary: fc.object({ maxDepth: 1 }) },
  )
}

/** The arbitraries the property suite uses for one scheme. */
export interface SchemeArbitraries {
  body: fc.Arbitrary<Uint8Array>
  /** Signing secrets: HMAC secrets, or Ed25519 seeds. */
  secret: fc.Arbitrary<KeyInput>
  /** Unix seconds. */
  timestamp: fc.Arbitrary<number>
  id: fc.Arbitrary<string>
  /** A clock difference (ms) inside the scheme's default window. */
  nowOffsetMs: fc.Arbitrary<number>
  url: fc.Arbitrary<string>
  /** A whole delivery ready for `signDelivery`. */
  delivery: fc.Arbitrary<GeneratedDelivery>
  /** Junk for a header value: strings, signature look-alikes, arrays, numbers, objects. */
  junkHeaderValue: fc.Arbitrary<unknown>
}

/**
 * Arbitraries for deliveries of `scheme`. With `secret` given, every delivery is signed with it
 * (for an Ed25519 scheme: the private seed). `keyKind` picks HMAC or Ed25519 keys in a scheme that
 * takes both (default: the kind of its first algorithm).
 *
 * @example
 * fc.assert(fc.asyncProperty(arbitraries(acme).delivery, async (d) => { … }))
 */
export function arbitraries(scheme: Scheme, options: { secret?: KeyInput; keyKind?: KeyMode } = {}): SchemeArbitraries {
  const mode = keyModeOf(scheme, options.keyKind)
  const secret = options.secret !== undefined ? fc.constant(options.secret) : mode === 'hmac' ? hmacSecret(scheme) : ed25519Seed(scheme)
  const toleranceMs = (scheme.timestamp?.toleranceSeconds ?? 0) * 1000
  const nowOffsetMs = fc.integer({ min: -Math.min(toleranceMs, 2 ** 52), max: Math.min(toleranceMs, 2 ** 52) })
  const body = bodyBytes()
  const timestamp = unixSeconds()
  const id = deliveryId()
  const url = webhookUrl()
  // parts the scheme does not use stay constant, so that counterexamples show only what matters
  const delivery = fc.record({
    body,
    secret,
    timestamp: scheme.timestamp === undefined ? fc.constant(1_700_000_000) : timestamp,
    id: scheme.idHeader === undefined ? fc.constant(undefined) : id,
    nowOffsetMs,
    url: signsUrl(scheme) ? url : fc.constant('https://127.0.0.1/webhook'),
  })
  return { body, secret, timestamp, id, nowOffsetMs, url, delivery, junkHeaderValue: junkHeaderValue(scheme) }
}
