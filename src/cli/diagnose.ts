// Why a delivery failed to verify, in plain language. The engine says which step failed (its code);
// here we look for the likely cause by re-verifying variants of what was given — the secret trimmed,
// the body with LF instead of CRLF, the JSON written compactly, the private key's public half, the
// URL as a proxy may have rewritten it, another preset — and report the variants that verify: those
// causes are found, not guessed. What no variant confirms is listed as things to check.
import { backend } from '#crypto'
import { signsUrl, WebhookVerificationError, type WebhookErrorCode, fromBase64, fromHex, toBase64, utf8, prepareEd25519PrivateKey, secretHints, verifyWebhook, presets } from '../internal.js'
import type { KeyInput, Scheme, VerifiedWebhook, VerifyOptions } from '../core/types.js'

/** What `hookseal verify` was given. */
export interface VerifyInput {
  scheme: Scheme
  headers: Record<string, string | string[]>
  body: Uint8Array
  secret: string
  method: string
  url?: string | undefined
  /** The clock, ms since the epoch. */
  now: number
  toleranceSeconds?: number | undefined
}

/** Stable ids of the causes the diagnosis can name (match on these, not on the text). */
export type CauseId =
  | 'secret-whitespace'
  | 'secret-trailing-newline'
  | 'secret-prefix-missing'
  | 'secret-prefix-extra'
  | 'secret-decoded'
  | 'secret-text'
  | 'private-key'
  | 'body-crlf'
  | 'body-lf'
  | 'body-trailing-newline'
  | 'body-missing-newline'
  | 'body-json-reserialised'
  | 'url-changed'
  | 'other-preset'
  | 'clock-skew'
  | 'header-quoted'
  | 'timestamp-unit'
  | 'headers-missing'
  | 'secret-hint'
  | 'wrong-secret-or-body'
  | 'secret-inner-whitespace'
  | 'url-public'

/** One cause: a stable id and what to tell the user. */
export interface Cause {
  id: CauseId
  text: string
  /** clock-skew: this clock minus the signed time, in seconds. */
  skewSeconds?: number
  /** other-preset: the preset that verifies. */
  preset?: string
}

export interface Diagnosis {
  code: WebhookErrorCode
  status: number
  /** Which step of verification failed, in words. */
  step: string
  /** The engine's own message. */
  message: string
  /** Causes confirmed by a variant that verifies. */
  found: Cause[]
  /** Causes no variant could confirm, worth checking. */
  possible: Cause[]
}

const STEPS: Partial<Record<WebhookErrorCode, string>> = {
  ERR_WEBHOOK_MISSING_HEADER: 'reading the headers: a header the preset needs was not given',
  ERR_WEBHOOK_MALFORMED_HEADER: 'reading the headers: a header is present but cannot be read',
  ERR_WEBHOOK_MALFORMED_SIGNATURE: 'reading the signature header: it holds no signature in the format the preset expects',
  ERR_WEBHOOK_SIGNATURE_MISMATCH: 'comparing the signature: it is well-formed, but was not made with this secret over these exact bytes',
  ERR_WEBHOOK_TIMESTAMP_TOO_OLD: 'checking the time window: the signature is genuine, but the delivery is older than the window allows',
  ERR_WEBHOOK_TIMESTAMP_IN_FUTURE: 'checking the time window: the signature is genuine, but the delivery is dated in the future beyond the window',
  ERR_WEBHOOK_MALFORMED_PAYLOAD: 'reading the timestamp inside the verified body',
  ERR_WEBHOOK_BODY_TOO_LARGE: 'reading the body',
}

// A window wide enough that only the signature decides (used when trying variants and reading the skew).
const ANY_TIME = 1e12

type Outcome = { ok: true; result: VerifiedWebhook } | { ok: false; error: unknown }

async function attempt(scheme: Scheme, headers: Record<string, string | string[]>, body: Uint8Array, secret: KeyInput, method: string, options: VerifyOptions): Promise<Outcome> {
  try {
    return { ok: true, result: await verifyWebhook({ headers, body, method }, scheme, secret, options) }
  } catch (error) {
    return { ok: false, error }
  }
}

