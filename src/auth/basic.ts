// HTTP Basic authentication (RFC 7617): `Authorization: Basic base64(user-id ":" password)` in
// UTF-8 (announced with charset="UTF-8" in the challenge, §2.1); both parts compared in constant time.
import { equalSecretText } from '../core/compare.js'
import { fromBase64 } from '../core/encoding.js'
import { AuthError, hasControl, quoted } from './error.js'
import { credentialsFor, headerName, headerOf, MAX_CREDENTIALS } from './request.js'

/** A record of user → password, or a check (e.g. against a hash store) resolving true to accept. */
export type BasicUsers = Readonly<Record<string, string>> | ((user: string, password: string) => boolean | Promise<boolean>)

/** Options for `verifyBasicAuth`; `realm` is required. */
export interface BasicOptions {
  /** The protection space named in the challenge (required by RFC 7617 §2). */
  realm: string
  /** Another header than Authorization (behind a proxy that consumes it). */
  header?: string
}

/** Checks the users of verifyBasicAuth: a TypeError for an empty record, a user with ":" or an empty password. */
export function usersOf(users: unknown): BasicUsers {
  if (typeof users === 'function') return users as BasicUsers
  if (typeof users !== 'object' || users === null || Array.isArray(users)) throw new TypeError('users must be a record of user → password or a check function.')
  const entries = Object.entries(users)
  if (entries.length === 0 || !entries.every(([u, p]) => !u.includes(':') && typeof p === 'string' && p.length > 0)) {
    throw new TypeError('users must map each user (without ":") to a non-empty password.')
  }
  return users as BasicUsers
}

/** Checks verifyBasicAuth's options: a TypeError without a realm (RFC 7617 §2), or with a bad realm or header name. */
export function basicOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || typeof (options as BasicOptions).realm !== 'string') {
    throw new TypeError('options.realm is required: the name of the protected space shown to users.')
  }
  quoted((options as BasicOptions).realm, 'options.realm')
  headerName((options as BasicOptions).header, 'authorization')
}

/**
 * Checks a verifyBasicAuth configuration (users and options) up front: adapters call it when the
 * middleware or wrapper is created, so a configuration mistake throws a TypeError at start-up.
 *
 * @example
 * checkBasicConfig({ admin: process.env.ADMIN_PASSWORD }, { realm: 'admin' })
 */
export function checkBasicConfig(users: unknown, options: unknown): void {
  usersOf(users)
  basicOptions(options)
}

/**
 * Checks HTTP Basic credentials. Resolves `{ user }`; rejects with an AuthError (401,
 * `WWW-Authenticate: Basic realm="<realm>", charset="UTF-8"`). Both sides are NFC-normalised, as
 * RFC 7613's profiles ask, so a composed and a decomposed "é" are the same. A check function that
 * throws rejects with its own error (the function's fault, not the client's).
 *
 * @example
 * const { user } = await verifyBasicAuth(req, { admin: await readSecret('admin-password') }, { realm: 'dashboard' })
 */
export async function verifyBasicAuth(request: unknown, users: BasicUsers, options: BasicOptions): Promise<{ user: string }> {
  const check = usersOf(users)
  if (typeof options !== 'object' || options === null || typeof options.realm !== 'string') throw new TypeError('options.realm is required: the name of the protected space shown to users.')
  const headers = { 'WWW-Authenticate': `Basic realm=${quoted(options.realm, 'options.realm')}, charset="UTF-8"` }
  const header = headerName(options.header, 'authorization')
  const invalid = (why: string): never => {
    throw new AuthError('ERR_AUTH_INVALID', `The Basic credentials are ${why}.`, headers)
  }

  const value = headerOf(request, header)
  const encoded = value === undefined ? undefined : credentialsFor(value, 'basic')
  if (encoded === undefined) throw new AuthError('ERR_AUTH_MISSING', 'The request carries no Basic credentials.', headers)
  if (encoded.length === 0 || encoded.length > MAX_CREDENTIALS) invalid('empty or too long')
  const bytes = fromBase64(encoded)
  if (bytes === undefined) invalid('not base64')
  let text = ''
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    invalid('not UTF-8')
  }
  const colon = text.indexOf(':')
  if (colon < 0) invalid('missing the ":" between user and password')
  const user = text.slice(0, colon).normalize('NFC')
  const password = text.slice(colon + 1).normalize('NFC')
  // RFC 7617 §2: user-id and password contain no control characters.
  if (hasControl(user) || hasControl(password)) invalid('holding control characters')

  if (typeof check === 'function') {
    if ((await check(user, password)) !== true) invalid('not accepted')
    return { user }
  }
  // Every entry is compared, user and password alike, so the time taken says nothing about which
  // user exists or how much of a password was right.
  let found: string | undefined
  for (const [u, p] of Object.entries(check)) {
    const userOk = equalSecretText(u.normalize('NFC'), user)
    const passwordOk = equalSecretText(p.normalize('NFC'), password)
    if (userOk && passwordOk && found === undefined) found = u
  }
  if (found === undefined) invalid('not accepted')
  return { user: found! }
}
