import { backend } from '#crypto'
import { captureRequest, type CapturedRequest } from '../body/index.js'
import { checkBodyTimeout } from '../body/deadline.js'
import { presets } from '../../providers/index.js'
import { displayHeader as display, signedContents, signsUrl } from './content.js'
import { fail, WebhookVerificationError } from './errors.js'
import { trimOws } from './headers.js'
import { equalSecretBytes } from './compare.js'
import { fromBase64, fromHex, utf8 } from './encoding.js'
import { familiesFor, prepareKey, secretHints, type KeyFamily, type PreparedKey } from './keys.js'
import { checkTolerance, isScheme, keyFamily } from './scheme.js'
import type { Algorithm, Delivery, HandshakeResponse, KeyInput, ReadResult, Scheme, SecretInput, TimestampUnit, VerifiedWebhook, VerifyOptions } from './types.js'
import type { HashName } from '../crypto/types.js'
import { replayGuard } from '../replay/check.js'

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
// No scheme's signature, timestamp or id comes near this (a Standard Webhooks header with 20 rotated
// signatures is ~2 KiB); longer values are refused before they are parsed, decoded or hashed.
const MAX_HEADER_VALUE = 8 * 1024

function checkLength(value: string | undefined, what: string): void {
  if (value !== undefined && value.length > MAX_HEADER_VALUE) fail('ERR_WEBHOOK_MALFORMED_HEADER', `The ${what} is longer than ${MAX_HEADER_VALUE} characters; no provider sends one that long.`)
}

const MAX_ENTRIES = 32

const HASH: Partial<Record<Algorithm, HashName>> = { 'hmac-sha1': 'sha1', 'hmac-sha256': 'sha256', 'hmac-sha512': 'sha512' }

/** Resolves a preset id or a scheme object; anything else is a configuration error. */
export function resolveScheme(provider: string | Scheme): Scheme {
  if (typeof provider === 'string') {
    if (Object.hasOwn(presets, provider)) return presets[provider as keyof typeof presets]
    throw new TypeError(`Unknown provider '${provider}'. Known presets: ${Object.keys(presets).join(', ')}; or pass a scheme from defineScheme().`)
  }
  if (isScheme(provider)) return provider
  throw new TypeError('The provider must be a preset id such as \'github\' or a scheme from defineScheme() or a preset factory.')
}

interface Candidate {
  algorithm: Algorithm
  signature: Uint8Array
}

function lower(name: string | readonly string[] | undefined): readonly string[] {
  return name === undefined ? [] : (typeof name === 'string' ? [name] : name).map((n) => n.toLowerCase())
}

function firstHeader(headers: CapturedRequest['headers'], names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = headers(name)
    if (value !== undefined) return [name, value]
  }
  return undefined
}

function decodeSignature(encoding: Scheme['encoding'], text: string): Uint8Array | undefined {
  return encoding === 'hex' ? fromHex(text) : encoding === 'base64' ? fromBase64(text) : text.length > 0 ? utf8(text) : undefined
}

/** How messages name where the signature came from: its header, or the scheme's `read` hook. */
function shown(scheme: Scheme, header: string): string {
  return header === 'signature' ? `The ${scheme.name ?? scheme.id} signature` : display(header)
}