/** One request's outcome: `verifyWebhook` on what was given. */
export function verifyGiven(input: VerifyInput): Promise<Outcome> {
  return attempt(input.scheme, input.headers, input.body, input.secret, input.method, optionsOf(input))
}

function optionsOf(input: VerifyInput, wide = false): VerifyOptions {
  return {
    now: input.now,
    // the whole body is already in memory: a file of any size is checked, not refused as too large
    maxBodyBytes: Math.max(1024 * 1024, input.body.length),
    ...(input.url !== undefined && { url: input.url }),
    ...(wide ? { toleranceSeconds: ANY_TIME } : input.toleranceSeconds !== undefined && { toleranceSeconds: input.toleranceSeconds }),
  }
}

function lookup(headers: Record<string, string | string[]>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : headers[key]
  return Array.isArray(value) ? value[0] : value
}

const decoder = new TextDecoder('utf-8', { fatal: true })
function text(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}

function parseJson(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) }
  } catch {
    return undefined
  }
}

interface Variant<T> {
  value: T
  causes: Cause[]
}

const cause = (id: CauseId, text: string): Cause => ({ id, text })

/** Bodies the sender may have signed when the one given was changed on the way. */
function bodyVariants(body: Uint8Array): Variant<Uint8Array>[] {
  const s = text(body)
  if (s === undefined) return []
  const out: Variant<string>[] = []
  const lf = s.replace(/\r\n/g, '\n')
  const crlf = lf.replace(/\n/g, '\r\n')
  const endings: Variant<string>[] = [{ value: s, causes: [] }]
  if (s.includes('\r\n')) {
    endings.push({ value: lf, causes: [cause('body-crlf', 'The body you gave has CRLF line endings, but the sender signed it with LF: it was converted on the way (a Windows editor, git autocrlf, copying from a log). Verify the bytes exactly as received.')] })
  }
  if (/(^|[^\r])\n/.test(s)) {
    endings.push({ value: crlf, causes: [cause('body-lf', 'The body you gave has LF line endings, but the sender signed it with CRLF: it was converted on the way (an editor, git, copying from a log). Verify the bytes exactly as received.')] })
  }
  const nl = cause('body-trailing-newline', "The body you gave ends with a newline the sender did not sign (echo, a heredoc or an editor adds one): use printf '%s' or a file saved without a final newline.")
  const noNl = cause('body-missing-newline', 'The sender signed the body with a final newline that the body you gave lacks.')
  for (const e of endings) {
    out.push(e)
    const trailing = /\r?\n$/.exec(e.value)
    if (trailing) out.push({ value: e.value.slice(0, -trailing[0].length), causes: [...e.causes, nl] })
    else out.push({ value: `${e.value}\n`, causes: [...e.causes, noNl] })
  }
  const json = parseJson(s)
  if (json !== undefined) {
    const forms: Array<[string, string]> = [
      [JSON.stringify(json.value), 'compact JSON (as JSON.stringify writes it)'],
      [JSON.stringify(json.value, null, 2), 'JSON indented by 2 spaces'],
      [JSON.stringify(json.value, null, 4), 'JSON indented by 4 spaces'],
      [JSON.stringify(json.value, null, '\t'), 'JSON indented by tabs'],
    ]
    for (const [form, what] of forms) {
      const c = cause('body-json-reserialised', `The sender signed the same JSON written as ${what}: the body you gave is a re-serialised copy (a body parser and JSON.stringify, a logger, or a dashboard that pretty-prints). Verify the exact bytes received.`)
      out.push({ value: form, causes: [c] }, { value: `${form}\n`, causes: [c] })
    }
  }
  const seen = new Set<string>([s])
  return out.filter((v) => v.causes.length > 0 && !seen.has(v.value) && (seen.add(v.value), true)).map((v) => ({ value: utf8(v.value), causes: v.causes }))
}

