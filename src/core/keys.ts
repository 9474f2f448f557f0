// Turning what users pass as a secret or key into the raw bytes the backends take. Every mistake
// here is a configuration error (TypeError) raised when the verifier is created, and no message
// ever contains the secret itself.
import { fromBase64, fromHex, isBytes, utf8 } from './encoding.js'
import type { KeyInput, KeyLike, Scheme } from './types.js'

export type KeyFamily = 'hmac' | 'ed25519' | 'ecdsa-p256'

/** Raw key bytes, or a promise of them for a CryptoKey (exported on first use). */
export type PreparedKey = Uint8Array | Promise<Uint8Array>

const P = 2n ** 255n - 19n
// y-coordinate of the order-8 points; with 0, 1 and p-1 these are every small-order point's y.
const Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n
const SMALL_ORDER_Y = new Set([0n, 1n, P - 1n, Y8, P - Y8])

// A bounded cache from secret text to its bytes, so that verifyWebhook(req, 'github', secret)
// called per request reuses one Uint8Array and the backends' per-key caches hit.
const textKeys = new Map<string, Uint8Array>()
function remember(cacheKey: string, make: () => Uint8Array): Uint8Array {
  let bytes = textKeys.get(cacheKey)
  if (bytes === undefined) {
    bytes = make()
    if (textKeys.size >= 256) textKeys.delete(textKeys.keys().next().value as string)
    textKeys.set(cacheKey, bytes)
  }
  return bytes
}

function describe(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'an array'
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`
}

function isKeyLike(input: unknown): input is KeyLike {
  return typeof input === 'object' && input !== null && typeof (input as KeyLike).type === 'string'
}

export function prepareHmacSecret(input: KeyInput): Uint8Array {
  if (typeof input === 'string') {
    if (input.length === 0) throw new TypeError('The webhook secret is empty; pass the secret configured at the provider.')
    return remember(`hmac\0${input}`, () => utf8(input))
  }
  if (isBytes(input)) {
    if (input.length === 0) throw new TypeError('The webhook secret is empty; pass the secret configured at the provider.')
    return input
  }
  throw new TypeError(`An HMAC webhook secret must be a string or a Uint8Array, not ${describe(input)}.`)
}

function stripPem(text: string, label: string): Uint8Array | undefined {
  const match = new RegExp(`^-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----$`).exec(text.trim())
  return match ? fromBase64(match[1]!.replace(/\s+/g, '')) : undefined
}

/** hex, base64, or PEM with the given label; `undefined` when it is none of them. */
function decodeKeyText(text: string, pemLabel: string): Uint8Array | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('-----BEGIN')) return stripPem(trimmed, pemLabel)
  return (/^[0-9a-fA-F]+$/.test(trimmed) ? fromHex(trimmed) : undefined) ?? fromBase64(trimmed)
}

const ED25519_SPKI_PREFIX = '302a300506032b6570032100'
const ED25519_PKCS8_PREFIX = '302e020100300506032b657004220420'

function hasPrefix(bytes: Uint8Array, hexPrefix: string, length: number): boolean {
  if (bytes.length !== length) return false
  for (let i = 0; i < hexPrefix.length / 2; i++) {
    if (bytes[i] !== parseInt(hexPrefix.slice(2 * i, 2 * i + 2), 16)) return false
  }
  return true
}

function checkEd25519PublicKey(raw: Uint8Array): Uint8Array {
  if (raw.length !== 32) {
    throw new TypeError(`An Ed25519 public key is 32 bytes (64 hex characters); this one is ${raw.length} bytes. Use the application's public key as shown by the provider.`)
  }
  let y = 0n
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? raw[i]! & 0x7f : raw[i]!)
  if (y >= P) throw new TypeError('This Ed25519 public key is not canonically encoded; check that it is the provider\'s public key.')
  if (SMALL_ORDER_Y.has(y)) {
    throw new TypeError('This Ed25519 public key is a small-order point, which any signature can match; use the provider\'s real public key.')
  }
  return raw
}

