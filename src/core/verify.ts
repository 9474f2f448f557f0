import { backend } from '#crypto'
import { captureRequest, type CapturedRequest } from '../body/index.js'
import { checkBodyTimeout } from '../body/deadline.js'
import { presets } from '../../providers/index.js'
import { displayHeader as display, fillTemplate, planTemplate, signedContents, signsUrl } from './content.js'
import { fail, WebhookVerificationError } from './errors.js'
import { equalSecretBytes } from './compare.js'
import { base64Length, equalsBase64, equalsHex, fromBase64, fromBinary, fromHex, hexLength, utf8 } from './encoding.js'
import { familiesFor, prepareKey, secretHints, type KeyFamily, type PreparedKey } from './keys.js'
import { checkTolerance, isScheme, keyFamily } from './scheme.js'
import type { Algorithm, HandshakeResponse, KeyInput, ReadResult, Scheme, SecretInput, SignedContentInput, TimestampUnit, VerifiedWebhook, VerifyOptions } from './types.js'
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

/** How the signatures under one label are checked; worked out once per verifier. */
interface Method {
  algorithm: Algorithm
  family: KeyFamily
  hash: HashName | undefined
}

/**
 * A signature found in the header value. An HMAC is compared with it where it sits, `text[from, to)`
 * (no byte array per request); the algorithms that take bytes (Ed25519, ECDSA, token) get them decoded.
 */
interface Candidate {
  method: Method
  text: string
  from: number
  to: number
  bytes: Uint8Array | undefined
}

/** A scheme's signature-header grammar, worked out once per verifier instead of on every request. */
interface Grammar {
  /** The entry separator without its surrounding spaces (entries are trimmed): ', ' reads `t=…,v1=…` too. */
  separator: string | undefined
  labelSeparator: string | undefined
  timestampLabel: string | undefined
  /** label → method pairs: a scheme has one to three, and a compare beats hashing a fresh string */
  methods: readonly (readonly [string, Method])[]
}

function grammarOf(scheme: Scheme): Grammar {
  const separator = scheme.separator
  const methods = Object.entries(scheme.algorithms).map(([label, algorithm]) => [label, { algorithm, family: keyFamily(algorithm), hash: HASH[algorithm] }] as const)
  return { separator: separator === undefined ? undefined : separator.trim() || separator, labelSeparator: scheme.labelSeparator, timestampLabel: scheme.timestamp?.label, methods }
}

/** The method whose label is value[from, to), compared in place. */
function methodFor(methods: Grammar['methods'], value: string, from: number, to: number): Method | undefined {
  for (let i = 0; i < methods.length; i++) {
    const label = methods[i]![0]
    if (label.length === to - from && value.startsWith(label, from)) return methods[i]![1]
  }
  return undefined
}

function isOws(value: string, at: number): boolean {
  const c = value.charCodeAt(at)
  return c === 32 || c === 9
}

function lower(name: string | readonly string[] | undefined): readonly string[] {
  return name === undefined ? [] : (typeof name === 'string' ? [name] : name).map((n) => n.toLowerCase())
}

function firstHeader(headers: CapturedRequest['headers'], names: readonly string[]): string | undefined {
  for (let i = 0; i < names.length; i++) {
    const value = headers(names[i]!)
    if (value !== undefined) return value
  }
  return undefined
}

/** The name of the first of `names` the request carries (for messages; the value is read by firstHeader). */
function sentName(headers: CapturedRequest['headers'], names: readonly string[]): string {
  if (names.length > 1) for (const name of names) if (headers(name) !== undefined) return name
  return names[0]!
}

/**
 * The signature at value[from, to) for `method`, or undefined when it is not in the scheme's
 * encoding. An HMAC's is checked as it is compared (sameMac), in the same pass: checking it here
 * too cost a second pass over every character, about 3% of a small delivery's whole verification.
 */
function candidate(encoding: Scheme['encoding'], method: Method, value: string, from: number, to: number): Candidate | undefined {
  if (encoding === 'text') return to > from ? { method, text: value, from, to, bytes: utf8(value.slice(from, to)) } : undefined
  if (method.hash !== undefined) return { method, text: value, from, to, bytes: undefined }
  const bytes = encoding === 'hex' ? fromHex(value, from, to) : fromBase64(value, from, to)
  return bytes === undefined ? undefined : { method, text: value, from, to, bytes }
}

/** Whether `mac` (a binary string) is the signature a candidate holds; false when that is not hex or base64. */
function sameMac(encoding: Scheme['encoding'], mac: string, { text, from, to }: Candidate): boolean {
  return encoding === 'hex' ? equalsHex(mac, text, from, to) : equalsBase64(mac, text, from, to)
}

