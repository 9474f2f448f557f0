// Google Cloud Functions (HTTP functions, the Functions Framework for Node.js) and Firebase HTTPS
// functions: Express requests whose body is already parsed, with the exact bytes kept in
// `req.rawBody` (a Buffer). https://cloud.google.com/functions/docs/writing/write-http-functions
import { createVerifier } from '../core/verify.js'
import { adapterOptions, errorReply, handshakeReply, isVerificationError, sendNode, type AdapterOptions, type NodeResponseLike } from '../core/respond.js'
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
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealGcf(req, res) {
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
