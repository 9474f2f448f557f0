// The in-process replay store: a Map from key to expiry, bounded by `max`. Right for a single
// process; functions running as several replicas need a shared store (redisReplayStore).
import { checkTtl, type ReplayStore } from './types.js'

/** Options for `memoryReplayStore`. */
export interface MemoryReplayStoreOptions {
  /** Most keys kept; when full, expired keys go first, then the oldest. Default: 10,000. */
  max?: number
  /** Least time a key is kept, in seconds. The engine asks for the scheme's window (300 s without one); the longer wins. */
  ttlSeconds?: number
  /** The clock, ms since the epoch (tests). Default: `Date.now`. */
  now?: () => number
}

const DEFAULT_MAX = 10_000

/**
 * An in-memory ReplayStore. Keys only enter after a signature verified, so an attacker cannot fill
 * it; size `max` above the deliveries expected within one window, since evicting a live key early
 * would let that delivery be replayed.
 *
 * @example
 * const github = createVerifier('github', secret, { replay: memoryReplayStore({ max: 50_000 }) })
 */
export function memoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('memoryReplayStore options must be an object.')
  const max = options.max ?? DEFAULT_MAX
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('memoryReplayStore: max must be a positive integer.')
  const minTtl = checkTtl(options.ttlSeconds, 'memoryReplayStore') ?? 0
  const now = options.now ?? Date.now
  if (typeof now !== 'function') throw new TypeError('memoryReplayStore: now must be a function returning milliseconds.')
  // Insertion order is (nearly) expiry order, since every key of a store gets a similar TTL.
  const expiries = new Map<string, number>()

  function makeRoom(at: number): void {
    for (const [key, expiry] of expiries) {
      if (expiries.size < max) return
      if (expiry > at) break
      expiries.delete(key)
    }
    while (expiries.size >= max) expiries.delete(expiries.keys().next().value!)
  }

  return {
    checkAndRemember(key: string, ttlSeconds: number): Promise<boolean> {
      // Synchronous up to here, so two verifications in one process cannot interleave.
      const at = now()
      const expiry = expiries.get(key)
      if (expiry !== undefined && expiry > at) return Promise.resolve(false)
      expiries.delete(key) // an expired key is re-inserted at the end, keeping the order
      makeRoom(at)
      expiries.set(key, at + Math.max(ttlSeconds, minTtl) * 1000)
      return Promise.resolve(true)
    },
  }
}
