// Next.js: App Router route handlers get a Web Request (https://nextjs.org/docs/app/building-your-application/routing/route-handlers);
// Pages API routes get Node's request, whose body Next parses unless the route exports
// `config = { api: { bodyParser: false } }` (https://nextjs.org/docs/pages/building-your-application/routing/api-routes#custom-config).
// That export must be written in the route file itself: Next reads it statically.
import { verifyOrReply, nodeWebhookHandler, createVerifier, adapterOptions, toResponse, type AdapterOptions, type NodeResponseLike, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

const NOT_RAW_APP = 'The Request body was already read: call the wrapped handler before anything reads request.json() or request.text().'
const NOT_RAW_PAGES = 'Next.js parsed the body of this Pages API route, so its exact bytes are gone: add `export const config = { api: { bodyParser: false } }` to the route file.'

/**
 * Wraps an App Router route handler: verifies the Request, then calls `handler(webhook, request, context)`.
 * A failed verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Configuration mistakes throw a TypeError when the module loads.
 *
 * @example
 * // app/api/webhooks/github/route.ts
 * export const POST = withWebhook('github', process.env.GITHUB_WEBHOOK_SECRET!, async (event) => {
 *   await handle(event.payload)
 *   return new Response(null, { status: 204 })
 * })
 */
export function withWebhook<C = unknown, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, request: Request, context: C) => Response | Promise<Response>,
  options?: AdapterOptions,
): (request: Request, context: C) => Promise<Response> {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW_APP)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealNextRoute(request, context) {
    const outcome = await verifyOrReply<T>(verifier, request, report)
    return 'reply' in outcome ? toResponse(outcome.reply) : handler(outcome.webhook, request, context)
  }
}

/**
 * Wraps a Pages API route `(req, res)`; the route file must also export
 * `export const config = { api: { bodyParser: false } }`. Otherwise as `withWebhook`.
 *
 * @example
 * // pages/api/webhooks/github.ts
 * export const config = { api: { bodyParser: false } }
 * export default withWebhookApi('github', process.env.GITHUB_WEBHOOK_SECRET!, (event, req, res) => res.status(204).end())
 */
export function withWebhookApi<Req extends object, Res extends NodeResponseLike, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, req: Req, res: Res) => unknown,
  options?: AdapterOptions,
): (req: Req, res: Res) => Promise<void> {
  return nodeWebhookHandler(provider, secret, handler, options, NOT_RAW_PAGES)
}

function withAuth<A, C>(check: (request: Request) => Promise<A>, handler: (auth: A, request: Request, context: C) => Response | Promise<Response>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealNextAuth(request: Request, context: C): Promise<Response> {
    const outcome = await attempt(() => check(request))
    return 'reply' in outcome ? toResponse(outcome.reply) : handler(outcome.auth, request, context)
  }
}

/**
 * Wraps an App Router route handler with `verifyBearer`: `handler({ matched }, request, context)`
 * for a configured token, otherwise 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`.
 * The body is not read.
 *
 * @example
 * export const POST = withBearer([process.env.API_TOKEN!], async (auth, request) => Response.json(await request.json()), { realm: 'api' })
 */
export function withBearer<C = unknown>(
  tokens: string | readonly string[],
  handler: (auth: { matched: number }, request: Request, context: C) => Response | Promise<Response>,
  options: BearerOptions & OnAuthError = {},
): (request: Request, context: C) => Promise<Response> {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return withAuth((request) => verifyBearer(request, tokens, bearer), handler, onError)
}

/**
 * Wraps an App Router route handler with `verifyBasicAuth`: `handler({ user }, request, context)`,
 * or 401 with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * export const GET = withBasicAuth({ admin: process.env.ADMIN_PASSWORD! }, async ({ user }) => new Response(user), { realm: 'admin' })
 */
export function withBasicAuth<C = unknown>(
  users: BasicUsers,
  handler: (auth: { user: string }, request: Request, context: C) => Response | Promise<Response>,
  options: BasicOptions & OnAuthError,
): (request: Request, context: C) => Promise<Response> {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return withAuth((request) => verifyBasicAuth(request, users, basic), handler, onError)
}

/**
 * Wraps an App Router route handler with `verifyJwt`: `handler({ payload, protectedHeader }, request,
 * context)`, or 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * export const POST = withJwt({ issuer: ISS, audience: ISS, jwksUrl }, async ({ payload }) => Response.json({ sub: payload.sub }))
 */
export function withJwt<C = unknown>(
  options: JwtOptions & OnAuthError,
  handler: (auth: VerifiedJwt, request: Request, context: C) => Response | Promise<Response>,
) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return withAuth((request) => verifyJwt(request, jwt), handler, onError)
}
