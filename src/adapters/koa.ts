// Koa 3: middleware that reads the raw body from ctx.req (Koa itself never parses bodies) and
// stores the verified delivery on ctx.state.webhook. https://koajs.com/#context
import { verifyOrReply, createVerifier, adapterOptions, type AdapterOptions, type Reply, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The part of a Koa context the middleware uses. */
export interface KoaContextLike {
  req: unknown
  state: Record<string, unknown>
  status: number
  body: unknown
  set(field: Record<string, string>): void
}

const NOT_RAW = 'A body parser middleware already read this request, so its exact bytes are gone: put verifyWebhooks before the body parser (or on a router that has none).'

function send(ctx: KoaContextLike, reply: Reply): void {
  ctx.status = reply.status
  ctx.set(reply.headers)
  ctx.body = reply.body
}

/**
 * Koa middleware: verifies the request, sets `ctx.state.webhook` and calls `next()`. A failed
 * verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Configuration mistakes throw a TypeError here.
 *
 * @example
 * router.post('/webhooks/github', verifyWebhooks('github', process.env.GITHUB_WEBHOOK_SECRET), (ctx) => {
 *   handle(ctx.state.webhook.payload)
 *   ctx.status = 204
 * })
 */
export function verifyWebhooks(provider: string | Scheme, secret: SecretInput, options?: AdapterOptions) {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealKoa(ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void> {
    const outcome = await verifyOrReply(verifier, ctx.req, report)
    if ('reply' in outcome) return send(ctx, outcome.reply)
    ctx.state.webhook = outcome.webhook
    await next()
  }
}

function authMiddleware(check: (ctx: KoaContextLike) => Promise<{ matched: number } | { user: string } | VerifiedJwt>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealKoaAuth(ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void> {
    const outcome = await attempt(() => check(ctx))
    if ('reply' in outcome) return send(ctx, outcome.reply)
    ctx.state.auth = outcome.auth
    await next()
  }
}

/**
 * Koa middleware form of `verifyBearer`: sets `ctx.state.auth = { matched }` and calls `next()`, or
 * answers 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`. Reads only headers.
 *
 * @example
 * router.post('/reports', requireBearer([process.env.API_TOKEN]), (ctx) => { ctx.body = ctx.state.auth })
 */
export function requireBearer(tokens: string | readonly string[], options: BearerOptions & OnAuthError = {}) {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return authMiddleware((ctx) => verifyBearer(ctx.req, tokens, bearer), onError)
}

/**
 * Koa middleware form of `verifyBasicAuth`: sets `ctx.state.auth = { user }`, or answers 401 with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * router.get('/admin', requireBasicAuth({ admin: process.env.ADMIN_PASSWORD }), handler)
 */
export function requireBasicAuth(users: BasicUsers, options: BasicOptions & OnAuthError) {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return authMiddleware((ctx) => verifyBasicAuth(ctx.req, users, basic), onError)
}

/**
 * Koa middleware form of `verifyJwt`: sets `ctx.state.auth = { payload, protectedHeader }`, or
 * answers 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * router.post('/reports', requireJwt({ issuer: ISS, audience: ISS, jwksUrl }), handler)
 */
export function requireJwt(options: JwtOptions & OnAuthError) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return authMiddleware((ctx) => verifyJwt(ctx.req, jwt), onError)
}
