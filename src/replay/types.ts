/**
 * Where verified delivery keys are remembered. One operation, so a store can make it atomic
 * (Redis `SET key value NX PX ms`): two replicas racing on the same delivery can never both win.
 */
export interface ReplayStore {
  /**
   * Records `key` for at least `ttlSeconds` and resolves `true` when it was not already recorded
   * (the first delivery), `false` when it was (a replay). Rejecting makes verification fail with
   * ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE: a store that cannot answer never lets a request through.
   */
  checkAndRemember(key: string, ttlSeconds: number): Promise<boolean>
}

/** Whether a value can serve as a ReplayStore. */
export function isReplayStore(value: unknown): value is ReplayStore {
  return typeof value === 'object' && value !== null && typeof (value as ReplayStore).checkAndRemember === 'function'
}

/** Checks a `ttlSeconds` option once, when a store is created. */
export function checkTtl(ttlSeconds: unknown, what: string): number | undefined {
  if (ttlSeconds === undefined) return undefined
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new TypeError(`${what}.ttlSeconds must be a positive number of seconds.`)
  return ttlSeconds
}