function jwkBytes(key: KeyLike, field: 'x' | 'd'): Uint8Array | undefined {
  const exporter = (key as { export?: (o: { format: 'jwk' }) => Record<string, string> }).export
  if (typeof exporter !== 'function') return undefined
  const value = exporter.call(key, { format: 'jwk' })[field]
  return typeof value === 'string' ? fromBase64(value.replace(/-/g, '+').replace(/_/g, '/')) : undefined
}

interface CryptoKeyLike extends KeyLike {
  algorithm?: { name?: string }
  extractable?: boolean
}

export function prepareEd25519PublicKey(input: KeyInput): PreparedKey {
  if (typeof input === 'string') {
    if (input.trim().length === 0) throw new TypeError('The Ed25519 public key is empty; pass the application public key.')
    const decoded = decodeKeyText(input, 'PUBLIC KEY')
    if (decoded === undefined) throw new TypeError('The Ed25519 public key is neither hex, base64 nor a PEM "PUBLIC KEY".')
    return checkEd25519PublicKey(hasPrefix(decoded, ED25519_SPKI_PREFIX, 44) ? decoded.subarray(12) : decoded)
  }
  if (isBytes(input)) return checkEd25519PublicKey(input)
  if (isKeyLike(input)) {
    const key = input as CryptoKeyLike
    if (key.type !== 'public') throw new TypeError(`An Ed25519 verifier needs the public key; this key's type is '${key.type}'.`)
    if (key.algorithm !== undefined) {
      // a Web Crypto CryptoKey
      if (key.algorithm.name !== 'Ed25519') throw new TypeError('This CryptoKey is not an Ed25519 key.')
      if (key.extractable !== true) throw new TypeError('Import the Ed25519 CryptoKey as extractable, or pass the key bytes instead.')
      // Promise.resolve: a same-realm promise even when crypto.subtle comes from another realm (edge VM)
      return Promise.resolve(globalThis.crypto.subtle.exportKey('raw', key as unknown as CryptoKey)).then((raw) =>
        checkEd25519PublicKey(new Uint8Array(raw)),
      )
    }
    if ((key as { asymmetricKeyType?: string }).asymmetricKeyType !== 'ed25519') throw new TypeError('This KeyObject is not an Ed25519 key.')
    const raw = jwkBytes(key, 'x')
    if (raw === undefined) throw new TypeError('Could not read this Ed25519 KeyObject.')
    return checkEd25519PublicKey(raw)
  }
  throw new TypeError(`An Ed25519 public key must be hex, base64, PEM, bytes, a KeyObject or a CryptoKey, not ${describe(input)}.`)
}

/** The 32-byte seed of an Ed25519 private key (hex/base64 of 32 or 64 bytes, PKCS#8 PEM, bytes, KeyObject). */
export function prepareEd25519PrivateKey(input: KeyInput): Uint8Array {
  let raw: Uint8Array | undefined
  if (typeof input === 'string') {
    raw = decodeKeyText(input, 'PRIVATE KEY')
    if (raw !== undefined && hasPrefix(raw, ED25519_PKCS8_PREFIX, 48)) raw = raw.subarray(16)
  } else if (isBytes(input)) {
    raw = input
  } else if (isKeyLike(input) && input.type === 'private') {
    raw = jwkBytes(input, 'd')
  }
  if (raw === undefined || (raw.length !== 32 && raw.length !== 64)) {
    throw new TypeError('An Ed25519 private key is a 32-byte seed (or 64-byte seed and public key) as hex or base64, a PKCS#8 PEM, bytes or a private KeyObject.')
  }
  return raw.subarray(0, 32)
}

const P256_SPKI_PREFIX = '3059301306072a8648ce3d020106082a8648ce3d030107034200'

/** An ECDSA P-256 public key: base64 SPKI DER, PEM, or bytes. */
export function prepareEcdsaP256PublicKey(input: KeyInput): Uint8Array {
  const raw = typeof input === 'string' ? decodeKeyText(input, 'PUBLIC KEY') : isBytes(input) ? input : undefined
  if (raw === undefined || !hasPrefix(raw, P256_SPKI_PREFIX, 91)) {
    throw new TypeError('An ECDSA P-256 public key must be an uncompressed SubjectPublicKeyInfo: base64 DER or a PEM "PUBLIC KEY".')
  }
  return raw
}

