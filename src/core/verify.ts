import { backend } from '#crypto'
import { captureRequest, type CapturedRequest } from '../body/index.js'
import { presets } from '../../providers/index.js'
import { fail, WebhookVerificationError } from './errors.js'
import { fromBase64, fromHex, utf8 } from './encoding.js'
import { prepareKey, type KeyFamily, type PreparedKey } from './keys.js'
import { checkTolerance, isScheme, keyFamily } from './scheme.js'
import type { Algorithm, Delivery, KeyInput, Scheme, SecretInput, VerifiedWebhook, VerifyOptions } from './types.js'
import type { HashName } from '../crypto/types.js'

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
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

/** Display form of a lower-case header name for messages: x-hub-signature-256 → X-Hub-Signature-256. */
function display(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
}

interface Candidate {
  algorithm: Algorithm
  signature: Uint8Array
}

interface Extracted {
  candidates: Candidate[]
  timestampText: string | undefined
  timestampMs: number | undefined
}

function decodeSignature(encoding: 'hex' | 'base64', text: string): Uint8Array | undefined {
  return encoding === 'hex' ? fromHex(text) : fromBase64(text)
}

/** Reads the signature header(s): which algorithm each signature claims and its decoded bytes. */
function extractSignatures(scheme: Scheme, headers: CapturedRequest['headers']): { candidates: Candidate[]; label: string | undefined } {
  let name: string | undefined
  let value: string | undefined
  for (const header of scheme.signatureHeaders) {
    value = headers(header)
    if (value !== undefined) {
      name = header
      break
    }
  }
  if (value === undefined || name === undefined) {
    fail('ERR_WEBHOOK_MISSING_HEADER', `The ${scheme.signatureHeaders.map(display).join(' or ')} header is missing: is this request from ${scheme.name ?? scheme.id}, and is a secret set for the webhook there?${scheme.hint ? ' ' + scheme.hint : ''}`)
  }
  const shown = display(name)
  const entries = scheme.separator === undefined ? [value] : value.split(scheme.separator)
  if (entries.length > MAX_ENTRIES) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown} holds more than ${MAX_ENTRIES} entries.`)
  const candidates: Candidate[] = []
  const tsLabel = scheme.timestamp?.label
  let timestampLabelValue: string | undefined
  let refused: string | undefined
  for (const raw of entries) {
    const entry = raw.trim()
    let label = ''
    let text = entry
    if (scheme.labelSeparator !== undefined) {
      const at = entry.indexOf(scheme.labelSeparator)
      if (at < 0) {
        refused ??= 'an entry without a label'
        continue
      }
      label = entry.slice(0, at).trim()
      text = entry.slice(at + scheme.labelSeparator.length).trim()
    }
    if (tsLabel !== undefined && label === tsLabel) {
      if (timestampLabelValue !== undefined && timestampLabelValue !== text) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown} carries two different timestamps.`)
      timestampLabelValue = text
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
    const expected = Object.keys(scheme.algorithms).map((l) => (l === '' ? scheme.encoding : `${l}${scheme.labelSeparator}<${scheme.encoding}>`)).join(' or ')
    fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${shown} has no usable signature (found ${refused ?? 'nothing'}); expected ${expected}.`)
  }
  return { candidates, label: timestampLabelValue }
}

function parseTimestamp(scheme: Scheme, text: string, where: string): number {
  const unit = scheme.timestamp!.unit
  if (unit === 's' && /^\d{1,12}$/.test(text)) return Number(text) * 1000
  if (unit === 'ms' && /^\d{1,15}$/.test(text)) return Number(text)
  if (unit === 'rfc3339' && /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d{1,9})?([Zz]|[+-]\d\d:\d\d)$/.test(text)) {
    const ms = Date.parse(text)
    if (Number.isFinite(ms)) return ms
  }
  const what = unit === 's' ? 'a Unix time in seconds' : unit === 'ms' ? 'a Unix time in milliseconds' : 'an RFC 3339 date-time'
  fail('ERR_WEBHOOK_MALFORMED_HEADER', `The timestamp in ${where} is not ${what}.`)
}

function extract(scheme: Scheme, headers: CapturedRequest['headers'], tsHeader: string | undefined): Extracted {
  const { candidates, label } = extractSignatures(scheme, headers)
  const ts = scheme.timestamp
  if (ts === undefined) return { candidates, timestampText: undefined, timestampMs: undefined }
  let text: string | undefined
  let where: string
  if (tsHeader !== undefined) {
    text = headers(tsHeader)
    where = display(tsHeader)
    if (text === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${where} header is missing; the signature cannot be checked without it.`)
  } else {
    text = label
    where = `the ${ts.label}= entry of ${display(scheme.signatureHeaders[0]!)}`
    if (text === undefined) fail('ERR_WEBHOOK_MALFORMED_SIGNATURE', `${display(scheme.signatureHeaders[0]!)} has no ${ts.label}= timestamp.`)
  }
  return { candidates, timestampText: text, timestampMs: parseTimestamp(scheme, text, where) }
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

