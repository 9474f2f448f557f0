/**
 * Every way a request can fail verification. The codes are a stable contract: match on `code`,
 * never on `message`.
 */
export type WebhookErrorCode =
  | 'ERR_WEBHOOK_MISSING_HEADER'
  | 'ERR_WEBHOOK_MALFORMED_HEADER'
  | 'ERR_WEBHOOK_MALFORMED_SIGNATURE'
  | 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
  | 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD'
  | 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE'
  | 'ERR_WEBHOOK_BODY_NOT_RAW'
  | 'ERR_WEBHOOK_BODY_TOO_LARGE'
  | 'ERR_WEBHOOK_BODY_UNREADABLE'
  | 'ERR_WEBHOOK_BODY_TIMEOUT'
  | 'ERR_WEBHOOK_INVALID_REQUEST'
  | 'ERR_WEBHOOK_MALFORMED_PAYLOAD'
  | 'ERR_WEBHOOK_UNKNOWN_PROVIDER'
  | 'ERR_WEBHOOK_REPLAYED'
  | 'ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE'
  | 'ERR_AUTH_MISSING'
  | 'ERR_AUTH_INVALID'
  | 'ERR_AUTH_FORBIDDEN'

const STATUS: Record<WebhookErrorCode, number> = {
  ERR_WEBHOOK_MISSING_HEADER: 400,
  ERR_WEBHOOK_MALFORMED_HEADER: 400,
  ERR_WEBHOOK_MALFORMED_SIGNATURE: 400,
  ERR_WEBHOOK_SIGNATURE_MISMATCH: 401,
  ERR_WEBHOOK_TIMESTAMP_TOO_OLD: 401,
  ERR_WEBHOOK_TIMESTAMP_IN_FUTURE: 401,
  ERR_WEBHOOK_BODY_NOT_RAW: 400,
  ERR_WEBHOOK_BODY_TOO_LARGE: 413,
  ERR_WEBHOOK_BODY_UNREADABLE: 400,
  // the body did not arrive within bodyTimeoutMs: 408 Request Timeout (RFC 9110 §15.5.9)
  ERR_WEBHOOK_BODY_TIMEOUT: 408,
  ERR_WEBHOOK_INVALID_REQUEST: 400,
  ERR_WEBHOOK_MALFORMED_PAYLOAD: 400,
  ERR_WEBHOOK_UNKNOWN_PROVIDER: 400,
  // A second delivery of one already accepted (options.replay): 409, so a provider's retry of a
  // delivery that did succeed stops; the store being down is the function's fault, so 503 and a retry.
  ERR_WEBHOOK_REPLAYED: 409,
  ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE: 503,
  // src/auth: no or bad credentials 401 with a WWW-Authenticate challenge; a valid token without the
  // permission asked for 403 (RFC 6750 §3.1 insufficient_scope).
  ERR_AUTH_MISSING: 401,
  ERR_AUTH_INVALID: 401,
  ERR_AUTH_FORBIDDEN: 403,
}

/**
 * The only error `verifyWebhook` ever rejects with. Its message says what to do and never holds
 * a secret, an expected signature or the body.
 *
 * @example
 * try { await verifyWebhook(req, 'github', secret) }
 * catch (err) {
 *   if (err instanceof WebhookVerificationError) return { statusCode: err.status, body: err.code }
 *   throw err
 * }
 */
export class WebhookVerificationError extends Error {
  /** 'AuthError' for the auth helpers' subclass (src/auth), which adds the `WWW-Authenticate` headers. */
  override readonly name: 'WebhookVerificationError' | 'AuthError' = 'WebhookVerificationError'
  /** Stable machine-readable reason. */
  readonly code: WebhookErrorCode
  /** The HTTP status a function should answer with: 400 malformed, 401 mismatch or stale, 408 body too slow, 409 replayed, 413 too large, 503 replay store down. */
  readonly status: number

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.status = STATUS[code]
  }
}

/** Shorthand used throughout the engine. */
export function fail(code: WebhookErrorCode, message: string, cause?: unknown): never {
  throw new WebhookVerificationError(code, message, cause === undefined ? undefined : { cause })
}
