// bodyTimeoutMs: a client that sends its headers and then part of a body (or nothing) would hold a
// function's memory and a connection for as long as the platform lets it (Node's server waits up to
// requestTimeout, 300 s by default). The whole body must arrive within the deadline; a slow trickle
// is cut off as well as a stall. A ReadableStream reader has no timeout of its own (withDeadline here);
// the Node stream reader (stream-node.ts) keeps its own timer.
import { fail } from '../core/errors.js'

/** Default time for the whole body to arrive, in ms. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000

/** Largest delay setTimeout honours (longer ones fire at once); anything longer means no deadline. */
export const MAX_TIMER = 2 ** 31 - 1

/** Checks the option once (configuration mistakes are TypeErrors, like every other option). */
export function checkBodyTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_BODY_TIMEOUT_MS
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) throw new TypeError('bodyTimeoutMs must be a positive number of milliseconds (Infinity: no deadline).')
  return value
}

/** Throws ERR_WEBHOOK_BODY_TIMEOUT (408) for a body that did not arrive within `ms`. */
export function timedOut(ms: number): never {
  fail('ERR_WEBHOOK_BODY_TIMEOUT', `The body did not arrive within bodyTimeoutMs (${ms} ms); the client stalled or sent it too slowly.`)
}

/**
 * Settles as `work` does, or rejects with ERR_WEBHOOK_BODY_TIMEOUT after `ms`, calling `abandon`
 * first so the reader stops. The timer is cleared either way and never keeps the process alive.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, abandon: () => void): Promise<T> {
  if (!(ms <= MAX_TIMER)) return work
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        abandon()
      } catch {
        // a broken stream object must not hide the timeout
      }
      try {
        timedOut(ms)
      } catch (error) {
        reject(error)
      }
    }, ms)
    ;(timer as { unref?: () => void }).unref?.()
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
