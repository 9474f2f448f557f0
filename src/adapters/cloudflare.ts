// Cloudflare Workers (module syntax): `fetch(request, env, ctx)`. Secrets live in `env` (wrangler
// secret put), known only when a request arrives, so the secret may be a function of env; the
// verifier is built on first use and rebuilt only when the secret changes.
// https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/ · https://developers.cloudflare.com/workers/configuration/secrets/
import { verifyOrReply, createVerifier, resolveScheme, type Verifier, adapterOptions, toResponse, type AdapterOptions, authAttempt, type OnAuthError, bearerOptions, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

const NOT_RAW = 'The Request body was already read: call the wrapped fetch handler before anything reads request.json() or request.text().'

/**
 * Wraps a Worker's fetch handler: verifies the Request, then calls `handler(webhook, request, env, ctx)`.
 * A failed verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. The preset and options are checked when the module loads; a secret read from
 * `env` is checked on the first request (a mistake there is a TypeError, i.e. a 500).
 *
 * @example
 * export default {
 *   fetch: withWebhook('stripe', (env) => env.STRIPE_WEBHOOK_SECRET, async (event) => {
 *     await handle(event.payload)
 *     return new Response(null, { status: 204 })
 *   }),
 * }
 */
export function withWebhook<Env = unknown, Ctx = unknown, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput | ((env: Env) => SecretInput),
  handler: (webhook: VerifiedWebhook<T>, request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>,
  options?: AdapterOptions,
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const scheme = resolveScheme(provider)
  const fromEnv = typeof secret === 'function' ? (secret as (env: Env) => SecretInput) : undefined
  let current: { secret: unknown; verifier: Verifier } | undefined = fromEnv === undefined ? { secret, verifier: createVerifier(scheme, secret as SecretInput, verifyOptions) } : undefined
  const verifierFor = (env: Env): Verifier => {
    if (fromEnv === undefined) return current!.verifier
    const value = fromEnv(env)
    if (current === undefined || current.secret !== value) current = { secret: value, verifier: createVerifier(scheme, value, verifyOptions) }
    return current.verifier
  }
  return async function hooksealWorker(request, env, ctx) {
    const outcome = await verifyOrReply<T>(verifierFor(env), request, report)
    return 'reply' in outcome ? toResponse(outcome.reply) : handler(outcome.webhook, request, env, ctx)
  }
}

function withAuth<A, Env, Ctx>(check: (request: Request, env: Env) => Promise<A>, handler: (auth: A, request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealWorkerAuth(request: Request, env: Env, ctx: Ctx): Promise<Response> {
    const outcome = await attempt(() => check(request, env))
    return 'reply' in outcome ? toResponse(outcome.reply) : handler(outcome.auth, request, env, ctx)
  }
}

/**
 * Wraps a Worker's fetch handler with `verifyBearer`; the tokens may be a function of `env`
 * (Worker secrets): `handler({ matched }, request, env, ctx)` for a configured token, otherwise 401
 * `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`.
 *
 * @example
 * export default { fetch: withBearer((env) => [env.API_TOKEN], async () => new Response('ok'), { realm: 'api' }) }
 */
export function withBearer<Env = unknown, Ctx = unknown>(
  tokens: string | readonly string[] | ((env: Env) => string | readonly string[]),
  handler: (auth: { matched: number }, request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>,
  options: BearerOptions & OnAuthError = {},
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  const { onError, ...bearer } = options
  if (typeof tokens === 'function') bearerOptions(bearer)
  else checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return withAuth((request, env: Env) => verifyBearer(request, typeof tokens === 'function' ? tokens(env) : tokens, bearer), handler, onError)
}

/**
 * Wraps a Worker's fetch handler with `verifyBasicAuth`; the users may be a function of `env`:
 * `handler({ user }, request, env, ctx)`, or 401 with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * export default { fetch: withBasicAuth((env) => ({ admin: env.ADMIN_PASSWORD }), async (auth) => new Response(auth.user), { realm: 'admin' }) }
 */
export function withBasicAuth<Env = unknown, Ctx = unknown>(
  users: Exclude<BasicUsers, (user: string, password: string) => unknown> | ((env: Env) => BasicUsers),
  handler: (auth: { user: string }, request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>,
  options: BasicOptions & OnAuthError,
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return withAuth((request, env: Env) => verifyBasicAuth(request, typeof users === 'function' ? users(env) : users, basic), handler, onError)
}

/**
 * Wraps a Worker's fetch handler with `verifyJwt`: `handler({ payload, protectedHeader }, request,
 * env, ctx)`, or 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * export default { fetch: withJwt({ issuer: ISS, audience: ISS, jwksUrl }, async ({ payload }) => Response.json({ sub: payload.sub })) }
 */
export function withJwt<Env = unknown, Ctx = unknown>(
  options: JwtOptions & OnAuthError,
  handler: (auth: VerifiedJwt, request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>,
) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return withAuth((request: Request) => verifyJwt(request, jwt), handler, onError)
}
