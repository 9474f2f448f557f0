// Signing a generated delivery with the engine's own `sign()` and taking the result apart again:
// which header carries the signature, where the timestamp and the id sit, and how to rebuild a
// header after one part of it was tampered with. Runs on every runtime (no Node globals).
import { backend } from '#crypto'
import { signsUrl, fromBase64, fromHex, toBase64, toHex, prepareEd25519PrivateKey, prepareKey, stripPrefix, keyFamily, sign } from '../internal.js'
import type { KeyInput, Scheme, VerifyOptions } from '../core/types.js'

/** One generated delivery, before signing. */
export interface GeneratedDelivery {
  /** The exact body bytes. */
  body: Uint8Array
  /** The signing secret: the HMAC secret, or the Ed25519 private seed. */
  secret: KeyInput
  /** Unix time in seconds the delivery is signed at (ignored by schemes without a timestamp). */
  timestamp: number
  /** Delivery id, for schemes with an id header. */
  id: string | undefined
  /** Clock difference inside the scheme's window, used as `now - signed time` where the time does not matter. */
  nowOffsetMs: number
  /** The URL called, for schemes that sign it (passed to `sign` and as `options.url`). */
  url: string
}

/** A delivery with the headers `sign()` produced for it. */
export interface SignedDelivery {
  delivery: GeneratedDelivery
  /** Header name → value, names in the scheme's own spelling. */
  headers: Record<string, string>
  /** The key the verifier needs: the HMAC secret itself, or the Ed25519 public key. */
  verifyKey: KeyInput
  /** The signed time in ms since the epoch, as the engine reads it back from the header. */
  signedMs: number
  /** `now` for checks where only "inside the window" matters. */
  nowMs: number
  /** Options every verification of this delivery needs (`url` where the scheme signs it). */
  options: VerifyOptions
}

export type KeyMode = 'hmac' | 'ed25519'

/** The scheme's secret-format fields the kit reads (prefixes mark key kinds in mixed schemes). */
interface KeyFormat {
  secretPrefix?: string | readonly string[]
  keyPrefixes?: Readonly<Partial<Record<string, string | readonly string[]>>>
}

function prefixes(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value
}

/** The prefix that marks a key of this kind for the scheme (Standard Webhooks: whsec_, whpk_), if any. */
export function keyPrefix(scheme: Scheme, mode: KeyMode): { prefix: string; required: boolean } {
  const format = scheme as KeyFormat
  const marked = prefixes(format.keyPrefixes?.[mode])
  if (marked.length > 0) return { prefix: marked[0]!, required: mode !== 'hmac' }
  return { prefix: mode === 'hmac' ? (prefixes(format.secretPrefix)[0] ?? '') : '', required: false }
}

function familyOf(scheme: Scheme, mode: KeyMode): boolean {
  return Object.values(scheme.algorithms).some((a) => a !== 'token' && keyFamily(a) === mode)
}

/**
 * Why the property suite cannot run on a scheme (with keys of `mode`), or `undefined` when it can.
 * The kit signs every delivery itself with `sign()`, so it needs an algorithm `sign()` produces and
 * a signature that covers a body it may choose freely.
 *
 * @example
 * unsupportedReason(gitlab()) // "'gitlab' compares a shared token and signs nothing: …"
 * unsupportedReason(github()) // undefined
 */
export function unsupportedReason(scheme: Scheme, mode?: KeyMode): string | undefined {
  const first = Object.values(scheme.algorithms)[0]!
  if (scheme.read !== undefined) return `'${scheme.id}' carries its signature inside the body (a read hook), which sign() cannot place.`
  if (scheme.payloadTimestamp !== undefined) return `'${scheme.id}' needs a timestamp inside a JSON body (${scheme.payloadTimestamp.field}), but the kit's bodies are arbitrary bytes.`
  if (mode === undefined) {
    if (first === 'token') return `'${scheme.id}' compares a shared token and signs nothing: body, timestamp and id tampering cannot be detected, so the suite does not apply.`
    if (keyFamily(first) === 'ecdsa-p256') return `'${scheme.id}' uses ${first}: only the provider holds the private key, so the kit cannot sign deliveries.`
    return undefined
  }
  if (!familyOf(scheme, mode)) return `'${scheme.id}' has no ${mode} algorithm that sign() produces.`
  // sign() uses the first algorithm the secret fits: another kind listed first must be told apart by a key prefix
  if (first === 'token' || (keyFamily(first) !== mode && (scheme as KeyFormat).keyPrefixes?.[mode] === undefined)) {
    return `sign() would use '${scheme.id}''s first algorithm (${first}) for any key: the scheme marks no ${mode} key prefix.`
  }
  return undefined
}

/** The kind of key the kit signs with; a TypeError for schemes (or kinds) the kit cannot sign. */
export function keyModeOf(scheme: Scheme, preferred?: KeyMode): KeyMode {
  const reason = unsupportedReason(scheme, preferred)
  if (reason !== undefined) throw new TypeError(`The property kit does not support this scheme: ${reason}`)
  return preferred ?? (keyFamily(Object.values(scheme.algorithms)[0]!) as KeyMode)
}

