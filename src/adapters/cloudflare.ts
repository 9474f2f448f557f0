// Cloudflare Workers (module syntax): `fetch(request, env, ctx)`. Secrets live in `env` (wrangler
// secret put), known only when a request arrives, so the secret may be a function of env; the
// verifier is built on first use and rebuilt only when the secret changes.
// https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/ · https://developers.cloudflare.com/workers/configuration/secrets/
import { createVerifier, resolveScheme, type Verifier } from '../core/verify.js'
import { adapterOptions, errorReply, handshakeReply, isVerificationError, toResponse, type AdapterOptions } from '../core/respond.js'
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
    const verifier = verifierFor(env)
    let webhook: VerifiedWebhook<T>
    try {
      webhook = await verifier.verify<T>(request)
    } catch (error) {
      if (!isVerificationError(error)) throw error
      return toResponse(errorReply(report(error)))
    }
    const handshake = handshakeReply(webhook)
    return handshake !== undefined ? toResponse(handshake) : handler(webhook, request, env, ctx)
  }
}
