// Shared-secret bearer tokens and API keys (RFC 6750 §2.1 `Authorization: Bearer <token>`, or a
// header such as X-Api-Key holding the key itself), compared in constant time with every
// configured token: never `!==`, which stops at the first differing character.
import { equalSecretText } from '../core/compare.js'
import { AuthError, quoted } from './error.js'
import { credentialsFor, headerName, headerOf, MAX_CREDENTIALS } from './request.js'

/** Options for `verifyBearer`. */
export interface BearerOptions {
  /** The realm named in the challenge. Default: none. */
  realm?: string
  /** A header holding the token itself (an API key), instead of `Authorization: Bearer …`. */
  header?: string
}

// RFC 6750 §2.1 b64token
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/

/** Checks the tokens of verifyBearer: a TypeError for an empty or non-string one (adapters call it when created). */
export function tokenList(tokens: unknown): readonly string[] {
  const list = typeof tokens === 'string' ? [tokens] : tokens
  if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new TypeError('tokens must be a non-empty string or a non-empty list of them (read from a secret, e.g. with readSecret).')
  }
  return list as readonly string[]
}

/** Checks verifyBearer's options: a TypeError for a non-object, a realm with control characters or a bad header name. */
export function bearerOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object.')
  const { realm, header } = options as BearerOptions
  if (realm !== undefined) quoted(realm, 'options.realm')
  headerName(header, 'authorization')
}

/**
 * Checks a verifyBearer configuration (tokens and options) up front: adapters call it when the
 * middleware or wrapper is created, so a configuration mistake throws a TypeError at start-up
 * rather than failing the first request.
 *
 * @example
 * checkBearerConfig([process.env.API_TOKEN], { realm: 'reports' })
 */
export function checkBearerConfig(tokens: unknown, options: unknown = {}): void {
  tokenList(tokens)
  bearerOptions(options)
}

/**
 * Checks a shared bearer token or API key. Resolves `{ matched }`, the index of the token that
 * matched (to retire old ones during a rotation); rejects with an AuthError (401,
 * `WWW-Authenticate: Bearer realm="…"`, with `error="invalid_token"` when a token was sent).
 *
 * @example
 * await verifyBearer(req, [process.env.API_TOKEN, process.env.API_TOKEN_OLD], { realm: 'reports' })
 */
export async function verifyBearer(request: unknown, tokens: string | readonly string[], options: BearerOptions = {}): Promise<{ matched: number }> {
  const list = tokenList(tokens)
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object.')
  const realm = options.realm === undefined ? undefined : quoted(options.realm, 'options.realm')
  const header = headerName(options.header, 'authorization')
  const challenge = (error?: string) => ({
    'WWW-Authenticate': ['Bearer', [realm && `realm=${realm}`, error && `error="${error}"`].filter(Boolean).join(', ')].filter(Boolean).join(' '),
  })
  const where = header === 'authorization' ? 'an Authorization: Bearer header' : `the ${header} header`

  const value = headerOf(request, header)
  const token = value === undefined ? undefined : header === 'authorization' ? credentialsFor(value, 'bearer') : value
  if (token === undefined) throw new AuthError('ERR_AUTH_MISSING', `The request carries no token: send it in ${where}.`, challenge())
  if (token.length === 0 || token.length > MAX_CREDENTIALS || (header === 'authorization' && !B64TOKEN.test(token))) {
    throw new AuthError('ERR_AUTH_INVALID', `The token in ${where} is malformed.`, challenge('invalid_token'))
  }
  // Every token is compared, whatever matched before, so the time taken does not say which one.
  let matched = -1
  for (let i = 0; i < list.length; i++) if (equalSecretText(list[i]!, token) && matched < 0) matched = i
  if (matched < 0) throw new AuthError('ERR_AUTH_INVALID', `The token in ${where} is not one of the configured tokens.`, challenge('invalid_token'))
  return { matched }
}