function firstName(header: string | readonly string[]): string {
  return typeof header === 'string' ? header : header[0]!
}

/** Name of the header `sign()` writes the signature to. */
export function signatureHeaderName(scheme: Scheme): string {
  return firstName(scheme.signatureHeader)
}

/** Name of the header `sign()` writes the id to. */
export function idHeaderName(scheme: Scheme): string | undefined {
  return scheme.idHeader === undefined ? undefined : firstName(scheme.idHeader)
}

/** The key bytes the engine derives from a secret (HMAC) or private key (Ed25519 seed); undefined if it refuses it. */
export function keyBytes(scheme: Scheme, mode: KeyMode, key: KeyInput): Uint8Array | undefined {
  try {
    if (mode === 'hmac') return prepareKey('hmac', key, scheme) as Uint8Array
    const format = scheme as KeyFormat
    return prepareEd25519PrivateKey(typeof key === 'string' ? stripPrefix(key, format.keyPrefixes?.ed25519 ?? format.secretPrefix) : key)
  } catch {
    return undefined
  }
}

/**
 * Whether two secrets are the same key in effect. HMAC pads short keys with zero bytes (RFC 2104 §2),
 * so `"a"` and `"a\0"` are one key; strings count by their UTF-8 bytes (lone surrogates become
 * U+FFFD) after the scheme's prefix and encoding — a rotation test must not call those different.
 */
export function sameKey(scheme: Scheme, mode: KeyMode, a: KeyInput, b: KeyInput): boolean {
  const x = keyBytes(scheme, mode, a)
  const y = keyBytes(scheme, mode, b)
  if (x === undefined || y === undefined) return a === b
  let xl = x.length
  let yl = y.length
  while (xl > 0 && x[xl - 1] === 0) xl--
  while (yl > 0 && y[yl - 1] === 0) yl--
  if (xl !== yl) return false
  for (let i = 0; i < xl; i++) if (x[i] !== y[i]) return false
  return true
}

/**
 * Turns a signing secret into the key a verifier takes. HMAC: the secret itself. Ed25519: the
 * public key of the seed, computed by the active crypto backend (as prefixed base64 where the
 * scheme marks public keys by prefix); a fixed pair from the options wins.
 */
export function createKeyResolver(scheme: Scheme, mode: KeyMode, fixed?: { signingKey: KeyInput; verifyKey: KeyInput }): (secret: KeyInput) => Promise<KeyInput> {
  if (mode === 'hmac') return async (secret) => secret
  const { prefix, required } = keyPrefix(scheme, mode)
  const cache = new Map<string, Uint8Array>()
  return async (secret) => {
    if (fixed !== undefined && secret === fixed.signingKey) return fixed.verifyKey
    const seed = keyBytes(scheme, mode, secret)
    if (seed === undefined) throw new TypeError('The Ed25519 signing key is not a 32-byte seed (hex, base64, PKCS#8 PEM or bytes).')
    const hex = toHex(seed)
    let pub = cache.get(hex)
    if (pub === undefined) {
      pub = await backend.ed25519PublicKey(seed)
      if (cache.size > 512) cache.clear()
      cache.set(hex, pub)
    }
    return required ? prefix + toBase64(pub) : pub
  }
}

/** The timestamp text `sign()` writes for Unix seconds `t`, in the scheme's unit. */
export function timestampText(scheme: Scheme, seconds: number): string {
  const unit = scheme.timestamp!.unit
  return unit === 's' ? String(Math.floor(seconds)) : unit === 'ms' ? String(Math.floor(seconds * 1000)) : new Date(seconds * 1000).toISOString()
}

/**
 * Signs a delivery with the engine's `sign()`.
 *
 * @example
 * const signed = await signDelivery(acme, delivery, async (secret) => secret) // HMAC: the verify key is the secret
 * await verifyWebhook({ headers: signed.headers, body: delivery.body }, acme, signed.verifyKey, { now: signed.nowMs })
 */
export async function signDelivery(scheme: Scheme, delivery: GeneratedDelivery, verifyKeyOf: (secret: KeyInput) => Promise<KeyInput>): Promise<SignedDelivery> {
  const url = signsUrl(scheme) ? delivery.url : undefined
  const headers = await sign(scheme, {
    payload: delivery.body,
    secret: delivery.secret,
    timestamp: delivery.timestamp,
    ...(scheme.idHeader !== undefined && delivery.id !== undefined && { id: delivery.id }),
    ...(url !== undefined && { url }),
  })
  const signedMs = scheme.timestamp === undefined ? delivery.timestamp * 1000 : readSignedMs(scheme, delivery.timestamp)
  return {
    delivery,
    headers,
    verifyKey: await verifyKeyOf(delivery.secret),
    signedMs,
    nowMs: signedMs + delivery.nowOffsetMs,
    options: url === undefined ? {} : { url },
  }
}

