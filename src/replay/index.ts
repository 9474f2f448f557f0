// Replay protection: remember each verified delivery for as long as it could be accepted.
export type { ReplayStore } from './types.js'
export { memoryReplayStore, type MemoryReplayStoreOptions } from './memory.js'
export { redisReplayStore, type RedisReplayStoreOptions, type NodeRedisLike, type IoRedisLike } from './redis.js'
