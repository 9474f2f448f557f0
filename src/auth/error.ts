// The auth helpers' error: a WebhookVerificationError (one family, so adapters and `instanceof`
// checks treat both alike) that also carries the headers to send, the WWW-Authenticate challenge.
import { WebhookVerificationError, type WebhookErrorCode } from '../core/errors.js'

/** The codes the auth helpers reject with: no credentials, bad credentials, not allowed (403). */
export type AuthErrorCode = Extract<WebhookErrorCode, `ERR_AUTH_${string}`>

/**
 * Rejection of verifyBearer, verifyBasicAuth and verifyJwt: `status` 401 (403 for a valid token
 * without the permission asked for) and `headers` to send with it. Never holds a token or password.
 *
 * @example
 * catch (err) { if (err instanceof AuthError) return new Response(null, { status: err.status, headers: err.headers }) }
 */
export class AuthError extends WebhookVerificationError {
  override readonly name = 'AuthError' as const
  declare readonly code: AuthErrorCode
  /** `WWW-Authenticate` with the challenge for this scheme and realm. */
  readonly headers: Readonly<Record<string, string>>

  constructor(code: AuthErrorCode, message: string, headers: Record<string, string>, options?: { cause?: unknown }) {
    super(code, message, options)
    this.headers = Object.freeze({ ...headers })
  }
}

/**
 * A quoted-string (RFC 9110 §5.6.4) for a realm: backslash and quote escaped; control characters
 * refused when the realm is configured, since they could split the header.
 */
export function quoted(value: string, what: string): string {
  if (typeof value !== 'string' || hasControl(value)) throw new TypeError(`${what} must be a string without control characters.`)
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`
}

/** Whether the text holds a C0 control character or DEL. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}
