// Bearer JWTs (RFC 7519 with RFC 6750 challenges), verified by jose: generic OIDC access tokens and
// OpenFaaS IAM function tokens. OpenFaaS's watchdog (faas-middleware auth/jwt_authenticator.go)
// accepts a function token when its `function` claim holds `permissions` matching
// `<namespace>:<name>` (`*` a wildcard) and `audience`, when not empty, matching it as well.
import type { JWTVerifyGetKey, jwtVerify as JwtVerify } from 'jose'

// Public types are structural here, not jose's: jose 6 ships ESM-only types, which a CommonJS
// consumer of hookseal's .d.cts could not import (TS1479).
/** A JSON Web Key (RFC 7517), as jose and JWKS endpoints give it. */
export interface JWK {
  kty?: string
  kid?: string
  alg?: string
  [parameter: string]: unknown
}
/** A JSON Web Key Set: `{ keys: [...] }`. */
export interface JSONWebKeySet {
  keys: JWK[]
}
/** The verified token's claims. */
export interface JWTPayload {
  iss?: string
  sub?: string
  aud?: string | string[]
  exp?: number
  nbf?: number
  iat?: number
  jti?: string
  [claim: string]: unknown
}
/** The verified token's protected header. */
export interface JWTHeaderParameters {
  alg: string
  kid?: string
  typ?: string
  [parameter: string]: unknown
}
import { AuthError, quoted } from './error.js'
import { credentialsFor, headerName, headerOf, MAX_CREDENTIALS } from './request.js'

/** Options for `verifyJwt`: accepted issuer and audience, and where the verification key comes from. */
export interface JwtOptions {
  /** Accepted `iss` value(s). */
  issuer: string | readonly string[]
  /** Accepted `aud` value(s). OpenFaaS function tokens: the gateway's public URL (the issuer). */
  audience: string | readonly string[]
  /** A JSON Web Key Set held locally. */
  jwks?: JSONWebKeySet
  /** Where the issuer publishes its keys; fetched on first use and cached (per URL, process-wide). */
  jwksUrl?: string | URL
  /** One key: a CryptoKey, a KeyObject, a JWK, or the shared secret bytes of an HS256 token. */
  key?: CryptoKey | JWK | Uint8Array | { readonly type: string }
  /** Accepted `alg` values. Default: those the key allows. */
  algorithms?: readonly string[]
  /** Claims that must be present (e.g. ['sub', 'exp']). */
  requiredClaims?: readonly string[]
  /** OpenFaaS IAM: `<namespace>:<name>` of this function, checked against the `function` claim. */
  functionName?: string
  /** Accepted clock difference for exp/nbf/iat, seconds. Default: 0. */
  clockToleranceSeconds?: number
  /** The current time (tests). Default: now. */
  now?: number | Date
  /** The realm named in the challenge. */
  realm?: string
  /** Another header than Authorization. */
  header?: string
}

/** What `verifyJwt` resolves to: the verified claims and the token's protected header. */
export interface VerifiedJwt {
  payload: JWTPayload
  protectedHeader: JWTHeaderParameters
}

// jose is ESM-only: loaded on first use, so `require('hookseal')` works on every Node 20 and the
// root import does not load it for functions that never verify a JWT.
type Jose = typeof import('jose')
let loading: Promise<Jose> | undefined
const loadJose = (): Promise<Jose> => (loading ??= import('jose'))

// One cached key set per JWKS URL: jose refetches on an unknown `kid` (cooldown 30 s) and after 10 min.
const remote = new Map<string, JWTVerifyGetKey>()
const local = new WeakMap<JSONWebKeySet, JWTVerifyGetKey>()

function keyFor(jose: Jose, options: JwtOptions): JWTVerifyGetKey | Parameters<typeof JwtVerify>[1] {
  const given = [options.jwks, options.jwksUrl, options.key].filter((v) => v !== undefined).length
  if (given !== 1) throw new TypeError('Pass exactly one of options.jwks, options.jwksUrl and options.key.')
  if (options.jwksUrl !== undefined) {
    const url = String(options.jwksUrl)
    if (!URL.canParse(url)) throw new TypeError('options.jwksUrl must be an absolute URL.')
    let set = remote.get(url)
    if (set === undefined) remote.set(url, (set = jose.createRemoteJWKSet(new URL(url))))
    return set
  }
  if (options.jwks !== undefined) {
    let set = local.get(options.jwks)
    if (set === undefined) local.set(options.jwks, (set = jose.createLocalJWKSet(options.jwks)))
    return set
  }
  return options.key as Parameters<typeof JwtVerify>[1]
}

/** `*` matches any run of characters; everything else literally; the whole reference must match. */
function matches(pattern: string, ref: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's')
  return re.test(ref)
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined
}