/** Secrets the sender may have used instead of the one given. */
async function secretVariants(scheme: Scheme, secret: string): Promise<Variant<KeyInput>[]> {
  const out: Variant<KeyInput>[] = []
  const trimmed = secret.trim()
  if (trimmed !== secret && trimmed !== '') {
    out.push({ value: trimmed, causes: [cause('secret-whitespace', 'The secret you gave has whitespace around it (a newline from a file or an env var, a space from copy-paste); the sender signed with the trimmed secret. Trim it where your server reads it.')] })
  }
  out.push({ value: `${secret}\n`, causes: [cause('secret-trailing-newline', 'The sender signs with the secret followed by a newline: its secret file ends with one and is read without trimming. Remove the newline from the file (printf \'%s\' "$SECRET" > file) at the sender and the receiver.')] })
  const expected = scheme.expectedSecretPrefix
  if (expected !== undefined && !secret.startsWith(expected)) {
    out.push({ value: expected + secret, causes: [cause('secret-prefix-missing', `Secrets for ${scheme.name ?? scheme.id} are used whole, with their ${expected} prefix; the one you gave lacks it.`)] })
  }
  if (secret.startsWith('whsec_') && expected !== 'whsec_') {
    out.push({ value: secret.slice('whsec_'.length), causes: [cause('secret-prefix-extra', 'The sender uses the secret without its whsec_ prefix.')] })
  }
  const hex = /^[0-9a-fA-F]+$/.test(secret) && secret.length % 2 === 0 ? fromHex(secret) : undefined
  if (hex !== undefined && hex.length > 0) out.push({ value: hex, causes: [cause('secret-decoded', 'The sender uses the hex-decoded bytes of the secret as the key, not its text: is this the right preset?')] })
  const b64 = /^[A-Za-z0-9+/_-]+=*$/.test(secret) && secret.length >= 8 ? fromBase64(secret) : undefined
  if (b64 !== undefined && b64.length > 0) out.push({ value: b64, causes: [cause('secret-decoded', 'The sender uses the base64-decoded bytes of the secret as the key, not its text: is this the right preset?')] })
  if (scheme.secretEncoding === 'base64') out.push({ value: utf8(secret), causes: [cause('secret-text', 'The sender uses the secret\'s text as the key, where this preset base64-decodes it: is this the right preset?')] })
  // An Ed25519 preset verifies with the public key; the private key (seed) is the classic mix-up.
  if (Object.values(scheme.algorithms).includes('ed25519')) {
    try {
      const prefixes = scheme.keyPrefixes?.ed25519
      const prefix = prefixes === undefined ? undefined : typeof prefixes === 'string' ? prefixes : prefixes[0]
      const bare = prefix !== undefined && secret.startsWith('whsk_') ? secret.slice(5) : secret
      const pub = await backend.ed25519PublicKey(prepareEd25519PrivateKey(bare))
      out.push({
        value: prefix === undefined ? pub : prefix + toBase64(pub),
        causes: [cause('private-key', `The key you gave is a private key: verification needs the public key${scheme.id === 'discord' ? ' (Discord: the application\'s PUBLIC KEY on the General Information page)' : ''}. Never give a receiver the private key.`)],
      })
    } catch {
      // not a private key
    }
  }
  return out
}

/** URLs a proxy or load balancer may have turned the public one into (or back). */
function urlVariants(url: string): Variant<string>[] {
  const out: Variant<string>[] = []
  const u = new URL(url)
  const add = (next: URL, what: string) => out.push({ value: next.href, causes: [cause('url-changed', `The sender signed ${next.href}, not ${url}: ${what}. Pass the public URL exactly as configured at the provider (Twilio, HubSpot and Square sign it), whatever your server sees behind a proxy.`)] })
  const other = new URL(url)
  other.protocol = u.protocol === 'https:' ? 'http:' : 'https:'
  add(other, 'the scheme differs (a proxy that terminates TLS)')
  const slash = new URL(url)
  slash.pathname = u.pathname.endsWith('/') ? u.pathname.replace(/\/+$/, '') || '/' : `${u.pathname}/`
  if (slash.href !== u.href) add(slash, 'a trailing slash differs')
  if (u.search !== '') {
    const bare = new URL(url)
    bare.search = ''
    add(bare, 'the query string differs')
  }
  if (u.port !== '') {
    const noPort = new URL(url)
    noPort.port = ''
    add(noPort, 'the port differs (an internal port behind a proxy)')
  }
  return out.filter((v) => v.value !== url)
}

