// A plain description of a scheme, read from the scheme itself, for the README presets table and
// the CLI's `hookseal presets`, so the documentation cannot drift from the code.
import type { Scheme } from './types.js'

/** A scheme in words, one field per column of the README presets table and `hookseal presets`. */
export interface SchemeRow {
  id: string
  headers: string
  algorithm: string
  signed: string
  tolerance: string
  handshake: string
  docs: string
}

function names(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value]
}

/**
 * One row describing a scheme: headers, algorithm and encoding, signed content, window, handshake, docs.
 *
 * @example
 * const row = describeRow(presets.stripe)
 * // { id: 'stripe', headers: 'Stripe-Signature', algorithm: 'v1=: hmac-sha256 (hex)', signed: '{timestamp}.{body}', … }
 */
export function describeRow(scheme: Scheme): SchemeRow {
  const ts = scheme.timestamp
  const headers = [
    ...names(scheme.signatureHeader).map((h) => (scheme.read ? `${h} (in body)` : h)),
    ...names(ts?.headers ?? ts?.header),
    ...names(scheme.idHeader).map((h) => `${h} (id)`),
  ]
  const labelled = Object.entries(scheme.algorithms).map(([label, alg]) => (label === '' ? alg : `${label}${scheme.labelSeparator ?? ''}: ${alg}`))
  const algorithm = `${labelled.join(', ')} (${scheme.encoding})`
  const signed =
    typeof scheme.signedContent === 'string'
      ? Object.values(scheme.algorithms).every((a) => a === 'token')
        ? 'nothing (shared token)'
        : scheme.signedContent
      : (scheme.signedContentText ?? 'computed')
  const windows = [ts && `${ts.toleranceSeconds} s (${ts.unit})`, scheme.payloadTimestamp && `${scheme.payloadTimestamp.toleranceSeconds} s (body ${scheme.payloadTimestamp.field}, ${scheme.payloadTimestamp.unit})`].filter(Boolean)
  return {
    id: scheme.id,
    headers: headers.join(', '),
    algorithm,
    signed,
    tolerance: windows.length > 0 ? windows.join('; ') : 'none',
    handshake: scheme.handshakeText ?? (scheme.handshake || scheme.preflight ? 'yes' : '—'),
    docs: scheme.docs ?? '',
  }
}
