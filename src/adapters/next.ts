// Next.js: App Router route handlers get a Web Request (https://nextjs.org/docs/app/building-your-application/routing/route-handlers);
// Pages API routes get Node's request, whose body Next parses unless the route exports
// `config = { api: { bodyParser: false } }` (https://nextjs.org/docs/pages/building-your-application/routing/api-routes#custom-config).
// That export must be written in the route file itself: Next reads it statically.
import { createVerifier } from '../core/verify.js'
import { adapterOptions, errorReply, handshakeReply, isVerificationError, sendNode, toResponse, type AdapterOptions, type NodeResponseLike } from '../core/respond.js'
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
    let webhook: VerifiedWebhook<T>
    try {
      webhook = await verifier.verify<T>(request)
    } catch (error) {
      if (!isVerificationError(error)) throw error
      return toResponse(errorReply(report(error)))
    }
    const handshake = handshakeReply(webhook)
    return handshake !== undefined ? toResponse(handshake) : handler(webhook, request, context)
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
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW_PAGES)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealNextApi(req, res) {
    let webhook: VerifiedWebhook<T>
    try {
      webhook = await verifier.verify<T>(req)
    } catch (error) {
      if (!isVerificationError(error)) throw error
      return sendNode(res, errorReply(report(error)))
    }
    const handshake = handshakeReply(webhook)
    if (handshake !== undefined) return sendNode(res, handshake)
    await handler(webhook, req, res)
  }
}
