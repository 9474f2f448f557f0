// The engine's replay check, run after the signature and the time window passed (so only signed
// deliveries ever reach the store), and never for handshakes, which have no side effects to repeat.
import { backend } from '#crypto'
import { toHex } from '../core/encoding.js'
import { fail, WebhookVerificationError } from '../core/errors.js'
import type { Scheme, VerifiedWebhook, VerifyOptions } from '../core/types.js'
import { memoryReplayStore } from './memory.js'
import { isReplayStore, type ReplayStore } from './types.js'

/** Window without a timestamp (GitHub, Shopify, …): how long a key is kept. */
const DEFAULT_TTL_SECONDS = 300

export interface ReplayFacts {
  /** The verified result (its `id` may be a lazy getter over the verified body: Stripe). */
  result: VerifiedWebhook
  /** The signed content candidates the signature was checked over. */
  contents: readonly (readonly Uint8Array[])[]
  /** Where the id came from: a signed template part, a `read` hook or the verified body count as signed. */
  idSigned: boolean
  /** The signed timestamp, when the scheme has one. */
  timestampMs: number | undefined
  /** The tolerance applied to it, in seconds. */
  toleranceSeconds: number | undefined
  nowMs: number
}

/**
 * SHA-256 over every signed-content candidate, each part length-prefixed. Used instead of the
 * signature bytes: ECDSA signatures are malleable ((r, s) and (r, n−s) both verify), and a 'token'
 * scheme's "signature" is the shared secret itself, which must not be written to a store.
 */
async function contentDigest(contents: ReplayFacts['contents']): Promise<string> {
  const parts: Uint8Array[] = []
  for (const candidate of contents) {
    parts.push(new Uint8Array([0xff]))
    for (const part of candidate) {
      const length = new Uint8Array(8)
      new DataView(length.buffer).setBigUint64(0, BigInt(part.length))
      parts.push(length, part)
    }
  }
  return toHex(await backend.digest('sha256', parts))
}

// `replay: true` shares one store per process (keys carry the scheme id), so it also protects the
// one-shot verifyWebhook(), which builds a new verifier on every call.
let shared: ReplayStore | undefined

/**
 * Turns `options.replay` into the check the engine runs, once per verifier; `undefined` when off.
 * `true` means this process's shared memoryReplayStore().
 */
export function replayGuard(option: VerifyOptions['replay'], scheme: Scheme): ((facts: ReplayFacts) => Promise<void>) | undefined {
  if (option === undefined || option === false) return undefined
  const store: ReplayStore = option === true ? (shared ??= memoryReplayStore()) : option
  if (!isReplayStore(store)) throw new TypeError('options.replay must be true or a store such as memoryReplayStore() or redisReplayStore(client).')

  return async ({ result, contents, idSigned, timestampMs, toleranceSeconds, nowMs }) => {
    // Keep a key as long as the delivery could still pass the time window; without one, 300 s.
    const ttlSeconds =
      timestampMs !== undefined && toleranceSeconds !== undefined ? Math.max(1, (timestampMs + toleranceSeconds * 1000 - nowMs) / 1000 + 1) : DEFAULT_TTL_SECONDS
    const id = result.id
    const keys: string[] = []
    if (id !== undefined) keys.push(`${scheme.id}:${id}`)
    // An id outside the signature (GitHub's X-GitHub-Delivery) can be changed by whoever replays the
    // request, so the signed content is remembered as well; it is the only key when there is no id.
    if (id === undefined || !idSigned) keys.push(`${scheme.id}:sig:${await contentDigest(contents)}`)
    for (const key of keys) {
      let first: boolean
      try {
        first = await store.checkAndRemember(key, ttlSeconds)
      } catch (error) {
        if (error instanceof WebhookVerificationError) throw error
        fail('ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE', 'The replay store could not be reached, so the delivery was not accepted; the provider will retry. Check the store (Redis) connection.', error)
      }
      if (first !== true) fail('ERR_WEBHOOK_REPLAYED', `This ${scheme.name ?? scheme.id} delivery was already accepted; a second delivery of it is refused.`)
    }
  }
}