interface PreparedSecret {
  keys: Partial<Record<KeyFamily, Uint8Array>>
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return undefined
  }
}

function lazyPayload<T extends object>(target: T, bytes: Uint8Array): T & { payload: unknown } {
  let parsed: { value: unknown } | undefined
  return Object.defineProperty(target, 'payload', {
    enumerable: true,
    get: () => (parsed ??= { value: parseJson(bytes) }).value,
  }) as T & { payload: unknown }
}

/** A verifier for one scheme and secret set; configuration is checked once, here. */
export interface Verifier {
  /** The scheme this verifier checks. */
  readonly scheme: Scheme
  /** Verifies one request; rejects only with WebhookVerificationError. */
  verify<T = unknown>(request: unknown): Promise<VerifiedWebhook<T>>
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

/**
 * Checks the configuration once and returns a verifier to reuse for every request.
 * Configuration mistakes throw a TypeError here.
 *
 * @example
 * const github = createVerifier('github', process.env.GITHUB_WEBHOOK_SECRET)
 * const event = await github.verify(req)
 */
export function createVerifier(provider: string | Scheme, secret: SecretInput, options: VerifyOptions = {}): Verifier {
  const scheme = resolveScheme(provider)
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object.')
  const tolerance = options.toleranceSeconds !== undefined ? checkTolerance(options.toleranceSeconds) : scheme.timestamp?.toleranceSeconds
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) throw new TypeError('maxBodyBytes must be a non-negative integer.')
  const now = nowFrom(options.now)
  const families = [...new Set(Object.values(scheme.algorithms).map(keyFamily))]
  const tsHeader = scheme.timestamp?.header?.toLowerCase()
  const idHeader = scheme.idHeader?.toLowerCase()

  // Each secret is prepared for every key family the scheme uses; it must fit at least one.
  const pending: Array<{ family: KeyFamily; key: PreparedKey }[]> = secretList(secret).map((input) => {
    const fitted: { family: KeyFamily; key: PreparedKey }[] = []
    let firstError: unknown
    for (const family of families) {
      try {
        fitted.push({ family, key: prepareKey(family, input) })
      } catch (error) {
        firstError ??= error
      }
    }
    if (fitted.length === 0) throw firstError
    return fitted
  })
  let ready: Promise<PreparedSecret[]> | PreparedSecret[] | undefined
  const secrets = (): Promise<PreparedSecret[]> | PreparedSecret[] => {
    if (ready === undefined) {
      const sync = pending.every((list) => list.every(({ key }) => !(key instanceof Promise)))
      const build = (lists: { family: KeyFamily; key: Uint8Array }[][]) =>
        lists.map((list) => ({ keys: Object.fromEntries(list.map(({ family, key }) => [family, key])) }))
      ready = sync
        ? build(pending as { family: KeyFamily; key: Uint8Array }[][])
        : Promise.all(pending.map((list) => Promise.all(list.map(async ({ family, key }) => ({ family, key: await key }))))).then(build)
    }
    return ready
  }