/**
 * Checks a verifyJwt configuration up front, without loading jose: issuer and audience present,
 * exactly one key source, an absolute jwksUrl, a '<namespace>:<name>' functionName, a realm without
 * control characters and a valid header name. Adapters call it when the middleware or wrapper is
 * created, so a configuration mistake throws a TypeError at start-up.
 *
 * @example
 * checkJwtConfig({ issuer: ISS, audience: ISS, jwksUrl: `${ISS}/.well-known/jwks.json` })
 */
export function checkJwtConfig(options: unknown): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('verifyJwt needs options with issuer, audience and a key.')
  const o = options as JwtOptions
  if (o.issuer === undefined || o.audience === undefined) throw new TypeError('options.issuer and options.audience are required.')
  if (o.functionName !== undefined && (typeof o.functionName !== 'string' || !/^[^:]+:[^:]+$/.test(o.functionName))) {
    throw new TypeError("options.functionName is '<namespace>:<name>', e.g. 'openfaas-fn:reports'.")
  }
  const given = [o.jwks, o.jwksUrl, o.key].filter((v) => v !== undefined).length
  if (given !== 1) throw new TypeError('Pass exactly one of options.jwks, options.jwksUrl and options.key.')
  if (o.jwksUrl !== undefined && !URL.canParse(String(o.jwksUrl))) throw new TypeError('options.jwksUrl must be an absolute URL.')
  if (o.realm !== undefined) quoted(o.realm, 'options.realm')
  headerName(o.header, 'authorization')
}

/**
 * Verifies the bearer JWT of a request. Resolves `{ payload, protectedHeader }`; rejects with an
 * AuthError: ERR_AUTH_MISSING / ERR_AUTH_INVALID (401, `WWW-Authenticate: Bearer …`,
 * `error="invalid_token"` when a token was sent), ERR_AUTH_FORBIDDEN (403, `insufficient_scope`)
 * for a valid OpenFaaS token without permission for `functionName`.
 *
 * @example
 * const { payload } = await verifyJwt(req, { issuer: 'https://gw.example.com', audience: 'https://gw.example.com',
 *   jwksUrl: 'https://gw.example.com/.well-known/jwks.json', functionName: 'openfaas-fn:reports' })
 */
export async function verifyJwt(request: unknown, options: JwtOptions): Promise<VerifiedJwt> {
  checkJwtConfig(options)
  const jose = await loadJose()
  const key = keyFor(jose, options)
  const realm = options.realm === undefined ? undefined : quoted(options.realm, 'options.realm')
  const header = headerName(options.header, 'authorization')
  const challenge = (error?: string) => ({
    'WWW-Authenticate': ['Bearer', [realm && `realm=${realm}`, error && `error="${error}"`].filter(Boolean).join(', ')].filter(Boolean).join(' '),
  })

  const value = headerOf(request, header)
  const token = value === undefined ? undefined : header === 'authorization' ? credentialsFor(value, 'bearer') : value
  if (token === undefined) throw new AuthError('ERR_AUTH_MISSING', 'The request carries no bearer token.', challenge())
  if (token.length === 0 || token.length > MAX_CREDENTIALS) throw new AuthError('ERR_AUTH_INVALID', 'The bearer token is empty or too long.', challenge('invalid_token'))

  let verified: VerifiedJwt
  try {
    const now = options.now
    verified = await jose.jwtVerify(token, key as JWTVerifyGetKey, {
      issuer: options.issuer as string | string[],
      audience: options.audience as string | string[],
      algorithms: options.algorithms as string[] | undefined,
      requiredClaims: options.requiredClaims as string[] | undefined,
      clockTolerance: options.clockToleranceSeconds,
      currentDate: now === undefined ? undefined : now instanceof Date ? now : new Date(now),
    })
  } catch (error) {
    // The reason stays in `cause` (jose's codes: ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, …).
    const reason = error instanceof jose.errors.JOSEError ? error.code : 'the key set could not be fetched'
    throw new AuthError('ERR_AUTH_INVALID', `The bearer token was not accepted (${reason}).`, challenge('invalid_token'), { cause: error })
  }

  if (options.functionName !== undefined) {
    const claim = verified.payload.function as { permissions?: unknown; audience?: unknown } | undefined
    const permissions = strings(claim?.permissions) ?? []
    const audience = strings(claim?.audience) ?? []
    const ref = options.functionName
    const allowed = permissions.some((p) => matches(p, ref)) && (audience.length === 0 || audience.some((a) => matches(a, ref)))
    if (!allowed) throw new AuthError('ERR_AUTH_FORBIDDEN', `The token does not grant invoking ${ref}.`, challenge('insufficient_scope'))
  }
  return verified
}