/** Reads the signature value: which algorithm each signature claims, its bytes, and a labelled timestamp. */
function parseSignatures(scheme: Scheme, value: string, header: string): { candidates: Candidate[]; timestamp: string | undefined } {
  // Split on the separator without its surrounding spaces (entries are trimmed below): a scheme that
  // declares ', ' (WorkOS sends `t=…, v1=…`) has sign() write it as declared and still reads `t=…,v1=…`.
  const entries = scheme.separator === undefined ? [value] : value.split(scheme.separator.trim() || scheme.separator)
  if (entries.length > MAX_ENTRIES) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} holds more than ${MAX_ENTRIES} entries.`)
  const candidates: Candidate[] = []
  const tsLabel = scheme.timestamp?.label
  let timestamp: string | undefined
  let refused: string | undefined
  for (const raw of entries) {
    const entry = trimOws(raw)
    let label = ''
    let text = entry
    if (scheme.labelSeparator !== undefined) {
      const at = entry.indexOf(scheme.labelSeparator)
      if (at < 0) {
        refused ??= 'an entry without a label'
        continue
      }
      label = trimOws(entry.slice(0, at))
      text = trimOws(entry.slice(at + scheme.labelSeparator.length))
    }
    if (tsLabel !== undefined && label === tsLabel) {
      if (timestamp !== undefined && timestamp !== text) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} carries two different timestamps.`)
      timestamp = text
      continue
    }
    if (!Object.hasOwn(scheme.algorithms, label)) {
      refused ??= label === '' ? 'an unlabelled entry' : `'${label.slice(0, 16)}' signatures`
      continue
    }
    const signature = decodeSignature(scheme.encoding, text)
    if (signature === undefined) {
      refused ??= `a signature that is not ${scheme.encoding}`
      continue
    }
    candidates.push({ algorithm: scheme.algorithms[label]!, signature })
  }
  if (candidates.length === 0) {
    const expected = Object.keys(scheme.algorithms)
      .map((l) => (l === '' ? scheme.encoding : `${l}${scheme.labelSeparator}<${scheme.encoding}>`))
      .join(' or ')
    fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} has no usable signature (found ${refused ?? 'nothing'}); expected ${expected}.`)
  }
  return { candidates, timestamp }
}

const UNIT_TEXT: Record<TimestampUnit, string> = { s: 'a Unix time in seconds', ms: 'a Unix time in milliseconds', rfc3339: 'an RFC 3339 date-time' }

function parseTimestamp(unit: TimestampUnit, text: string): number | undefined {
  if (unit === 's' && /^\d{1,12}$/.test(text)) return Number(text) * 1000
  if (unit === 'ms' && /^\d{1,15}$/.test(text)) return Number(text)
  if (unit === 'rfc3339' && /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d{1,9})?([Zz]|[+-]\d\d:\d\d)$/.test(text)) {
    const ms = Date.parse(text)
    if (Number.isFinite(ms)) return ms
  }
  return undefined
}

function checkWindow(timestampMs: number, nowMs: number, toleranceSeconds: number): void {
  const skewMs = nowMs - timestampMs
  if (skewMs > toleranceSeconds * 1000) {
    fail('ERR_WEBHOOK_TIMESTAMP_TOO_OLD', `The delivery is ${Math.round(skewMs / 1000)} s old, beyond the ${toleranceSeconds} s tolerance: a replay, a retry of an old delivery, or a clock that is off.`)
  }
  if (-skewMs > toleranceSeconds * 1000) {
    fail('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE', `The delivery is dated ${Math.round(-skewMs / 1000)} s in the future, beyond the ${toleranceSeconds} s tolerance: check this machine's clock.`)
  }
}

// RFC 8032 §5.1.7: S must be < L. Checked here so every backend (tweetnacl too) rejects malleable signatures.
const L_BYTES = (() => {
  let l = 2n ** 252n + 27742317777372353535851937790883648493n
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++, l >>= 8n) out[i] = Number(l & 0xffn)
  return out
})()

function canonicalS(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!
    const l = L_BYTES[i]!
    if (s !== l) return s < l
  }
  return false
}

function sameMac(mac: Uint8Array, signature: Uint8Array): boolean {
  return mac.length === signature.length && backend.equal(mac, signature)
}

type Contents = readonly (readonly Uint8Array[])[]

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return undefined
  }
}

const UNPARSED: unique symbol = Symbol('unparsed')

