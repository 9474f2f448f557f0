// Constant-time comparison of a configured secret (a shared token, a verify token, a password) with
// what a request carries. One mechanism for every such check: token schemes (GitLab, Telegram),
// Meta's hub.verify_token, and the auth helpers. The loop runs over the received bytes only, so the
// time taken depends on what the sender sent, never on the secret's content or length; the length
// check is folded into the same answer.
import { constantTimeEqual, utf8 } from './encoding.js'

/** Whether `given` equals `expected`, compared in constant time (an empty secret never matches). */
export function equalSecretBytes(expected: Uint8Array, given: Uint8Array): boolean {
  if (expected.length === 0) return false
  const aligned = new Uint8Array(given.length)
  for (let i = 0; i < given.length; i++) aligned[i] = expected[i % expected.length]!
  return constantTimeEqual(aligned, given) && expected.length === given.length
}

/** Whether `received` equals `secret` as UTF-8, compared in constant time. */
export function equalSecretText(secret: string, received: string): boolean {
  return equalSecretBytes(utf8(secret), utf8(received))
}
