// Hono 4: middleware over the Web Request (c.req.raw), so it runs wherever Hono runs (Node through
// @hono/node-server, Bun, Deno, Workers). After verification the bytes are put in Hono's body cache,
// so the handler can still call c.req.json()/text(): https://hono.dev/docs/api/request
import { verifyOrReply, createVerifier, adapterOptions, toResponse, type AdapterOptions, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The part of a Hono context the middleware uses. */
export interface HonoContextLike {
  // Hono's body cache holds promises at run time, whatever its declared type
  req: { raw: Request; bodyCache?: { arrayBuffer?: unknown } }
  set(key: 'webhook', value: VerifiedWebhook): void
}

const NOT_RAW = 'The request body was already read as JSON or form data before verifyWebhooks ran, so its exact bytes are gone: put verifyWebhooks before any middleware that reads the body.'

/**
 * Hono middleware: verifies `c.req.raw`, sets `c.get('webhook')` and calls `next()`. A failed
 * verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Configuration mistakes throw a TypeError here.
 *
 * @example
 * const app = new Hono<{ Variables: { webhook: VerifiedWebhook } }>() // types c.get('webhook')
 * app.post('/webhooks/github', verifyWebhooks('github', env.GITHUB_WEBHOOK_SECRET), (c) => {
 *   const event = c.get('webhook')
 *   return c.body(null, 204)
 * })
 */
export function verifyWebhooks(provider: string | Scheme, secret: SecretInput, options?: AdapterOptions) {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealHono(c: HonoContextLike, next: () => Promise<void>): Promise<Response | void> {
    // A body an earlier middleware read with c.req.arrayBuffer() is still exact: use Hono's copy.
    const cached = c.req.raw.bodyUsed ? c.req.bodyCache?.arrayBuffer : undefined
    const request = cached === undefined ? c.req.raw : { headers: c.req.raw.headers, method: c.req.raw.method, url: c.req.raw.url, body: await cached }
    const outcome = await verifyOrReply(verifier, request, report)
    if ('reply' in outcome) return toResponse(outcome.reply)
    const result = outcome.webhook
    if (c.req.bodyCache !== undefined && c.req.bodyCache.arrayBuffer === undefined) {
      const bytes = result.rawBody
      c.req.bodyCache.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    }
    c.set('webhook', result)
    await next()
  }
}

/** The part of a Hono context the auth middlewares use. */
export interface HonoAuthContextLike {
  req: { raw: Request }
  set(key: 'auth', value: { matched: number } | { user: string } | VerifiedJwt): void
}

function authMiddleware(check: (request: Request) => Promise<{ matched: number } | { user: string } | VerifiedJwt>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealHonoAuth(c: HonoAuthContextLike, next: () => Promise<void>): Promise<Response | void> {
    const outcome = await attempt(() => check(c.req.raw))
    if ('reply' in outcome) return toResponse(outcome.reply)
    c.set('auth', outcome.auth)
    await next()
  }
}

/**
 * Middleware form of `verifyBearer`: sets `c.get('auth')` to `{ matched }` and calls `next()`, or
 * answers 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`. Reads no body.
 *
 * @example
 * app.post('/reports', requireBearer([env.API_TOKEN], { realm: 'reports' }), (c) => c.text('ok'))
 */
export function requireBearer(tokens: string | readonly string[], options: BearerOptions & OnAuthError = {}) {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return authMiddleware((request) => verifyBearer(request, tokens, bearer), onError)
}

/**
 * Middleware form of `verifyBasicAuth`: sets `c.get('auth')` to `{ user }`, or answers 401 with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * app.get('/admin', requireBasicAuth({ admin: env.ADMIN_PASSWORD }, { realm: 'admin' }), (c) => c.text('hi'))
 */
export function requireBasicAuth(users: BasicUsers, options: BasicOptions & OnAuthError) {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return authMiddleware((request) => verifyBasicAuth(request, users, basic), onError)
}

/**
 * Middleware form of `verifyJwt`: sets `c.get('auth')` to `{ payload, protectedHeader }`, or answers
 * 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * app.post('/reports', requireJwt({ issuer: ISS, audience: ISS, jwksUrl: `${ISS}/.well-known/jwks.json` }), (c) => c.text('ok'))
 */
export function requireJwt(options: JwtOptions & OnAuthError) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return authMiddleware((request) => verifyJwt(request, jwt), onError)
}
