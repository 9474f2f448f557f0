import { utf8 } from './encoding.js'
import type { KeyFamily } from './keys.js'
import type { Algorithm, Scheme, SchemeSpec, SignedPart } from './types.js'

const ALGORITHMS: ReadonlySet<Algorithm> = new Set(['hmac-sha1', 'hmac-sha256', 'hmac-sha512', 'ed25519', 'ecdsa-p256-sha256', 'token'])

/** The kind of key an algorithm takes: shared secrets (HMAC and tokens) or public keys. */
export function keyFamily(algorithm: Algorithm): KeyFamily {
  return algorithm === 'ed25519' ? 'ed25519' : algorithm === 'ecdsa-p256-sha256' ? 'ecdsa-p256' : 'hmac'
}

function compile(template: string): SignedPart[] {
  const parts: SignedPart[] = []
  const re = /\{(body|timestamp|id|method|url)\}/g
  let last = 0
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    if (m.index > last) parts.push(utf8(template.slice(last, m.index)))
    parts.push(m[1] as Exclude<SignedPart, Uint8Array>)
    last = m.index + m[0].length
  }
  if (last < template.length) parts.push(utf8(template.slice(last)))
  return parts
}

/**
 * Checks a scheme description once and returns a `Scheme` for `verifyWebhook` and `sign`.
 * Mistakes throw a TypeError here, never on a request.
 *
 * @example
 * const acme = defineScheme({
 *   id: 'acme',
 *   signatureHeader: 'X-Acme-Signature',
 *   labelSeparator: '=',
 *   algorithms: { sha256: 'hmac-sha256' },
 *   encoding: 'hex',
 *   timestamp: { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: 300 },
 *   signedContent: '{timestamp}.{body}',
 * })
 * await verifyWebhook(req, acme, process.env.ACME_SECRET)
 */
