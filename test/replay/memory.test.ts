// memoryReplayStore: first sight true, again false; keys kept for the longer of the asked TTL and
// the store's own; bounded by `max` (expired keys go first, then the oldest); config checked once.
import { describe, expect, test } from 'vitest'
import { memoryReplayStore } from '../../src/replay/index.js'

function clock(start = 1_700_000_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('memoryReplayStore', () => {
  test('first delivery true, a second false, other keys independent', async () => {
    const store = memoryReplayStore()
    expect(await store.checkAndRemember('a', 10)).toBe(true)
    expect(await store.checkAndRemember('a', 10)).toBe(false)
    expect(await store.checkAndRemember('b', 10)).toBe(true)
    expect(await store.checkAndRemember('A', 10)).toBe(true)
  })

  test('a key is kept exactly for its TTL (injected clock)', async () => {
    const c = clock()
    const store = memoryReplayStore({ now: c.now })
    expect(await store.checkAndRemember('k', 10)).toBe(true)
    c.advance(9_999)
    expect(await store.checkAndRemember('k', 10)).toBe(false)
    c.advance(1)
    // expired: remembered again, from now on
    expect(await store.checkAndRemember('k', 10)).toBe(true)
    c.advance(9_999)
    expect(await store.checkAndRemember('k', 10)).toBe(false)
  })

  test('the store ttlSeconds is a floor: the longer of it and the asked TTL wins', async () => {
    const c = clock()
    const store = memoryReplayStore({ now: c.now, ttlSeconds: 60 })
    await store.checkAndRemember('short', 1)
    await store.checkAndRemember('long', 120)
    c.advance(59_000)
    expect(await store.checkAndRemember('short', 1)).toBe(false)
    c.advance(1_000)
    expect(await store.checkAndRemember('short', 1)).toBe(true)
    c.advance(59_000)
    expect(await store.checkAndRemember('long', 120)).toBe(false)
  })

  test('bounded: at max, expired keys go first', async () => {
    const c = clock()
    const store = memoryReplayStore({ max: 3, now: c.now })
    await store.checkAndRemember('old1', 1)
    await store.checkAndRemember('old2', 1)
    await store.checkAndRemember('live', 100)
    c.advance(2_000)
    expect(await store.checkAndRemember('new', 100)).toBe(true)
    // 'live' survived: only the expired keys made room
    expect(await store.checkAndRemember('live', 100)).toBe(false)
    expect(await store.checkAndRemember('new', 100)).toBe(false)
  })

  test('bounded: at max with every key live, the oldest is evicted and never more than max are kept', async () => {
    const c = clock()
    const store = memoryReplayStore({ max: 3, now: c.now })
    for (const k of ['k1', 'k2', 'k3', 'k4']) expect(await store.checkAndRemember(k, 100)).toBe(true)
    // k1 was evicted to make room for k4; k2..k4 are still known
    for (const k of ['k3', 'k4']) expect(await store.checkAndRemember(k, 100)).toBe(false)
    expect(await store.checkAndRemember('k1', 100)).toBe(true) // evicts k2
    expect(await store.checkAndRemember('k2', 100)).toBe(true) // evicts k3
    expect(await store.checkAndRemember('k4', 100)).toBe(false)
  })

  test('many keys stay bounded', async () => {
    const c = clock()
    const store = memoryReplayStore({ max: 100, now: c.now })
    for (let i = 0; i < 5_000; i++) await store.checkAndRemember(`key-${i}`, 300)
    // the last 100 are remembered, the one before them is not
    for (let i = 4_900; i < 5_000; i++) expect(await store.checkAndRemember(`key-${i}`, 300)).toBe(false)
    expect(await store.checkAndRemember('key-4899', 300)).toBe(true)
  })

  test('configuration mistakes are TypeErrors when the store is created', () => {
    for (const bad of [{ max: 0 }, { max: 1.5 }, { max: -1 }, { ttlSeconds: 0 }, { ttlSeconds: Number.NaN }, { ttlSeconds: '60' }, { now: 5 }]) {
      expect(() => memoryReplayStore(bad as never), JSON.stringify(bad)).toThrow(TypeError)
    }
    expect(() => memoryReplayStore(null as never)).toThrow(TypeError)
  })
})