/** Whether a candidate is in the scheme's encoding (for an HMAC's, found out only once none matched). */
function wellFormed(encoding: Scheme['encoding'], { text, from, to, bytes }: Candidate): boolean {
  return bytes !== undefined || (encoding === 'hex' ? hexLength(text, from, to) : base64Length(text, from, to)) >= 0
}

function noUsableSignature(scheme: Scheme, header: string, refused: string | undefined): never {
  const expected = Object.keys(scheme.algorithms)
    .map((l) => (l === '' ? scheme.encoding : `${l}${scheme.labelSeparator}<${scheme.encoding}>`))
    .join(' or ')
  fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} has no usable signature (found ${refused ?? 'nothing'}); expected ${expected}.`)
}

/** How messages name where the signature came from: its header, or the scheme's `read` hook. */
function shown(scheme: Scheme, header: string): string {
  return header === 'signature' ? `The ${scheme.name ?? scheme.id} signature` : display(header)
}

/** Reads the signature value: which method each signature is checked with, its bytes, and a labelled timestamp. */
function parseSignatures(scheme: Scheme, grammar: Grammar, value: string, into: Pending): void {
  const { separator, labelSeparator, timestampLabel, methods } = grammar
  const header = into.source
  let refused: string | undefined
  // Entries, labels and signatures are found by index and read in place (the decoders take a range):
  // no substrings and no array of pieces, except the timestamp's text and a refused label's name.
  for (let start = 0, count = 0; start >= 0; ) {
    if (++count > MAX_ENTRIES) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} holds more than ${MAX_ENTRIES} entries.`)
    const end = separator === undefined ? -1 : value.indexOf(separator, start)
    let from = start
    let to = end < 0 ? value.length : end
    start = end < 0 ? -1 : end + separator!.length
    while (from < to && isOws(value, from)) from++
    while (to > from && isOws(value, to - 1)) to--
    let labelEnd = from
    let textFrom = from
    if (labelSeparator !== undefined) {
      const at = value.indexOf(labelSeparator, from)
      if (at < 0 || at + labelSeparator.length > to) {
        refused ??= 'an entry without a label'
        continue
      }
      labelEnd = at
      while (labelEnd > from && isOws(value, labelEnd - 1)) labelEnd--
      textFrom = at + labelSeparator.length
      while (textFrom < to && isOws(value, textFrom)) textFrom++
    }
    if (timestampLabel !== undefined && labelEnd - from === timestampLabel.length && value.startsWith(timestampLabel, from)) {
      const text = value.slice(textFrom, to)
      if (into.timestamp !== undefined && into.timestamp !== text) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, header)} carries two different timestamps.`)
      into.timestamp = text
      continue
    }
    const method = methodFor(methods, value, from, labelEnd)
    if (method === undefined) {
      refused ??= labelEnd === from ? 'an unlabelled entry' : `'${value.slice(from, Math.min(labelEnd, from + 16))}' signatures`
      continue
    }
    const found = candidate(scheme.encoding, method, value, textFrom, to)
    if (found === undefined) {
      refused ??= `a signature that is not ${scheme.encoding}`
      continue
    }
    // the first candidate makes a one-slot array: a push onto an empty one reserves 17
    if (into.candidates === NO_CANDIDATES) into.candidates = [found]
    else into.candidates.push(found)
  }
  if (into.candidates.length === 0) noUsableSignature(scheme, header, refused)
  into.refused = refused
}

const UNIT_TEXT: Record<TimestampUnit, string> = { s: 'a Unix time in seconds', ms: 'a Unix time in milliseconds', rfc3339: 'an RFC 3339 date-time' }

/** Whether text is 1 to max ASCII digits. */
function digits(text: string, max: number): boolean {
  if (text.length === 0 || text.length > max) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

function parseTimestamp(unit: TimestampUnit, text: string): number | undefined {
  if (unit === 's' && digits(text, 12)) return Number(text) * 1000
  if (unit === 'ms' && digits(text, 15)) return Number(text)
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
class RequestView implements SignedContentInput {
  #payload: unknown = UNPARSED
  timestamp: string | undefined = undefined
  id: string | undefined = undefined
  constructor(
    readonly bytes: Uint8Array,
    readonly headers: CapturedRequest['headers'],
    readonly method: string | undefined,
    readonly url: string | undefined,
  ) {}
  get payload(): unknown {
    if (this.#payload === UNPARSED) this.#payload = parseJson(this.bytes)
    return this.#payload
  }
  /** @internal the parsed body if a hook already read it, so the result does not parse it twice. */
  get parsed(): unknown {
    return this.#payload
  }
}

const NO_CANDIDATES = Object.freeze([]) as unknown as Candidate[]

/** One request on its way through a verifier: what has been read from it so far. */
class Pending {
  readonly bytes: Uint8Array
  readonly method: string | undefined
  candidates: Candidate[] = NO_CANDIDATES
  /** Where the signature came from, for messages: its header's name, or 'signature' from a `read` hook. */
  source = ''
  /** Why entries of the signature value were passed over, for messages. */
  refused: string | undefined = undefined
  /** From the timestamp header, a labelled entry of the signature header, or a `read` hook. */
  timestamp: string | undefined = undefined
  timestampMs: number | undefined = undefined
  id: string | undefined = undefined
  read: ReadResult = NOTHING_READ
  contents: Contents = []
  #view: RequestView | undefined = undefined
  constructor(
    readonly captured: CapturedRequest,
    readonly url: string | undefined,
  ) {
    this.bytes = captured.bytes
    this.method = captured.method
  }
  /** What the scheme's hooks see, built on first use: a template scheme without hooks never needs it. */
  get view(): RequestView {
    return (this.#view ??= new RequestView(this.bytes, this.captured.headers, this.method, this.url))
  }
  get parsed(): unknown {
    return this.#view === undefined ? UNPARSED : this.#view.parsed
  }
}

const NOTHING_READ: ReadResult = Object.freeze({})

/**
 * A verified delivery. `payload` (and Stripe's `id`, which lives in the body) are getters on the
 * prototype that parse the body on first access, after verification: an own accessor per instance
 * cost more than the HMAC of a small body. JSON.stringify and Node's console.log show them.
 */
class Verified {
  declare id?: string
  declare timestamp?: Date
  declare response?: HandshakeResponse
  #payload: unknown
  constructor(
    readonly kind: 'event' | 'handshake',
    readonly provider: string,
    readonly rawBody: Uint8Array,
    readonly matchedSecret: number,
    parsed: unknown,
  ) {
    this.#payload = parsed
  }
  get payload(): unknown {
    if (this.#payload === UNPARSED) this.#payload = parseJson(this.rawBody)
    return this.#payload
  }
  toJSON(): Record<string, unknown> {
    return { ...(this as object), ...(this.id !== undefined && { id: this.id }), payload: this.payload }
  }
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON()
  }
}

/** The result for schemes whose delivery id is a field of the verified body (Stripe's event id). */
function payloadIdResult(field: string): typeof Verified {
  return class extends Verified {
    // @ts-expect-error an accessor in place of the base's declared (never emitted) `id` field
    get id(): string | undefined {
      const value = (this.payload as Record<string, unknown> | undefined)?.[field]
      return typeof value === 'string' ? value : undefined
    }
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
  check(captured: CapturedRequest): VerifiedWebhook | Promise<VerifiedWebhook>
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
  const grammar = grammarOf(scheme)
  const plan = scheme.parts === undefined ? undefined : planTemplate(scheme.parts)
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
  function matchSignature(keys: Keys[], candidates: Candidate[], contents: Contents, from = 0, macs?: Map<string, string | Promise<string>>): number | Promise<number> {
    const perContent = candidates.length
    const perSecret = contents.length * perContent
    for (let i = from; i < keys.length * perSecret; i++) {
      const s = Math.floor(i / perSecret)
      const c = Math.floor((i % perSecret) / perContent)
      const found = candidates[i % perContent]!
      const { method, bytes } = found
      const key = keys[s]![method.family]
      if (key === undefined) continue
      const parts = contents[c]!
      let ok: boolean | Promise<boolean>
      if (method.algorithm === 'token') {
        ok = equalSecretBytes(key, bytes!)
      } else if (method.hash !== undefined) {
        // One HMAC per secret, content and hash, however many signatures the header lists.
        const memo = perContent > 1 ? `${s}:${c}:${method.hash}` : undefined
        let mac = memo !== undefined ? macs?.get(memo) : undefined
        if (mac === undefined) {
          mac = backend.hmac(method.hash, key, parts)
          if (memo !== undefined) (macs ??= new Map()).set(memo, mac)
        }
        // an asynchronous MAC continues in one step (compare, then the next candidate), not two
        if (mac instanceof Promise) return mac.then((m) => (sameMac(scheme.encoding, m, found) ? s : matchSignature(keys, candidates, contents, i + 1, macs)))
        ok = sameMac(scheme.encoding, mac, found)
      } else if (method.family === 'ed25519') {
        ok = bytes!.length === 64 && canonicalS(bytes!) && backend.verifyEd25519(key, parts, bytes!)
      } else {
        ok = backend.verifyEcdsaP256(key, parts, bytes!)
      }
      if (ok instanceof Promise) return ok.then((yes) => (yes ? s : matchSignature(keys, candidates, contents, i + 1, macs)))
      if (ok) return s
    }
    return -1
  }

  const Result = scheme.payloadId === undefined ? Verified : payloadIdResult(scheme.payloadId)

  function result(kind: 'event' | 'handshake', pending: Pending, matched: number, response: HandshakeResponse | undefined): VerifiedWebhook {
    const out = new Result(kind, scheme.id, pending.bytes, matched, pending.parsed)
    if (pending.id !== undefined) out.id = pending.id
    if (pending.timestampMs !== undefined) out.timestamp = new Date(pending.timestampMs)
    if (response !== undefined) out.response = response
    return out as unknown as VerifiedWebhook
  }

  // The check runs as four steps. Each step calls the next directly while every value is at hand
  // (node:crypto, template schemes: the whole check is synchronous and allocates no Promise), and
  // through `.then` only where a hook, a Web Crypto call or a replay store answers with a promise.

  function check(captured: CapturedRequest): VerifiedWebhook | Promise<VerifiedWebhook> {
    const keys = secrets()
    return keys instanceof Promise ? keys.then((k) => begin(k, captured)) : begin(keys, captured)
  }

  /** Step 1: handshakes answered before verification, then the signature, timestamp and id. */
  function begin(keys: Keys[], captured: CapturedRequest): VerifiedWebhook | Promise<VerifiedWebhook> {
    const { headers } = captured
    const pending = new Pending(captured, options.url ?? captured.url)
    if (scheme.preflight !== undefined) {
      const early = scheme.preflight(pending.view, options)
      if (early !== undefined) return result('handshake', pending, -1, early)
    }
    const read = scheme.read === undefined ? NOTHING_READ : (scheme.read(pending.view) ?? NOTHING_READ)
    pending.read = read
    const signature = read.signature ?? firstHeader(headers, signatureHeaders)
    if (signature === undefined) {
      fail('ERR_WEBHOOK_MISSING_HEADER', `The ${signatureHeaders.map(display).join(' or ')} header is missing: is this request from ${scheme.name ?? scheme.id}, and is a secret set for the webhook there?${scheme.hint ? ' ' + scheme.hint : ''}`)
    }
    // where the signature came from, for messages: 'signature' when a read hook supplied it
    const source = read.signature !== undefined ? 'signature' : sentName(headers, signatureHeaders)
    pending.source = source
    checkLength(signature, 'signature')
    parseSignatures(scheme, grammar, signature, pending)

    const ts = scheme.timestamp
    if (ts !== undefined) {
      const text = read.timestamp ?? (tsHeaders.length > 0 ? firstHeader(headers, tsHeaders) : pending.timestamp)
      if (text === undefined) {
        if (tsHeaders.length > 0 && read.timestamp === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${tsHeaders.map(display).join(' or ')} header is missing; the signature cannot be checked without it.`)
        fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown(scheme, source)} has no timestamp.`)
      }
      checkLength(text, 'timestamp')
      pending.timestamp = text
      pending.timestampMs = parseTimestamp(ts.unit, text)
      if (pending.timestampMs === undefined) {
        const where = tsHeaders.length > 0 ? display(sentName(headers, tsHeaders)) : `the ${ts.label}= entry of ${shown(scheme, source)}`
        fail('ERR_WEBHOOK_MALFORMED_HEADER', `The timestamp in ${where} is not ${UNIT_TEXT[ts.unit]}.`)
      }
    }
    const id = read.id ?? (idHeaders.length > 0 ? firstHeader(headers, idHeaders) : undefined)
    checkLength(id, 'delivery id')
    pending.id = id

    let contents: Contents | Promise<Contents>
    if (scheme.parts !== undefined) {
      contents = [fillTemplate(scheme, plan!, pending)]
    } else {
      const view = pending.view
      view.timestamp = pending.timestamp
      view.id = id
      contents = signedContents(scheme, view)
    }
    return contents instanceof Promise ? contents.then((c) => match(keys, pending, c)) : match(keys, pending, contents)
  }

  /** Step 2: the signature against every secret and signed content. */
  function match(keys: Keys[], pending: Pending, contents: Contents): VerifiedWebhook | Promise<VerifiedWebhook> {
    pending.contents = contents
    const matched = matchSignature(keys, pending.candidates, contents)
    return matched instanceof Promise ? matched.then((m) => finish(keys, pending, m)) : finish(keys, pending, matched)
  }

  /** Step 3: the time windows (after the signature, so a tampered timestamp is a mismatch) and the handshake. */
  function finish(keys: Keys[], pending: Pending, matched: number): VerifiedWebhook | Promise<VerifiedWebhook> {
    if (matched < 0) {
      const { candidates, source, refused } = pending
      if (!candidates.some((c) => wellFormed(scheme.encoding, c))) noUsableSignature(scheme, source, refused ?? `a signature that is not ${scheme.encoding}`)
      fail(
        'ERR_WEBHOOK_SIGNATURE_MISMATCH',
        `The signature does not match. Check that the secret is the one configured for this webhook at ${scheme.name ?? scheme.id} and that the body is passed exactly as received, not re-serialised.` +
          (hints.length > 0 ? ' ' + hints.join(' ') : ''),
      )
    }
    if (pending.timestampMs !== undefined) checkWindow(pending.timestampMs, now(), tolerance ?? scheme.timestamp!.toleranceSeconds)

    const pts = scheme.payloadTimestamp
    if (pts !== undefined) {
      const value = (pending.view.payload as Record<string, unknown> | undefined)?.[pts.field]
      // JSON numbers for Unix times, strings for RFC 3339, as the providers send them; nothing looser.
      const ms = pts.unit === 'rfc3339' ? (typeof value === 'string' ? parseTimestamp('rfc3339', value) : undefined) : typeof value === 'number' && Number.isSafeInteger(value) ? parseTimestamp(pts.unit, String(value)) : undefined
      if (ms === undefined) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', `The verified body has no ${pts.field} in ${UNIT_TEXT[pts.unit]}; it is needed to reject replays.`)
      checkWindow(ms, now(), tolerance ?? pts.toleranceSeconds)
      pending.timestampMs ??= ms
    }

    if (scheme.handshake === undefined) return settle(pending, matched, undefined)
    const matchedKey = keys[matched]!.hmac
    const response = scheme.handshake(pending.view, {
      options,
      hmac: async (hash, data) => {
        if (matchedKey === undefined) throw new TypeError('This scheme has no shared secret to compute an HMAC with.')
        return fromBinary(await backend.hmac(hash, matchedKey, [typeof data === 'string' ? utf8(data) : data]))
      },
    })
    return response instanceof Promise ? response.then((r) => settle(pending, matched, r)) : settle(pending, matched, response)
  }

  /** Step 4: the result, and the replay check (src/replay/check.ts) for events: only signed, fresh deliveries reach the store. */
  function settle(pending: Pending, matched: number, response: HandshakeResponse | undefined): VerifiedWebhook | Promise<VerifiedWebhook> {
    const out = result(response === undefined ? 'event' : 'handshake', pending, matched, response)
    if (replay === undefined || response !== undefined) return out
    const { id, read, timestampMs } = pending
    const idSigned = id === undefined || read.id !== undefined || scheme.parts?.includes('id') === true
    const ts = scheme.timestamp ?? scheme.payloadTimestamp
    return replay({ result: out, contents: pending.contents, idSigned, timestampMs, toleranceSeconds: tolerance ?? ts?.toleranceSeconds, nowMs: now() }).then(() => out)
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
      const out = captured instanceof Promise ? captured.then(check) : check(captured)
      return (out instanceof Promise ? out.catch(rejectAsVerificationError) : Promise.resolve(out)) as Promise<VerifiedWebhook<T>>
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

// The usual call repeats the previous one exactly (same preset, same secret string, no options): it
// is answered before a cache key is built. Only a string secret and no options qualify (an array or
// an options object could have been changed in place); schemes count by identity, as in the cache.
let last: { provider: string | Scheme; secret: string; verifier: PreparedVerifier } | undefined

function cachedVerifier(provider: string | Scheme, secret: SecretInput, options: VerifyOptions | undefined): PreparedVerifier {
  if (options === undefined && last !== undefined && last.secret === secret && last.provider === provider) return last.verifier
  const verifier = lookupVerifier(provider, secret, options)
  if (options === undefined && typeof secret === 'string') last = { provider, secret, verifier }
  return verifier
}

function lookupVerifier(provider: string | Scheme, secret: SecretInput, options: VerifyOptions | undefined): PreparedVerifier {
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