function schemeName(scheme: Scheme): string {
  return scheme.name ?? scheme.id
}

/** Other presets whose signature header the request carries and that verify it with the same secret. */
async function otherPresets(input: VerifyInput): Promise<Cause[]> {
  const found: Cause[] = []
  for (const [key, scheme] of Object.entries(presets)) {
    if (scheme.id === input.scheme.id) continue
    if (!scheme.signatureHeaders.some((h) => lookup(input.headers, h) !== undefined)) continue
    if (signsUrl(scheme) && input.url === undefined) continue
    const outcome = await attempt(scheme, input.headers, input.body, input.secret, input.method, optionsOf(input, true))
    if (outcome.ok) found.push({ id: 'other-preset', preset: key, text: `It verifies as the '${key}' preset: use that one (hookseal verify ${key} …).` })
  }
  return found
}

function jsonHint(body: Uint8Array): Cause | undefined {
  const s = text(body)
  const json = s === undefined ? undefined : parseJson(s)
  if (s === undefined || json === undefined || typeof json.value !== 'object' || json.value === null) return undefined
  const compact = JSON.stringify(json.value)
  const pretty = JSON.stringify(json.value, null, 2)
  const id = 'body-json-reserialised'
  if (s === compact) {
    return cause(id, 'The body is exactly what JSON.stringify writes. If it came from a parsed body (req.body) turned back into text, it is not the bytes the provider sent (spacing, escapes such as \\u00e9 or \\/, key order, numbers like 1.0 are lost): capture the raw body.')
  }
  if (s === pretty) return cause(id, 'The body is pretty-printed JSON (2 spaces), as dashboards and loggers show it; providers send the bytes they signed, usually compact: take the body from the raw request, not from a display.')
  return cause(id, `The body is JSON that JSON.stringify would write differently (${utf8(compact).length} bytes compact, ${body.length} given): if anything parsed it and wrote it back, the bytes changed and no signature can match.`)
}

async function firstVerifying<T>(variants: readonly Variant<T>[], check: (value: T) => Promise<Outcome>): Promise<Cause[]> {
  const out: Cause[] = []
  for (const v of variants) if ((await check(v.value)).ok) out.push(...v.causes)
  return out
}

function dedupe(causes: Cause[]): Cause[] {
  const seen = new Set<string>()
  return causes.filter((c) => !seen.has(c.text) && (seen.add(c.text), true))
}