/** The request as hooks see it; the body is parsed as JSON only when `payload` is first read. */
class RequestView implements Delivery {
  #payload: unknown = UNPARSED
  constructor(
    readonly bytes: Uint8Array,
    readonly headers: CapturedRequest['headers'],
    readonly method: string | undefined,
    readonly url: string | undefined,
    readonly timestamp: string | undefined = undefined,
    readonly id: string | undefined = undefined,
  ) {}
  get payload(): unknown {
    if (this.#payload === UNPARSED) this.#payload = parseJson(this.bytes)
    return this.#payload
  }
}

/**
 * A verified delivery. `payload` is an own enumerable getter (so spreading and logging show it) that
 * parses the body on first access, after verification. Every instance shares one descriptor: a fresh
 * getter closure per request made building the result cost more than the HMAC of a small body.
 */
class Verified {
  #payload: unknown = UNPARSED
  readonly #payloadId: string
  static readonly PAYLOAD: PropertyDescriptor = {
    enumerable: true,
    get(this: Verified) {
      if (this.#payload === UNPARSED) this.#payload = parseJson((this as unknown as VerifiedWebhook).rawBody)
      return this.#payload
    },
  }
  // The id lives in the verified body (Stripe's event id): read on first access, like payload.
  static readonly PAYLOAD_ID: PropertyDescriptor = {
    enumerable: true,
    get(this: Verified) {
      const value = ((this as unknown as VerifiedWebhook).payload as Record<string, unknown> | undefined)?.[this.#payloadId]
      return typeof value === 'string' ? value : undefined
    },
  }
  constructor(kind: 'event' | 'handshake', provider: string, rawBody: Uint8Array, matchedSecret: number, extra: { id?: string; timestampMs?: number; response?: HandshakeResponse }, payloadId: string | undefined) {
    const out = this as unknown as VerifiedWebhook
    out.kind = kind
    out.provider = provider
    out.rawBody = rawBody
    out.matchedSecret = matchedSecret
    this.#payloadId = payloadId ?? ''
    if (extra.id !== undefined) out.id = extra.id
    if (extra.timestampMs !== undefined) out.timestamp = new Date(extra.timestampMs)
    if (extra.response !== undefined) out.response = extra.response
    Object.defineProperty(this, 'payload', Verified.PAYLOAD)
    if (extra.id === undefined && payloadId !== undefined) Object.defineProperty(this, 'id', Verified.PAYLOAD_ID)
  }
}

/** A verifier for one scheme and secret set; configuration is checked once, here. */
export interface Verifier {
  /** The scheme this verifier checks. */
  readonly scheme: Scheme
  /** Verifies one request; rejects only with WebhookVerificationError. */
  verify<T = unknown>(request: unknown): Promise<VerifiedWebhook<T>>
}

/** @internal what verifyAny needs besides `verify`. */
export interface PreparedVerifier extends Verifier {
  readonly maxBodyBytes: number
  readonly bodyTimeoutMs: number
  check(captured: CapturedRequest): Promise<VerifiedWebhook>
}

function nowFrom(option: VerifyOptions['now']): () => number {
  if (option === undefined) return Date.now
  const ms = option instanceof Date ? option.getTime() : option
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('options.now is a Date or milliseconds since the epoch.')
  return () => ms
}

function secretList(secret: SecretInput): readonly KeyInput[] {
  const list = Array.isArray(secret) ? (secret as readonly KeyInput[]) : [secret as KeyInput]
  if (list.length === 0) throw new TypeError('The list of secrets is empty; pass at least one secret.')
  return list
}

type Keys = Partial<Record<KeyFamily, Uint8Array>>

/**
 * Checks the configuration once and returns a verifier to reuse for every request.
 * Configuration mistakes throw a TypeError here.
 *
 * @example
 * const github = createVerifier('github', process.env.GITHUB_WEBHOOK_SECRET)
 * const event = await github.verify(req)
 */
export function createVerifier(provider: string | Scheme, secret: SecretInput, options?: VerifyOptions): Verifier {
  return prepareVerifier(provider, secret, options)
}

/** @internal createVerifier, with what verifyAny needs as well. */
export function prepareVerifier(provider: string | Scheme, secret: SecretInput, options: VerifyOptions = {}): PreparedVerifier {
  const scheme = resolveScheme(provider)
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object.')
  const tolerance = options.toleranceSeconds !== undefined ? checkTolerance(options.toleranceSeconds) : undefined
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) throw new TypeError('maxBodyBytes must be a non-negative integer.')
  const bodyTimeoutMs = checkBodyTimeout(options.bodyTimeoutMs)
  if (options.url !== undefined && (typeof options.url !== 'string' || !URL.canParse(options.url))) throw new TypeError('options.url must be an absolute URL.')
  if (options.verifyToken !== undefined && (typeof options.verifyToken !== 'string' || options.verifyToken.length === 0)) {
    throw new TypeError('options.verifyToken must be a non-empty string: the Verify Token configured with the webhook (Meta).')
  }
  if (signsUrl(scheme) && options.url === undefined) {
    throw new TypeError(`${scheme.name ?? scheme.id} signs the URL it called: pass options.url, the public URL as configured at the provider.`)
  }
  const now = nowFrom(options.now)
  const families = [...new Set(Object.values(scheme.algorithms).map(keyFamily))]
  const signatureHeaders = scheme.signatureHeaders
  const tsHeaders = lower(scheme.timestamp?.headers ?? scheme.timestamp?.header)
  const idHeaders = lower(scheme.idHeader)
  const inputs = secretList(secret)
  const hints = [...new Set(inputs.flatMap((input) => secretHints(input, scheme)))]
  const replay = replayGuard(options.replay, scheme)

  // Each secret is prepared for every key family the scheme uses; it must fit at least one.
  const pending = inputs.map((input) => {
    const fitted: { family: KeyFamily; key: PreparedKey }[] = []
    let firstError: unknown
    for (const family of familiesFor(input, scheme, families)) {
      try {
        fitted.push({ family, key: prepareKey(family, input, scheme) })
      } catch (error) {
        firstError ??= error
      }
    }
    if (fitted.length === 0) throw firstError
    return fitted
  })
  let ready: Promise<Keys[]> | Keys[] | undefined
  const secrets = (): Promise<Keys[]> | Keys[] => {
    if (ready === undefined) {
      const build = (lists: { family: KeyFamily; key: Uint8Array }[][]): Keys[] => lists.map((list) => Object.fromEntries(list.map(({ family, key }) => [family, key])))
      const sync = pending.every((list) => list.every(({ key }) => !(key instanceof Promise)))
      ready = sync
        ? build(pending as { family: KeyFamily; key: Uint8Array }[][])
        : Promise.all(pending.map((list) => Promise.all(list.map(async ({ family, key }) => ({ family, key: await key }))))).then((lists) => (ready = build(lists)))
    }
    return ready
  }

  /**
   * The index of the secret whose key verifies one of the candidates over one of the contents, or -1.
   * Runs synchronously while the backend answers synchronously (node:crypto), so a request costs no
   * Promise per check; an asynchronous answer (Web Crypto) continues from the same place.
   */
  function matchSignature(keys: Keys[], candidates: Candidate[], contents: Contents, from = 0, macs?: Map<string, Uint8Array | Promise<Uint8Array>>): number | Promise<number> {
    const perContent = candidates.length
    const perSecret = contents.length * perContent
    for (let i = from; i < keys.length * perSecret; i++) {
      const s = Math.floor(i / perSecret)
      const c = Math.floor((i % perSecret) / perContent)
      const { algorithm, signature } = candidates[i % perContent]!
      const family = keyFamily(algorithm)
      const key = keys[s]![family]
      if (key === undefined) continue
      const parts = contents[c]!
      let ok: boolean | Promise<boolean>
      if (algorithm === 'token') {
        ok = equalSecretBytes(key, signature)
      } else if (family === 'hmac') {
        const hash = HASH[algorithm]!
        // One HMAC per secret, content and hash, however many signatures the header lists.
        const memo = perContent > 1 ? `${s}:${c}:${hash}` : undefined
        let mac = memo !== undefined ? macs?.get(memo) : undefined
        if (mac === undefined) {
          mac = backend.hmac(hash, key, parts)
          if (memo !== undefined) (macs ??= new Map()).set(memo, mac)
        }
        // an asynchronous MAC continues in one step (compare, then the next candidate), not two
        if (mac instanceof Promise) return mac.then((m) => (sameMac(m, signature) ? s : matchSignature(keys, candidates, contents, i + 1, macs)))
        ok = sameMac(mac, signature)
      } else if (family === 'ed25519') {
        ok = signature.length === 64 && canonicalS(signature) && backend.verifyEd25519(key, parts, signature)
      } else {
        ok = backend.verifyEcdsaP256(key, parts, signature)
      }
      if (ok instanceof Promise) return ok.then((yes) => (yes ? s : matchSignature(keys, candidates, contents, i + 1, macs)))
      if (ok) return s
    }
    return -1
  }

  function result(kind: 'event' | 'handshake', bytes: Uint8Array, matched: number, extra: { id?: string; timestampMs?: number; response?: HandshakeResponse }): VerifiedWebhook {
    return new Verified(kind, scheme.id, bytes, matched, extra, scheme.payloadId) as unknown as VerifiedWebhook
  }

  async function check(captured: CapturedRequest): Promise<VerifiedWebhook> {
    // Each `await` below is taken only for a real promise: with node:crypto and a template scheme the
    // whole check runs synchronously, and the only Promise is the one this function returns.
    let keys = secrets()
    if (keys instanceof Promise) keys = await keys
    const { bytes, headers } = captured
    const delivery = new RequestView(bytes, headers, captured.method, options.url ?? captured.url)

    const early = scheme.preflight?.(delivery, options)
    if (early !== undefined) return result('handshake', bytes, -1, { response: early })

    const read: ReadResult = scheme.read?.(delivery) ?? {}
    const found = read.signature !== undefined ? (['signature', read.signature] as const) : firstHeader(headers, signatureHeaders)
    if (found === undefined) {
      fail('ERR_WEBHOOK_MISSING_HEADER', `The ${signatureHeaders.map(display).join(' or ')} header is missing: is this request from ${scheme.name ?? scheme.id}, and is a secret set for the webhook there?${scheme.hint ? ' ' + scheme.hint : ''}`)
    }
    checkLength(found[1], 'signature')
    const { candidates, timestamp: labelled } = parseSignatures(scheme, found[1], found[0])

    let timestampText: string | undefined
    let timestampMs: number | undefined
    const ts = scheme.timestamp
    if (ts !== undefined) {
      const tsFound = tsHeaders.length > 0 ? firstHeader(headers, tsHeaders) : undefined
      timestampText = read.timestamp ?? (tsHeaders.length > 0 ? tsFound?.[1] : labelled)
      if (timestampText === undefined) {
        if (tsHeaders.length > 0 && read.timestamp === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${tsHeaders.map(display).join(' or ')} header is missing; the signature cannot be checked without it.`)
        fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, found[0])} has no timestamp.`)
      }
      checkLength(timestampText, 'timestamp')
      timestampMs = parseTimestamp(ts.unit, timestampText)
      if (timestampMs === undefined) {
        const where = tsHeaders.length > 0 ? display(tsFound?.[0] ?? tsHeaders[0]) : `the ${ts.label}= entry of ${shown(scheme, found[0])}`
        fail('ERR_WEBHOOK_MALFORMED_HEADER', `The timestamp in ${where} is not ${UNIT_TEXT[ts.unit]}.`)
      }
    }
    const id = read.id ?? firstHeader(headers, idHeaders)?.[1]
    checkLength(id, 'delivery id')

    let contents = signedContents(scheme, new RequestView(bytes, headers, delivery.method, delivery.url, timestampText, id))
    if (contents instanceof Promise) contents = await contents
    let matched = matchSignature(keys, candidates, contents)
    if (matched instanceof Promise) matched = await matched
    if (matched < 0) {
      fail(
        'ERR_WEBHOOK_SIGNATURE_MISMATCH',
        `The signature does not match. Check that the secret is the one configured for this webhook at ${scheme.name ?? scheme.id} and that the body is passed exactly as received, not re-serialised.` +
          (hints.length > 0 ? ' ' + hints.join(' ') : ''),
      )
    }
    if (timestampMs !== undefined) checkWindow(timestampMs, now(), tolerance ?? ts!.toleranceSeconds)

    const pts = scheme.payloadTimestamp
    if (pts !== undefined) {
      const value = (delivery.payload as Record<string, unknown> | undefined)?.[pts.field]
      // JSON numbers for Unix times, strings for RFC 3339, as the providers send them; nothing looser.
      const ms = pts.unit === 'rfc3339' ? (typeof value === 'string' ? parseTimestamp('rfc3339', value) : undefined) : typeof value === 'number' && Number.isSafeInteger(value) ? parseTimestamp(pts.unit, String(value)) : undefined
      if (ms === undefined) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', `The verified body has no ${pts.field} in ${UNIT_TEXT[pts.unit]}; it is needed to reject replays.`)
      checkWindow(ms, now(), tolerance ?? pts.toleranceSeconds)
      timestampMs ??= ms
    }

    const matchedKey = keys[matched]!.hmac
    let response = scheme.handshake?.(delivery, {
      options,
      hmac: async (hash, data) => {
        if (matchedKey === undefined) throw new TypeError('This scheme has no shared secret to compute an HMAC with.')
        return backend.hmac(hash, matchedKey, [typeof data === 'string' ? utf8(data) : data])
      },
    })
    if (response instanceof Promise) response = await response
    const out = result(response === undefined ? 'event' : 'handshake', bytes, matched, { id, timestampMs, response })
    // Replay (src/replay/check.ts): after the signature and the window, so only signed deliveries reach the store.
    const idSigned = id === undefined || read.id !== undefined || scheme.parts?.includes('id') === true
    if (replay !== undefined && response === undefined) await replay({ result: out, contents, idSigned, timestampMs, toleranceSeconds: tolerance ?? ts?.toleranceSeconds ?? pts?.toleranceSeconds, nowMs: now() })
    return out
  }

  return {
    scheme,
    maxBodyBytes,
    bodyTimeoutMs,
    check,
    verify,
  }

  function verify<T>(request: unknown): Promise<VerifiedWebhook<T>> {
    const keys = secrets()
    // a CryptoKey that cannot be exported is a configuration error, not the request's
    if (keys instanceof Promise) return keys.then(() => verify<T>(request))
    try {
      const captured = captureRequest(request, maxBodyBytes, bodyTimeoutMs)
      return (captured instanceof Promise ? captured.then(check) : check(captured)).catch(rejectAsVerificationError) as Promise<VerifiedWebhook<T>>
    } catch (error) {
      return rejectAsVerificationError(error)
    }
  }
}

function rejectAsVerificationError(error: unknown): Promise<never> {
  return Promise.reject(asVerificationError(error))
}

/** Whatever a hostile request makes a platform object or a hook throw stays our error. */
export function asVerificationError(error: unknown): WebhookVerificationError {
  if (error instanceof WebhookVerificationError) return error
  return new WebhookVerificationError('ERR_WEBHOOK_INVALID_REQUEST', 'The request could not be read as a webhook delivery.', { cause: error })
}

/**
 * Verifies a webhook delivery from the exact bytes received and resolves to the verified event,
 * or rejects with a WebhookVerificationError (configuration mistakes: TypeError).
 *
 * @example
 * const event = await verifyWebhook(req, 'github', process.env.GITHUB_WEBHOOK_SECRET)
 * if (event.kind === 'handshake') return event.response
 */
export function verifyWebhook<T = unknown>(request: unknown, provider: string | Scheme, secret: SecretInput, options?: VerifyOptions): Promise<VerifiedWebhook<T>> {
  try {
    return cachedVerifier(provider, secret, options).verify<T>(request)
  } catch (error) {
    return Promise.reject(error)
  }
}

// verifyWebhook is typically called per request with the same preset, secret and options, so the
// verifiers it builds (scheme resolved, keys decoded, hints computed) are kept: the last few, keyed
// by value for strings and plain option values and by identity for objects (schemes, keys, bytes).
// Options holding anything else (a replay store, `replay: true`'s process-wide memory store, unknown
// fields a hook may read) are never cached, so such a call behaves exactly as a fresh verifier.
const CACHED_VERIFIERS = 32
const verifierCache = new Map<string, PreparedVerifier>()
const identities = new WeakMap<object, number>()
let lastIdentity = 0
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['toleranceSeconds', 'maxBodyBytes', 'bodyTimeoutMs', 'url', 'verifyToken', 'now'])

/** A string by value, an object (scheme, key, bytes) by identity; type-tagged and length-prefixed so keys never collide. */
function keyPart(value: unknown): string | undefined {
  if (typeof value === 'string') return `s${value.length}:${value}`
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  let n = identities.get(value)
  if (n === undefined) identities.set(value, (n = ++lastIdentity))
  return `o${n}:`
}

/** The cache key of verifyWebhook's arguments, or undefined when they must not be cached. */
function cacheKey(provider: unknown, secret: unknown, options: unknown): string | undefined {
  let key = keyPart(provider)
  if (key === undefined) return undefined
  key += Array.isArray(secret) ? 'a' : '-'
  for (const input of Array.isArray(secret) ? secret : [secret]) {
    const part = keyPart(input)
    if (part === undefined) return undefined
    key += part
  }
  if (options === undefined) return key
  if (typeof options !== 'object' || options === null) return undefined
  for (const name of Object.keys(options)) {
    if (!VALUE_OPTIONS.has(name)) return undefined
    const value = (options as Record<string, unknown>)[name]
    if (typeof value === 'string') key += `${name}${keyPart(value)}`
    else if (typeof value === 'number' || value === undefined) key += `${name}${value}:`
    else if (value instanceof Date) key += `${name}d${value.getTime()}:`
    else return undefined
  }
  return key
}

function cachedVerifier(provider: string | Scheme, secret: SecretInput, options: VerifyOptions | undefined): PreparedVerifier {
  const key = cacheKey(provider, secret, options)
  let verifier = key === undefined ? undefined : verifierCache.get(key)
  if (verifier === undefined) {
    verifier = prepareVerifier(provider, secret, options)
    if (key !== undefined) {
      if (verifierCache.size >= CACHED_VERIFIERS) verifierCache.delete(verifierCache.keys().next().value!)
      verifierCache.set(key, verifier)
    }
  }
  return verifier
}
