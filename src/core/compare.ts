// Constant-time comparison of a configured secret text with the text a request carries, for hooks
// that must decide synchronously (Meta's hub.verify_token, checked in `preflight` before any
// signature). The loop runs over the received bytes only, so the time taken depends on what the
// sender sent, never on the secret's content; the length check is folded into the same answer.
import { backend } from '#crypto'
import { utf8 } from './encoding.js'

/** Whether `received` equals `secret`, compared in constant time (an empty secret never matches). */
export function equalSecretText(secret: string, received: string): boolean {
  const expected = utf8(secret)
  const given = utf8(received)
  if (expected.length === 0) return false
  const aligned = new Uint8Array(given.length)
  for (let i = 0; i < given.length; i++) aligned[i] = expected[i % expected.length]!
  return backend.equal(aligned, given) && expected.length === given.length
}
