// What every adapter answers: a verification error becomes its status and `{"error":"<code>"}`
// (the code is the stable contract; the message stays in logs, as it may say how the function is
// configured), a handshake becomes the provider's expected reply. Kept free of Node globals so the
// Web adapters (Next.js App Router, Cloudflare Workers, Hono) can use it.
import { WebhookVerificationError } from './errors.js'
import type { HandshakeResponse, Scheme, SecretInput, VerifiedWebhook, VerifyOptions } from './types.js'
import { createVerifier, type Verifier } from './verify.js'

/** Options of every adapter: the verifier's, plus where verification errors are reported. */
export interface AdapterOptions extends VerifyOptions {
  /**
   * Called with every verification error before the reply is sent; its message says what to fix
   * (the reply only carries the code). Default: ERR_WEBHOOK_BODY_NOT_RAW, a setup mistake rather
   * than a bad delivery, is logged once with console.error; nothing else is logged.
   */
  onError?: (error: WebhookVerificationError) => void
}

/**
 * Splits adapter options into the verifier's and a reporter that gives BODY_NOT_RAW the
 * platform's own fix (`notRaw`) and hands every error to `onError`.
 */
export function adapterOptions(options: AdapterOptions | undefined, notRaw: string): { verifyOptions: VerifyOptions; report: (error: WebhookVerificationError) => WebhookVerificationError } {
  const { onError, ...verifyOptions } = options ?? {}
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('options.onError must be a function.')
  let logged = false
  return {
    verifyOptions,
    report(error) {
      const explained = error.code === 'ERR_WEBHOOK_BODY_NOT_RAW' ? withFix(error, notRaw) : error
      if (onError !== undefined) onError(explained)
      else if (explained.code === 'ERR_WEBHOOK_BODY_NOT_RAW' && !logged) {
        logged = true
        console.error(`hookseal: ${explained.message}`)
      }
      return explained
    },
  }
}

/** A reply in the shape every platform can send: status, headers, a string body. */
export type Reply = HandshakeResponse

/** True for the only error a verifier rejects with; anything else is the platform's to handle (500). */
export function isVerificationError(error: unknown): error is WebhookVerificationError {
  return error instanceof WebhookVerificationError
}

/** `{ "error": "<code>" }` with the error's status (and an auth error's WWW-Authenticate challenge). */
export function errorReply(error: WebhookVerificationError): Reply {
  // An auth error carries its challenge (WWW-Authenticate) in `headers`; send it with the reply.
  const extra = (error as { headers?: Record<string, string> }).headers
  return { status: error.status, headers: { ...extra, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: error.code }) }
}

/** The handshake reply of a verified delivery, or undefined for an ordinary event. */
export function handshakeReply(result: VerifiedWebhook): Reply | undefined {
  return result.kind === 'handshake' && result.response !== undefined ? result.response : undefined
}

/** A Web Response for a reply. */
export function toResponse(reply: Reply): Response {
  // A 204/304 or an empty handshake body is sent without a body (Response refuses one for 204).
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers: reply.headers })
}

/** The same error with a message that names the fix for one platform; the code and status stay. */
export function withFix(error: WebhookVerificationError, message: string): WebhookVerificationError {
  return new WebhookVerificationError(error.code, message, { cause: error })
}

/** Writes a reply on a Node ServerResponse (Express, Google Cloud Functions, Next.js Pages API). */
export function sendNode(res: NodeResponseLike, reply: Reply): void {
  res.statusCode = reply.status
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value)
  res.end(reply.body)
}

/** The part of Node's ServerResponse the adapters write with. */
export interface NodeResponseLike {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body?: string): unknown
}

/** What the auth forms of the adapters take besides the check's own options. */
export type OnAuthError = { onError?: (error: WebhookVerificationError) => void }

/**
 * The one failure path of every adapter's auth form (bearer, Basic, JWT): returns a runner that
 * resolves `{ auth }`, or `{ reply }` (401/403 with the WWW-Authenticate challenge) after `onError`
 * has seen the error; anything else is rethrown for the platform. `onError` is checked here, when
 * the form is created.
 */
export function authAttempt(onError: OnAuthError['onError']): <A>(check: () => Promise<A>) => Promise<{ auth: A } | { reply: Reply }> {
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('options.onError must be a function.')
  return async (check) => {
    try {
      return { auth: await check() }
    } catch (error) {
      if (!isVerificationError(error)) throw error
      onError?.(error)
      return { reply: errorReply(error) }
    }
  }
}

/** What an adapter does with a request: hand `webhook` on, or send `reply` (`error` when it is one). */
export type WebhookOutcome<T> = { webhook: VerifiedWebhook<T> } | { reply: Reply; error?: WebhookVerificationError }

/**
 * The one verification path of every adapter: the verified webhook, or the reply to send instead
 * (an error's status and `{"error":"<code>"}` after `report` has seen it, or a handshake's answer).
 * Anything but our error is rethrown for the platform.
 */
export async function verifyOrReply<T>(verifier: Verifier, request: unknown, report: (error: WebhookVerificationError) => WebhookVerificationError): Promise<WebhookOutcome<T>> {
  let webhook: VerifiedWebhook<T>
  try {
    webhook = await verifier.verify<T>(request)
  } catch (error) {
    if (!isVerificationError(error)) throw error
    const reported = report(error)
    return { reply: errorReply(reported), error: reported }
  }
  const handshake = handshakeReply(webhook)
  return handshake !== undefined ? { reply: handshake } : { webhook }
}

/**
 * The `(req, res)` function of the Node-style wrappers (Google Cloud Functions, Next.js Pages API):
 * verifies `req`, answers an error or a handshake on `res`, else calls `handler(webhook, req, res)`.
 * Configuration mistakes throw a TypeError here; `notRaw` is the platform's fix for BODY_NOT_RAW.
 */
export function nodeWebhookHandler<Req, Res extends NodeResponseLike, T>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, req: Req, res: Res) => unknown,
  options: AdapterOptions | undefined,
  notRaw: string,
): (req: Req, res: Res) => Promise<void> {
  const { verifyOptions, report } = adapterOptions(options, notRaw)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async (req, res) => {
    const outcome = await verifyOrReply<T>(verifier, req, report)
    if ('reply' in outcome) return sendNode(res, outcome.reply)
    await handler(outcome.webhook, req, res)
  }
}