/** Diagnoses a failed verification; `error` is what `verifyWebhook` rejected with on the input as given. */
export async function diagnose(input: VerifyInput, error: WebhookVerificationError): Promise<Diagnosis> {
  const { scheme } = input
  const found: Cause[] = []
  const possible: Cause[] = []
  const code = error.code
  const wide = optionsOf(input, true)
  const check = (over: { body?: Uint8Array; secret?: KeyInput; url?: string }) =>
    attempt(scheme, input.headers, over.body ?? input.body, over.secret ?? input.secret, input.method, over.url === undefined ? wide : { ...wide, url: over.url })

  if (code === 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' || code === 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE') {
    const outcome = await check({})
    const signedAt = outcome.ok ? outcome.result.timestamp : undefined
    if (signedAt !== undefined) {
      const skew = Math.round((input.now - signedAt.getTime()) / 1000)
      const window = input.toleranceSeconds ?? scheme.timestamp?.toleranceSeconds ?? scheme.payloadTimestamp?.toleranceSeconds
      found.push({
        id: 'clock-skew',
        skewSeconds: skew,
        text:
          `The delivery was signed at ${signedAt.toISOString()}, ${Math.abs(skew)} s ${skew > 0 ? 'before' : 'after'} this clock (${new Date(input.now).toISOString()}); the window is ±${window} s. ` +
          (skew > 0
            ? `Either it is an old delivery replayed or retried, or a clock is off by about ${skew} s (check NTP here and at the sender).`
            : `A clock is off by about ${-skew} s: check this machine's clock (NTP) and the sender's.`) +
          ` To check the signature as of its own time: --now ${signedAt.getTime()}.`,
      })
    }
  } else if (code === 'ERR_WEBHOOK_SIGNATURE_MISMATCH') {
    const bodies = bodyVariants(input.body)
    const secrets = await secretVariants(scheme, input.secret)
    found.push(...(await firstVerifying(bodies, (body) => check({ body }))))
    found.push(...(await firstVerifying(secrets, (secret) => check({ secret }))))
    if (input.url !== undefined && signsUrl(scheme)) found.push(...(await firstVerifying(urlVariants(input.url), (url) => check({ url }))))
    if (found.length === 0) {
      // two changes at once: the secret and the body
      outer: for (const k of secrets) {
        for (const b of bodies) {
          if ((await check({ body: b.value, secret: k.value })).ok) {
            found.push(...k.causes, ...b.causes)
            break outer
          }
        }
      }
    }
    found.push(...(await otherPresets(input)))
    if (found.length === 0) {
      possible.push(...secretHints(input.secret, scheme).map((h) => cause('secret-hint', h)))
      if (/\s/.test(input.secret.trim()) && !input.secret.includes('-----BEGIN')) possible.push(cause('secret-inner-whitespace', 'The secret contains whitespace inside it; secrets rarely do: check the copy.'))
      const hint = jsonHint(input.body)
      if (hint !== undefined) possible.push(hint)
      if (signsUrl(scheme)) {
        possible.push(cause('url-public', `${schemeName(scheme)} signs the URL: --url must be the public URL exactly as configured at the provider (scheme, host, port, path, query), not the one a proxy forwards to.`))
      }
      possible.push(cause('wrong-secret-or-body', `The secret is not the one configured for this webhook at ${schemeName(scheme)} (each endpoint has its own; test and live modes differ), or the body is not the exact bytes received.`))
    }
  } else if (code === 'ERR_WEBHOOK_MISSING_HEADER' || code === 'ERR_WEBHOOK_MALFORMED_SIGNATURE' || code === 'ERR_WEBHOOK_MALFORMED_HEADER') {
    const given = Object.keys(input.headers)
    const tsHeaders = scheme.timestamp?.headers ?? (scheme.timestamp?.header !== undefined ? [scheme.timestamp.header] : [])
    const reads = [...scheme.signatureHeaders, ...tsHeaders]
    if (code === 'ERR_WEBHOOK_MISSING_HEADER') {
      possible.push(cause('headers-missing', `Headers given: ${given.length > 0 ? given.join(', ') : 'none'}. ${schemeName(scheme)} reads: ${reads.join(', ')}. Pass each with --header 'Name: value'.`))
    }
    for (const name of reads) {
      const value = lookup(input.headers, name)
      if (value === undefined) continue
      if (/^(["']).*\1$/.test(value)) found.push(cause('header-quoted', `The ${name} value is wrapped in quotes: give the value without them.`))
      if (tsHeaders.includes(name)) {
        if (scheme.timestamp?.unit === 's' && /^\d{13}$/.test(value)) found.push(cause('timestamp-unit', `The ${name} value looks like milliseconds; ${schemeName(scheme)} sends Unix seconds.`))
        if (scheme.timestamp?.unit === 'ms' && /^\d{10}$/.test(value)) found.push(cause('timestamp-unit', `The ${name} value looks like seconds; ${schemeName(scheme)} sends Unix milliseconds.`))
      }
    }
    found.push(...(await otherPresets(input)))
  }
  return { code, status: error.status, step: STEPS[code] ?? 'reading the request', message: error.message, found: dedupe(found), possible: dedupe(possible) }
}

/** The diagnosis as the lines `hookseal verify` prints. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines = [`FAILED ${d.code} (HTTP ${d.status})`, `Step:   ${d.step}.`, `Engine: ${d.message}`]
  if (d.found.length > 0) lines.push('Cause (a corrected variant of your input verifies):', ...d.found.map((c) => `  - ${c.text}`))
  if (d.possible.length > 0) lines.push(d.found.length > 0 ? 'Also check:' : 'Likely causes to check:', ...d.possible.map((c) => `  - ${c.text}`))
  return `${lines.join('\n')}\n`
}
