import { fail } from './errors.js'

/** Header lookup by lower-case name; values are trimmed of optional whitespace. */
export type HeaderLookup = (lowerName: string) => string | undefined

/**
 * Removes HTTP optional whitespace (spaces and tabs only, RFC 9110 §5.6.3) from both ends; unlike
 * String.prototype.trim it leaves no-break spaces, BOMs and line separators in place, so they fail.
 */
export function trimOws(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

/**
 * Turns any header container a platform hands over into one lookup:
 * a Web `Headers`, a record of string | string[] values (Node, Lambda, OpenFaaS), Node's flat
 * `rawHeaders` array, or an array of [name, value] pairs.
 *
 * A header sent twice is joined with ", " exactly as Node and the Fetch standard do, so a
 * duplicated signature or timestamp becomes a malformed value, never a second chance.
 */
export function toHeaderLookup(headers: unknown): HeaderLookup {
  if (headers == null) return () => undefined
  if (typeof headers !== 'object') {
    fail('ERR_WEBHOOK_INVALID_REQUEST', 'The request headers are not an object; pass the headers your platform gives you unchanged.')
  }
  const h = headers as { get?: unknown; forEach?: unknown }
  if (typeof h.get === 'function' && typeof h.forEach === 'function' && !Array.isArray(headers)) {
    const web = headers as Headers
    return (name) => {
      const value = web.get(name)
      return value === null ? undefined : trimOws(value)
    }
  }
  if (!Array.isArray(headers)) {
    // A record (Node, Lambda, OpenFaaS): scanned per lookup, since a request asks for two or three
    // names and building a map of every header cost more than the scans. Own keys only, so a polluted
    // Object.prototype adds no header.
    const record = headers as Record<string, unknown>
    const names = Object.keys(record)
    return (name) => {
      let out: string | undefined
      for (let i = 0; i < names.length; i++) {
        const key = names[i]!
        if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue
        const text = headerText(record[key])
        if (text !== undefined) out = out === undefined ? text : `${out}, ${text}`
      }
      return out
    }
  }
  const map = new Map<string, string>()
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== 'string') return
    const text = headerText(value)
    if (text === undefined) return
    const key = name.toLowerCase()
    const prev = map.get(key)
    map.set(key, prev === undefined ? text : `${prev}, ${text}`)
  }
  if (headers.length > 0 && Array.isArray(headers[0])) {
    for (const pair of headers) if (Array.isArray(pair)) add(pair[0], pair[1])
  } else {
    for (let i = 0; i + 1 < headers.length; i += 2) add(headers[i], headers[i + 1])
  }
  return (name) => map.get(name)
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return trimOws(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string').map(trimOws)
    return parts.length === 0 ? undefined : parts.join(', ')
  }
  return undefined
}