export function defineScheme(spec: SchemeSpec): Scheme {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('defineScheme needs a scheme description object.')
  if (typeof spec.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.id)) {
    throw new TypeError(`A scheme id is kebab-case (e.g. 'acme-hooks'); got ${JSON.stringify(spec.id)}.`)
  }
  const signatureHeaders = (typeof spec.signatureHeader === 'string' ? [spec.signatureHeader] : [...(spec.signatureHeader ?? [])]).map((h) => {
    if (typeof h !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h)) throw new TypeError(`Scheme '${spec.id}': ${JSON.stringify(h)} is not a header name.`)
    return h.toLowerCase()
  })
  if (signatureHeaders.length === 0) throw new TypeError(`Scheme '${spec.id}' needs a signatureHeader.`)
  const labels = Object.keys(spec.algorithms ?? {})
  if (labels.length === 0) throw new TypeError(`Scheme '${spec.id}' needs at least one algorithm.`)
  for (const label of labels) {
    if (!ALGORITHMS.has(spec.algorithms[label]!)) throw new TypeError(`Scheme '${spec.id}': unknown algorithm ${JSON.stringify(spec.algorithms[label])}.`)
  }
  if (spec.labelSeparator === undefined ? !(labels.length === 1 && labels[0] === '') : labels.includes('')) {
    throw new TypeError(`Scheme '${spec.id}': labelled algorithms need a labelSeparator, and an unlabelled one ('') none.`)
  }
  if (spec.encoding !== 'hex' && spec.encoding !== 'base64' && spec.encoding !== 'text') throw new TypeError(`Scheme '${spec.id}': encoding is 'hex', 'base64' or 'text'.`)
  const tokenOnly = Object.values(spec.algorithms).every((a) => a === 'token')
  if (Object.values(spec.algorithms).includes('token') && (!tokenOnly || spec.encoding !== 'text')) {
    throw new TypeError(`Scheme '${spec.id}': a 'token' scheme has only the token algorithm and encoding 'text'.`)
  }
  if (spec.encoding === 'text' && !tokenOnly) throw new TypeError(`Scheme '${spec.id}': encoding 'text' is for 'token' schemes; signatures are 'hex' or 'base64'.`)
  const ts = spec.timestamp
  let tsHeaders: string[] | undefined
  if (ts !== undefined) {
    if ((ts.header === undefined) === (ts.label === undefined)) throw new TypeError(`Scheme '${spec.id}': a timestamp has either a header or a label.`)
    if (ts.header !== undefined) {
      // a spread Scheme carries its full list in `headers` (its `header` is only the first name)
      const given = (ts as { headers?: readonly string[] }).headers ?? (typeof ts.header === 'string' ? [ts.header] : [...ts.header])
      tsHeaders = given.map((h) => {
        if (typeof h !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h)) throw new TypeError(`Scheme '${spec.id}': ${JSON.stringify(h)} is not a header name.`)
        return h
      })
      if (tsHeaders.length === 0) throw new TypeError(`Scheme '${spec.id}': the timestamp header list is empty.`)
    }
    if (ts.label !== undefined && spec.labelSeparator === undefined) throw new TypeError(`Scheme '${spec.id}': a timestamp label needs a labelSeparator.`)
    if (!['s', 'ms', 'rfc3339'].includes(ts.unit)) throw new TypeError(`Scheme '${spec.id}': timestamp unit is 's', 'ms' or 'rfc3339'.`)
    checkTolerance(ts.toleranceSeconds)
  }
  let parts: SignedPart[] | undefined
  if (typeof spec.signedContent === 'string') {
    if (!tokenOnly && !spec.signedContent.includes('{body}')) throw new TypeError(`Scheme '${spec.id}': signedContent must include {body}.`)
    parts = compile(spec.signedContent)
    if (parts.includes('timestamp') && ts === undefined) throw new TypeError(`Scheme '${spec.id}' signs {timestamp} but declares no timestamp.`)
    if (parts.includes('id') && spec.idHeader === undefined) throw new TypeError(`Scheme '${spec.id}' signs {id} but declares no idHeader.`)
  } else if (typeof spec.signedContent !== 'function') {
    throw new TypeError(`Scheme '${spec.id}': signedContent is a template string or a function.`)
  }
  for (const hook of ['handshake', 'preflight', 'read'] as const) {
    if (spec[hook] !== undefined && typeof spec[hook] !== 'function') throw new TypeError(`Scheme '${spec.id}': ${hook} is a function.`)
  }
  if (spec.secretEncoding !== undefined && spec.secretEncoding !== 'utf8' && spec.secretEncoding !== 'base64') {
    throw new TypeError(`Scheme '${spec.id}': secretEncoding is 'utf8' or 'base64'.`)
  }
  if (spec.payloadTimestamp !== undefined) checkTolerance(spec.payloadTimestamp.toleranceSeconds)
  // A public key used as an HMAC secret lets anyone forge: mixing the two needs prefixes that tell them apart.
  const families = new Set(labels.map((label) => keyFamily(spec.algorithms[label]!)))
  if (families.has('hmac') && families.size > 1 && spec.keyPrefixes === undefined) {
    throw new TypeError(`Scheme '${spec.id}' takes both shared secrets and public keys: declare keyPrefixes (e.g. { hmac: 'whsec_', ed25519: 'whpk_' }) so that a public key is never used as an HMAC secret.`)
  }
  for (const [family, prefixes] of Object.entries(spec.keyPrefixes ?? {})) {
    const ok = ['hmac', 'ed25519', 'ecdsa-p256'].includes(family) && (typeof prefixes === 'string' || (Array.isArray(prefixes) && prefixes.every((p) => typeof p === 'string')))
    if (!ok) throw new TypeError(`Scheme '${spec.id}': keyPrefixes maps 'hmac', 'ed25519' or 'ecdsa-p256' to a prefix or a list of prefixes.`)
  }
  return Object.freeze({
    ...spec,
    timestamp:
      ts &&
      Object.freeze({
        ...(ts.label !== undefined && { label: ts.label }),
        unit: ts.unit,
        toleranceSeconds: ts.toleranceSeconds,
        ...(tsHeaders !== undefined && { header: tsHeaders[0]!, headers: Object.freeze(tsHeaders) }),
      }),
    algorithms: Object.freeze({ ...spec.algorithms }),
    signatureHeaders: Object.freeze(signatureHeaders),
    parts: parts && Object.freeze(parts),
  })
}

export function checkTolerance(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`toleranceSeconds must be a finite number ≥ 0; got ${String(value)}.`)
  }
  return value
}

export function isScheme(value: unknown): value is Scheme {
  return typeof value === 'object' && value !== null && Array.isArray((value as Scheme).signatureHeaders) && typeof (value as Scheme).signedContent !== 'undefined'
}