function readSignedMs(scheme: Scheme, seconds: number): number {
  const text = timestampText(scheme, seconds)
  const unit = scheme.timestamp!.unit
  return unit === 's' ? Number(text) * 1000 : unit === 'ms' ? Number(text) : Date.parse(text)
}

/** The signature header taken apart: its entries, which one holds the signature, its label and text. */
export interface SignatureParts {
  entries: string[]
  index: number
  label: string
  encoded: string
}

/** Splits a signature header value the way the scheme declares (separator, label separator, timestamp label). */
export function splitSignature(scheme: Scheme, value: string): SignatureParts {
  const entries = scheme.separator === undefined ? [value] : value.split(scheme.separator)
  const tsLabel = scheme.timestamp?.label
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!
    if (scheme.labelSeparator === undefined) return { entries, index, label: '', encoded: entry }
    const at = entry.indexOf(scheme.labelSeparator)
    if (at < 0) continue
    const label = entry.slice(0, at)
    if (label === tsLabel) continue
    return { entries, index, label, encoded: entry.slice(at + scheme.labelSeparator.length) }
  }
  throw new Error(`The kit could not find the signature in the ${signatureHeaderName(scheme)} header that sign() produced: ${JSON.stringify(value)}.`)
}

/** Rebuilds a signature header with a different encoded signature in place of the original one. */
export function joinSignature(scheme: Scheme, parts: SignatureParts, encoded: string): string {
  const entries = [...parts.entries]
  entries[parts.index] = scheme.labelSeparator === undefined ? encoded : `${parts.label}${scheme.labelSeparator}${encoded}`
  return scheme.separator === undefined ? entries[0]! : entries.join(scheme.separator)
}

export function decodeSignature(scheme: Scheme, encoded: string): Uint8Array {
  const bytes = scheme.encoding === 'hex' ? fromHex(encoded) : fromBase64(encoded)
  if (bytes === undefined) throw new Error(`sign() produced a signature that is not ${scheme.encoding}: ${JSON.stringify(encoded)}.`)
  return bytes
}

export function encodeSignature(scheme: Scheme, bytes: Uint8Array): string {
  return scheme.encoding === 'hex' ? toHex(bytes) : toBase64(bytes)
}

/** Headers with the signature bytes replaced by `change(bytes)`, re-encoded in the scheme's encoding. */
export function withSignatureBytes(scheme: Scheme, headers: Record<string, string>, change: (bytes: Uint8Array) => Uint8Array): Record<string, string> {
  return withSignatureText(scheme, headers, (encoded) => encodeSignature(scheme, change(decodeSignature(scheme, encoded))))
}

/** Headers with the encoded signature text replaced by `change(text)`. */
export function withSignatureText(scheme: Scheme, headers: Record<string, string>, change: (encoded: string) => string): Record<string, string> {
  const name = signatureHeaderName(scheme)
  const parts = splitSignature(scheme, headers[name]!)
  return { ...headers, [name]: joinSignature(scheme, parts, change(parts.encoded)) }
}

/** The timestamp text as sent (from its header or its labelled entry). */
export function readTimestamp(scheme: Scheme, headers: Record<string, string>): string {
  const ts = scheme.timestamp!
  if (ts.header !== undefined) return headers[ts.header]!
  const name = signatureHeaderName(scheme)
  const prefix = `${ts.label}${scheme.labelSeparator}`
  const entries = scheme.separator === undefined ? [headers[name]!] : headers[name]!.split(scheme.separator)
  const entry = entries.find((e) => e.startsWith(prefix))
  if (entry === undefined) throw new Error(`sign() produced no ${prefix} entry in ${name}.`)
  return entry.slice(prefix.length)
}

/** Headers with the timestamp text replaced (in its header or its labelled entry). */
export function withTimestamp(scheme: Scheme, headers: Record<string, string>, text: string): Record<string, string> {
  const ts = scheme.timestamp!
  if (ts.header !== undefined) return { ...headers, [ts.header]: text }
  const name = signatureHeaderName(scheme)
  const prefix = `${ts.label}${scheme.labelSeparator}`
  const sep = scheme.separator
  const entries = sep === undefined ? [headers[name]!] : headers[name]!.split(sep)
  const rebuilt = entries.map((e) => (e.startsWith(prefix) ? prefix + text : e))
  return { ...headers, [name]: sep === undefined ? rebuilt[0]! : rebuilt.join(sep) }
}

/** A small seeded PRNG (mulberry32) for filler bytes and letter case: cheap, deterministic, shrinks with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `name` with the case of each letter chosen by `seed`. */
export function randomCase(name: string, seed: number): string {
  const next = prng(seed)
  let out = ''
  for (const c of name) out += next() < 0.5 ? c.toLowerCase() : c.toUpperCase()
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
