import { backend } from '#crypto'
import { signedContents } from './content.js'
import { fromBinary, isBytes, toBase64, toHex, utf8 } from './encoding.js'
import { toHeaderLookup } from './headers.js'
import { familiesFor, prepareEd25519PrivateKey, prepareKey, stripPrefix } from './keys.js'
import { keyFamily } from './scheme.js'
import type { KeyInput, Scheme } from './types.js'
import { resolveScheme } from './verify.js'

/** What `sign` signs. */
export interface SignInput {
  /** The body: bytes and strings are sent as they are; anything else as JSON. */
  payload: unknown
  /** The HMAC secret, or for Ed25519 the private key (32-byte seed as hex/base64, PKCS#8 PEM, bytes, KeyObject). */
  secret: KeyInput
  /** Unix time in seconds (or a Date). Default: now. */
  timestamp?: number | Date
  /** Delivery id, for schemes that carry one. Default: a random UUID where the scheme signs it. */
  id?: string
  /** The URL the request goes to, for schemes that sign it. */
  url?: string
  /** The HTTP method, for schemes that sign it. Default: POST. */
  method?: string
}

function firstName(header: string | readonly string[]): string {
  return typeof header === 'string' ? header : header[0]!
}

/**
 * Signs a payload the way the provider does and returns the headers to send with it, for tests
 * and for senders (faas-cli invoke --sign does the same for X-Hub-Signature).
 *
 * @example
 * const body = JSON.stringify({ zen: 'Keep it logically awesome.' })
 * const headers = await sign('github', { payload: body, secret })
 * await fetch(url, { method: 'POST', headers, body })
 */
export async function sign(provider: string | Scheme, input: SignInput): Promise<Record<string, string>> {
  const scheme = resolveScheme(provider)
  if (typeof input !== 'object' || input === null) throw new TypeError('sign needs { payload, secret }.')
  if (scheme.read !== undefined) throw new TypeError(`sign cannot place ${scheme.name ?? scheme.id} signatures: they travel inside the body.`)
  const bytes = isBytes(input.payload) ? input.payload : utf8(typeof input.payload === 'string' ? input.payload : (JSON.stringify(input.payload) ?? ''))
  const headers: Record<string, string> = {}

  let timestampText: string | undefined
  const ts = scheme.timestamp
  if (ts !== undefined) {
    const t = input.timestamp ?? Math.floor(Date.now() / 1000)
    const seconds = t instanceof Date ? t.getTime() / 1000 : t
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new TypeError('timestamp is Unix seconds or a Date.')
    timestampText =
      ts.unit === 's' ? String(Math.floor(seconds)) : ts.unit === 'ms' ? String(Math.floor(seconds * 1000)) : new Date(seconds * 1000).toISOString()
    if (ts.header !== undefined) headers[ts.header] = timestampText
  }
  let id = input.id
  if (id === undefined && scheme.parts?.includes('id')) id = globalThis.crypto.randomUUID()
  if (id !== undefined && scheme.idHeader !== undefined) headers[firstName(scheme.idHeader)] = id

  const method = (input.method ?? 'POST').toUpperCase()
  const delivery = { bytes, headers: toHeaderLookup(headers), method, url: input.url, payload: undefined, timestamp: timestampText, id }

  // The first algorithm the secret fits, in the scheme's order of preference (where the scheme
  // marks key kinds by prefix, only that kind's algorithms: whsk_ signs v1a, whsec_ signs v1).
  const fits = familiesFor(input.secret, scheme, [...new Set(Object.values(scheme.algorithms).map(keyFamily))])
  let lastError: unknown = new TypeError(`This secret fits none of ${scheme.name ?? scheme.id}'s algorithms.`)
  for (const [label, algorithm] of Object.entries(scheme.algorithms)) {
    let signature: Uint8Array
    const family = keyFamily(algorithm)
    if (!fits.includes(family)) continue
    try {
      if (algorithm === 'token') {
        signature = prepareKey('hmac', input.secret, scheme) as Uint8Array
      } else if (family === 'hmac') {
        const parts = (await signedContents(scheme, delivery))[0]!
        signature = fromBinary(await backend.hmac(algorithm === 'hmac-sha1' ? 'sha1' : algorithm === 'hmac-sha512' ? 'sha512' : 'sha256', prepareKey('hmac', input.secret, scheme) as Uint8Array, parts))
      } else if (family === 'ed25519') {
        const parts = (await signedContents(scheme, delivery))[0]!
        signature = await backend.signEd25519(prepareEd25519PrivateKey(typeof input.secret === 'string' ? stripPrefix(input.secret, scheme.keyPrefixes?.ed25519 ?? scheme.secretPrefix) : input.secret), parts)
      } else {
        throw new TypeError(`sign does not produce ${algorithm} signatures (they are made with the provider's private key).`)
      }
    } catch (error) {
      lastError = error
      continue
    }
    const encoded = scheme.encoding === 'hex' ? toHex(signature) : scheme.encoding === 'base64' ? toBase64(signature) : new TextDecoder().decode(signature)
    const entry = scheme.labelSeparator === undefined ? encoded : `${label}${scheme.labelSeparator}${encoded}`
    headers[firstName(scheme.signatureHeader)] =
      ts?.label !== undefined ? `${ts.label}${scheme.labelSeparator}${timestampText}${scheme.separator}${entry}` : entry
    return headers
  }
  throw lastError
}
