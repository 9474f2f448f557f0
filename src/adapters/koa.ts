// Koa 3: middleware that reads the raw body from ctx.req (Koa itself never parses bodies) and
// stores the verified delivery on ctx.state.webhook. https://koajs.com/#context
import { createVerifier } from '../core/verify.js'
import { adapterOptions, errorReply, handshakeReply, isVerificationError, type AdapterOptions, type Reply } from '../core/respond.js'
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
    let result
    try {
      result = await verifier.verify(ctx.req)
    } catch (error) {
      if (!isVerificationError(error)) throw error
      return send(ctx, errorReply(report(error)))
    }
    const handshake = handshakeReply(result)
    if (handshake !== undefined) return send(ctx, handshake)
    ctx.state.webhook = result
    await next()
  }
}