/** How a scheme writes its string secrets: an optional prefix, then UTF-8 or base64. */
export interface SecretFormat {
  secretPrefix?: string | readonly string[]
  secretEncoding?: 'utf8' | 'base64'
  keyPrefixes?: Readonly<Partial<Record<KeyFamily, string | readonly string[]>>>
}

const list = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value)

/** Removes the first of the scheme's secret prefixes that `text` starts with. */
export function stripPrefix(text: string, prefix: SecretFormat['secretPrefix']): string {
  for (const p of list(prefix)) {
    if (text.startsWith(p)) return text.slice(p.length)
  }
  return text
}

/**
 * The key families one secret is prepared for. Where the scheme marks key kinds by prefix (Standard
 * Webhooks: whsec_ for HMAC, whpk_ for Ed25519), the prefix decides: a public key must never become
 * an HMAC secret, since anyone who has it could then forge a v1 signature. Unprefixed strings and
 * bytes are shared secrets; KeyObjects and CryptoKeys are keys.
 */
export function familiesFor(input: KeyInput, format: SecretFormat, families: readonly KeyFamily[]): readonly KeyFamily[] {
  const prefixes = format.keyPrefixes
  if (prefixes === undefined) return families
  if (typeof input === 'string') {
    for (const family of families) {
      if (list(prefixes[family]).some((p) => input.startsWith(p))) return [family]
    }
  } else if (isKeyLike(input)) {
    const keys = families.filter((f) => f !== 'hmac')
    return keys.length > 0 ? keys : families
  }
  return families.includes('hmac') ? ['hmac'] : families
}

/** Prepares one secret or key for a key family, in the scheme's secret format. */
export function prepareKey(family: KeyFamily, input: KeyInput, format: SecretFormat = {}): PreparedKey {
  const text = typeof input === 'string' ? stripPrefix(input, format.keyPrefixes !== undefined ? format.keyPrefixes[family] : format.secretPrefix) : undefined
  switch (family) {
    case 'hmac':
      if (text !== undefined && format.secretEncoding === 'base64') {
        const bytes = fromBase64(text)
        if (bytes === undefined || bytes.length === 0) throw new TypeError('This scheme\'s secret is base64 (after its whsec_ prefix); the one given is not. Copy the signing secret exactly as the provider shows it.')
        return remember(`b64\0${text}`, () => bytes)
      }
      return prepareHmacSecret(text ?? input)
    case 'ed25519':
      return prepareEd25519PublicKey(text ?? input)
    case 'ecdsa-p256':
      return prepareEcdsaP256PublicKey(text ?? input)
  }
}

/**
 * Plain-language hints for a secret that looks like a common mistake, for the mismatch message.
 * They describe the secret's shape, never its content.
 */
export function secretHints(input: KeyInput, scheme: Pick<Scheme, 'secretHints' | 'secretPrefix' | 'keyPrefixes' | 'expectedSecretPrefix'>): string[] {
  if (typeof input !== 'string') return []
  const out: string[] = []
  if (input !== input.trim()) out.push('The secret has leading or trailing whitespace (often a newline from a file or an env var); trim it.')
  for (const [prefix, hint] of Object.entries(scheme.secretHints ?? {})) if (input.startsWith(prefix)) out.push(hint)
  if (input.trim().startsWith('-----BEGIN')) out.push('The secret is a PEM key; this scheme needs the shared signing secret, not a key.')
  const expected = scheme.expectedSecretPrefix
  if (expected !== undefined && !input.startsWith(expected)) {
    out.push(`Secrets for this scheme start with ${expected} and are used whole, prefix included; check that none of it was cut off.`)
  }
  const decodesWhsec = [scheme.secretPrefix, scheme.keyPrefixes?.hmac].flat().includes('whsec_')
  if (input.startsWith('whsec_') && expected !== 'whsec_' && !decodesWhsec) {
    out.push('A whsec_ secret belongs to Stripe (used whole) or to a Standard Webhooks/Svix sender (base64 after the prefix); check that this secret is the one for this provider.')
  }
  return out
}
