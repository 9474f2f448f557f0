// Google Cloud Functions (HTTP functions, the Functions Framework for Node.js) and Firebase HTTPS
// functions: Express requests whose body is already parsed, with the exact bytes kept in
// `req.rawBody` (a Buffer). https://cloud.google.com/functions/docs/writing/write-http-functions
import { nodeWebhookHandler, sendNode, type AdapterOptions, type NodeResponseLike, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The part of a Functions Framework request the wrapper reads. */
export interface GcfRequest {
  headers: Record<string, string | string[] | undefined>
  method?: string
  url?: string
  body?: unknown
  rawBody?: Uint8Array
}

const NOT_RAW = 'The request has no rawBody: run it on the Functions Framework or Firebase (which keep the bytes in req.rawBody), or, in your own Express app, use express.json({ verify: rawBodySaver }) from hookseal/adapters/express.'

/**
 * Wraps an HTTP function `(req, res)`: verifies `req.rawBody`, then calls `handler(webhook, req, res)`.
 * A failed verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Configuration mistakes throw a TypeError here.
 *
 * @example
 * functions.http('github', withWebhook('github', process.env.GITHUB_WEBHOOK_SECRET, (event, req, res) => {
 *   res.status(204).end()
 * }))
 */
export function withWebhook<Req extends GcfRequest, Res extends NodeResponseLike, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, req: Req, res: Res) => unknown,
  options?: AdapterOptions,
): (req: Req, res: Res) => Promise<void> {
  return nodeWebhookHandler(provider, secret, handler, options, NOT_RAW)
}

function withAuth<A, Req extends GcfRequest, Res extends NodeResponseLike>(check: (req: Req) => Promise<A>, handler: (auth: A, req: Req, res: Res) => unknown, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealGcfAuth(req: Req, res: Res): Promise<void> {
    const outcome = await attempt(() => check(req))
    if ('reply' in outcome) return sendNode(res, outcome.reply)
    await handler(outcome.auth, req, res)
  }
}

/**
 * Wraps an HTTP function with `verifyBearer`: `handler({ matched }, req, res)` runs for a configured
 * token; otherwise 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`.
 *
 * @example
 * functions.http('reports', withBearer([process.env.API_TOKEN], (auth, req, res) => res.status(204).end()))
 */
export function withBearer<Req extends GcfRequest, Res extends NodeResponseLike>(
  tokens: string | readonly string[],
  handler: (auth: { matched: number }, req: Req, res: Res) => unknown,
  options: BearerOptions & OnAuthError = {},
): (req: Req, res: Res) => Promise<void> {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return withAuth((req: Req) => verifyBearer(req, tokens, bearer), handler, onError)
}

/**
 * Wraps an HTTP function with `verifyBasicAuth`: `handler({ user }, req, res)`, or 401 with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * functions.http('admin', withBasicAuth({ admin: process.env.ADMIN_PASSWORD }, ({ user }, req, res) => res.send(user)))
 */
export function withBasicAuth<Req extends GcfRequest, Res extends NodeResponseLike>(
  users: BasicUsers,
  handler: (auth: { user: string }, req: Req, res: Res) => unknown,
  options: BasicOptions & OnAuthError,
): (req: Req, res: Res) => Promise<void> {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return withAuth((req: Req) => verifyBasicAuth(req, users, basic), handler, onError)
}

/**
 * Wraps an HTTP function with `verifyJwt`: `handler({ payload, protectedHeader }, req, res)`, or 401
 * (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * functions.http('reports', withJwt({ issuer: ISS, audience: ISS, jwksUrl }, ({ payload }, req, res) => res.json(payload)))
 */
export function withJwt<Req extends GcfRequest, Res extends NodeResponseLike>(
  options: JwtOptions & OnAuthError,
  handler: (auth: VerifiedJwt, req: Req, res: Res) => unknown,
): (req: Req, res: Res) => Promise<void> {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return withAuth((req: Req) => verifyJwt(req, jwt), handler, onError)
}
