// Reads one header of any request shape the webhook engine accepts (Node, Web Request, Lambda and
// OpenFaaS events) through the same lookup; credentials need no body, so none is read.
import { toHeaderLookup, trimOws } from '../core/headers.js'

/** Longest credentials looked at; anything longer is refused before any comparison. */
export const MAX_CREDENTIALS = 16 * 1024

/** The header's value (a header sent twice is joined with ", " and so fails), or undefined. */
export function headerOf(request: unknown, lowerName: string): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined
  try {
    const value = toHeaderLookup((request as { headers?: unknown }).headers)(lowerName)
    return value === undefined || value === '' ? undefined : value
  } catch {
    return undefined // headers a hostile or broken platform object cannot give: no credentials
  }
}

/**
 * Splits `Authorization: <scheme> <credentials>` (RFC 9110 §11.6.2); the scheme is
 * case-insensitive. `undefined` when the header does not use `scheme`.
 */
export function credentialsFor(value: string, scheme: string): string | undefined {
  const space = value.indexOf(' ')
  const name = space < 0 ? value : value.slice(0, space)
  if (name.toLowerCase() !== scheme) return undefined
  return space < 0 ? '' : trimOws(value.slice(space + 1))
}

/** Checks a header-name option once. */
export function headerName(name: unknown, fallback: string): string {
  if (name === undefined) return fallback
  if (typeof name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new TypeError('options.header must be an HTTP header name.')
  return name.toLowerCase()
}