  async function check(captured: CapturedRequest, prepared: PreparedSecret[]): Promise<VerifiedWebhook> {
    const { bytes, headers } = captured
    const { candidates, timestampText, timestampMs } = extract(scheme, headers, tsHeader)
    const id = idHeader === undefined ? undefined : headers(idHeader)
    const parts = scheme.parts.map((part) => {
      if (part === 'body') return bytes
      if (part === 'timestamp') return utf8(timestampText!)
      if (part === 'id') {
        if (id === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${display(idHeader!)} header is missing; the signature covers it.`)
        return utf8(id)
      }
      return part
    })

    let matched = -1
    search: for (let s = 0; s < prepared.length; s++) {
      const keys = prepared[s]!.keys
      const macs = new Map<HashName, Uint8Array>()
      for (const { algorithm, signature } of candidates) {
        const family = keyFamily(algorithm)
        const key = keys[family]
        if (key === undefined) continue
        let ok: boolean
        if (family === 'hmac') {
          const hash = HASH[algorithm]!
          let mac = macs.get(hash)
          if (mac === undefined) macs.set(hash, (mac = await backend.hmac(hash, key, parts)))
          ok = mac.length === signature.length && backend.equal(mac, signature)
        } else if (family === 'ed25519') {
          ok = signature.length === 64 && canonicalS(signature) && (await backend.verifyEd25519(key, parts, signature))
        } else {
          ok = await backend.verifyEcdsaP256(key, parts, signature)
        }
        if (ok) {
          matched = s
          break search
        }
      }
    }
    if (matched < 0) {
      fail(
        'ERR_WEBHOOK_SIGNATURE_MISMATCH',
        `The signature does not match. Check that the secret is the one configured for this webhook at ${scheme.name ?? scheme.id} (no extra whitespace) and that the body is passed exactly as received, not re-serialised.`,
      )
    }

    if (timestampMs !== undefined && tolerance !== undefined) {
      const skewMs = now() - timestampMs
      if (skewMs > tolerance * 1000) {
        fail('ERR_WEBHOOK_TIMESTAMP_TOO_OLD', `The delivery is ${Math.round(skewMs / 1000)} s old, beyond the ${tolerance} s tolerance: a replay, a retry of an old delivery, or a clock that is off.`)
      }
      if (-skewMs > tolerance * 1000) {
        fail('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE', `The delivery is dated ${Math.round(-skewMs / 1000)} s in the future, beyond the ${tolerance} s tolerance: check this machine's clock.`)
      }
    }

    const delivery = lazyPayload({ bytes, headers, method: captured.method }, bytes) as Delivery
    const response = scheme.handshake?.(delivery)
    const result = lazyPayload(
      {
        kind: response === undefined ? ('event' as const) : ('handshake' as const),
        provider: scheme.id,
        rawBody: bytes,
        matchedSecret: matched,
        ...(id !== undefined && { id }),
        ...(timestampMs !== undefined && { timestamp: new Date(timestampMs) }),
        ...(response !== undefined && { response }),
      },
      bytes,
    )
    return result as VerifiedWebhook
  }

  return {
    scheme,
    async verify<T>(request: unknown): Promise<VerifiedWebhook<T>> {
      const prepared = await secrets()
      try {
        return (await check(await captureRequest(request, maxBodyBytes), prepared)) as VerifiedWebhook<T>
      } catch (error) {
        if (error instanceof WebhookVerificationError) throw error
        // A safety net: whatever a hostile request makes a platform object throw stays our error.
        throw new WebhookVerificationError('ERR_WEBHOOK_INVALID_REQUEST', 'The request could not be read as a webhook delivery.', { cause: error })
      }
    },
  }
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
    return createVerifier(provider, secret, options).verify<T>(request)
  } catch (error) {
    return Promise.reject(error)
  }
}
