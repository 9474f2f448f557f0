// Express 4 and 5: route-scoped middleware that reads the raw body itself (so no express.raw() is
// needed on the route), and a body-parser `verify` hook for apps that also want the parsed body.
// body-parser's verify option (called with the raw Buffer before parsing):
// https://expressjs.com/en/resources/middleware/body-parser.html
import { verifyOrReply, createVerifier, adapterOptions, sendNode, type AdapterOptions, type NodeResponseLike, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The part of an Express request the middleware reads and writes. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>
  method?: string
  url?: string
  body?: unknown
  /** The bytes kept by `rawBodySaver`. */
  rawBody?: Uint8Array
  /** The verified delivery, set by `verifyWebhooks` before your handler runs. */
  webhook?: VerifiedWebhook
}

/** Express's `next`: called with no argument to continue, or with an error to hand it to Express. */
export type NextFunction = (error?: unknown) => void

const NOT_RAW =
  'A body parser (such as a global app.use(express.json())) already read this request, so its exact bytes are gone. ' +
  'Mount the webhook route before the global parser, or keep the bytes with ' +
  "express.json({ verify: rawBodySaver }) (import { rawBodySaver } from 'hookseal/adapters/express')."

/**
 * Route-scoped middleware: verifies the request (reading the raw body itself, or using the bytes
 * `express.raw()` or `rawBodySaver` kept), sets `req.webhook`, and calls the next handler. A failed
 * verification is answered with its status and `{"error":"<code>"}`; a handshake (Slack, Discord,
 * Zoom, Twitch…) with the provider's reply, without calling the next handler. Configuration
 * mistakes throw a TypeError here, when the middleware is created.
 *
 * @example
 * app.post('/webhooks/github', verifyWebhooks('github', process.env.GITHUB_WEBHOOK_SECRET), (req, res) => {
 *   console.log(req.webhook.payload)
 *   res.sendStatus(204)
 * })
 */
export function verifyWebhooks(provider: string | Scheme, secret: SecretInput, options?: AdapterOptions) {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return function hooksealExpress(req: WebhookRequest, res: NodeResponseLike, next: NextFunction): void {
    verifyOrReply(verifier, req, report).then((outcome) => {
      if ('reply' in outcome) return sendNode(res, outcome.reply)
      req.webhook = outcome.webhook
      next()
    }, next)
  }
}

/**
 * A body-parser `verify` hook that keeps the exact bytes on `req.rawBody`, so one global parser can
 * serve both your JSON routes and `verifyWebhooks` (which reads `req.rawBody` first).
 *
 * @example
 * app.use(express.json({ verify: rawBodySaver }))
 */
export function rawBodySaver(req: object, _res: unknown, buf: Uint8Array): void {
  ;(req as { rawBody?: Uint8Array }).rawBody = buf
}

/**
 * The same hook under body-parser's option name.
 *
 * @example
 * import { verify } from 'hookseal/adapters/express'
 * app.use(express.json({ verify }))
 */
export const verify = rawBodySaver

/** What `requireBearer` / `requireBasicAuth` set on the request before calling the next handler. */
export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>
  /** `{ matched }` (bearer: index of the token), `{ user }` (Basic) or `{ payload, protectedHeader }` (JWT). */
  auth?: { matched: number } | { user: string } | VerifiedJwt
}

function authMiddleware<T extends { matched: number } | { user: string } | VerifiedJwt>(check: (req: AuthRequest) => Promise<T>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return function hooksealExpressAuth(req: AuthRequest, res: NodeResponseLike, next: NextFunction): void {
    attempt(() => check(req)).then((outcome) => {
      if ('reply' in outcome) return sendNode(res, outcome.reply) // 401 with the WWW-Authenticate challenge
      req.auth = outcome.auth
      next()
    }, next)
  }
}

/**
 * Middleware form of `verifyBearer`: sets `req.auth = { matched }` and continues, or answers 401
 * `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`. Reads only headers.
 *
 * @example
 * app.post('/reports', requireBearer([process.env.API_TOKEN], { realm: 'reports' }), handler)
 */
export function requireBearer(tokens: string | readonly string[], options: BearerOptions & OnAuthError = {}) {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return authMiddleware((req) => verifyBearer(req, tokens, bearer), onError)
}

/**
 * Middleware form of `verifyBasicAuth`: sets `req.auth = { user }` and continues, or answers 401
 * with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * app.get('/admin', requireBasicAuth({ admin: process.env.ADMIN_PASSWORD }, { realm: 'admin' }), handler)
 */
export function requireBasicAuth(users: BasicUsers, options: BasicOptions & OnAuthError) {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return authMiddleware((req) => verifyBasicAuth(req, users, basic), onError)
}

/**
 * Middleware form of `verifyJwt`: sets `req.auth = { payload, protectedHeader }` and continues, or
 * answers 401 (403 for a valid token lacking the function permission) `{"error":"<code>"}` with the
 * RFC 6750 `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * app.post('/reports', requireJwt({ issuer: ISS, audience: ISS, jwksUrl: `${ISS}/.well-known/jwks.json` }), handler)
 */
export function requireJwt(options: JwtOptions & OnAuthError) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return authMiddleware((req) => verifyJwt(req, jwt), onError)
}
