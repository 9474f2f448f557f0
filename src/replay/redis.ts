// A replay store shared by every replica: one atomic `SET key 1 NX PX <ms>` per delivery key
// (https://redis.io/docs/latest/commands/set/ : NX sets only when absent and replies nil otherwise).
// Takes a connected client of either common package; hookseal depends on neither.
import { checkTtl, type ReplayStore } from './types.js'

/** The official `redis` package (v4/v5): `set(key, value, { NX: true, PX: ms })`. */
export interface NodeRedisLike {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<unknown>
}

/** `ioredis`: `set(key, value, 'PX', ms, 'NX')`. */
export interface IoRedisLike {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<unknown>
}

/** Options for `redisReplayStore`. */
export interface RedisReplayStoreOptions {
  /** Prepended to every key. Default: 'hookseal:replay:'. */
  prefix?: string
  /** Least time a key is kept, in seconds. The engine asks for the scheme's window (300 s without one); the longer wins. */
  ttlSeconds?: number
}

type Flavour = 'ioredis' | 'node-redis'

/**
 * ioredis clients (Redis and Cluster) have `defineCommand` and `pipeline`; node-redis clients
 * (createClient, createCluster) have neither but carry `isOpen`. Detected once, when the store is created.
 */
function flavourOf(client: unknown): Flavour {
  if (typeof client !== 'object' || client === null || typeof (client as { set?: unknown }).set !== 'function') {
    throw new TypeError('redisReplayStore needs a client of the `redis` package (createClient()) or of `ioredis` (new Redis()).')
  }
  const c = client as Record<string, unknown>
  if (typeof c.defineCommand === 'function' && typeof c.pipeline === 'function') return 'ioredis'
  if ('isOpen' in c || typeof c.sendCommand === 'function') return 'node-redis'
  throw new TypeError('redisReplayStore could not tell the client apart: pass a client of the `redis` package or of `ioredis`.')
}

/**
 * A ReplayStore in Redis, for functions running as several replicas: exactly one of them accepts
 * a given delivery. The client must be connected (node-redis: `await client.connect()`).
 *
 * @example
 * import { createClient } from 'redis'
 * const client = await createClient({ url: process.env.REDIS_URL }).connect()
 * const stripe = createVerifier('stripe', secret, { replay: redisReplayStore(client) })
 */
export function redisReplayStore(client: NodeRedisLike | IoRedisLike, options: RedisReplayStoreOptions = {}): ReplayStore {
  const flavour = flavourOf(client)
  if (typeof options !== 'object' || options === null) throw new TypeError('redisReplayStore options must be an object.')
  const prefix = options.prefix ?? 'hookseal:replay:'
  if (typeof prefix !== 'string') throw new TypeError('redisReplayStore: prefix must be a string.')
  const minTtl = checkTtl(options.ttlSeconds, 'redisReplayStore') ?? 0
  return {
    async checkAndRemember(key: string, ttlSeconds: number): Promise<boolean> {
      const ms = Math.max(1, Math.ceil(Math.max(ttlSeconds, minTtl) * 1000))
      const reply =
        flavour === 'ioredis'
          ? await (client as IoRedisLike).set(prefix + key, '1', 'PX', ms, 'NX')
          : await (client as NodeRedisLike).set(prefix + key, '1', { NX: true, PX: ms })
      // 'OK' when set, null when the key existed; anything else means the client is not what we think.
      if (reply === 'OK') return true
      if (reply === null) return false
      throw new TypeError('The Redis client answered SET … NX with neither OK nor nil.')
    },
  }
}
