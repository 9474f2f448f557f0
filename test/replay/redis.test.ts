// redisReplayStore against a real redis-server on 127.0.0.1 (started here), with both client
// packages: one atomic SET NX PX per key, the TTL asked, a store that is down is refused (503), and
// two separate Node processes racing on the same deliveries: exactly one accepts each.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sign as octokitSign } from '@octokit/webhooks-methods'
import { build } from 'esbuild'
import Redis from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { redisReplayStore, type ReplayStore } from '../../src/replay/index.js'
import { available, MISSING, startRedis, type RedisServer } from './redis-server.js'

if (!available) console.warn(MISSING)

const SECRET = "It's a Secret to Everybody"
const root = fileURLToPath(new URL('../../', import.meta.url))

type Kind = 'redis' | 'ioredis'
interface Client {
  store: (options?: Parameters<typeof redisReplayStore>[1]) => ReplayStore
  pttl: (key: string) => Promise<number>
  close: () => Promise<void>
}

async function connect(kind: Kind, url: string): Promise<Client> {
  if (kind === 'redis') {
    const client = await createClient({ url }).connect()
    return { store: (o) => redisReplayStore(client, o), pttl: (k) => client.pTTL(k), close: async () => void (await client.quit()) }
  }
  const client = new Redis(url)
  await client.ping()
  return { store: (o) => redisReplayStore(client, o), pttl: (k) => client.pttl(k), close: async () => void (await client.quit()) }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return (error as WebhookVerificationError).code
}

describe.skipIf(!available)('redisReplayStore (real redis-server on 127.0.0.1)', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })

  describe.each(['redis', 'ioredis'] as const)('%s client', (kind) => {
    let client: Client
    beforeAll(async () => {
      client = await connect(kind, server.url)
    })
    afterAll(async () => {
      await client?.close()
    })

    test('first true, then false; the key is prefixed and expires after the asked TTL', async () => {
      const store = client.store({ prefix: `t:${kind}:` })
      expect(await store.checkAndRemember('a', 30)).toBe(true)
      expect(await store.checkAndRemember('a', 30)).toBe(false)
      const pttl = await client.pttl(`t:${kind}:a`)
      expect(pttl).toBeGreaterThan(25_000)
      expect(pttl).toBeLessThanOrEqual(30_000)
      expect(await store.checkAndRemember('short', 0.03)).toBe(true)
      await new Promise((r) => setTimeout(r, 80))
      expect(await store.checkAndRemember('short', 0.03)).toBe(true)
    })

    test('the default prefix, and the store ttlSeconds as a floor', async () => {
      const store = client.store({ ttlSeconds: 600 })
      expect(await store.checkAndRemember(`floor-${kind}`, 1)).toBe(true)
      expect(await client.pttl(`hookseal:replay:floor-${kind}`)).toBeGreaterThan(590_000)
    })

    test('through verifyWebhook: a GitHub delivery accepted once, then ERR_WEBHOOK_REPLAYED', async () => {
      const body = JSON.stringify({ zen: `Keep it logically awesome (${kind})` })
      const delivery = { headers: { 'X-Hub-Signature-256': await octokitSign(SECRET, body), 'X-GitHub-Delivery': `d-${kind}` }, body }
      const replay = client.store({ prefix: `v:${kind}:` })
      const ok = await verifyWebhook(delivery, 'github', SECRET, { replay })
      expect(ok.id).toBe(`d-${kind}`)
      expect(await client.pttl(`v:${kind}:github:d-${kind}`)).toBeGreaterThan(290_000)
      expect(await codeOf(verifyWebhook(delivery, 'github', SECRET, { replay }))).toBe('ERR_WEBHOOK_REPLAYED')
    })

    test('a closed connection is ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE (503), never an accept', async () => {
      const other = await connect(kind, server.url)
      const replay = other.store({ prefix: `c:${kind}:` })
      await other.close()
      const body = '{"closed":true}'
      const error = await verifyWebhook({ headers: { 'X-Hub-Signature-256': await octokitSign(SECRET, body) }, body }, 'github', SECRET, { replay }).then(
        () => undefined,
        (e: unknown) => e as WebhookVerificationError,
      )
      expect({ code: error?.code, status: error?.status }).toEqual({ code: 'ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE', status: 503 })
    })
  })

  test('anything that is not a redis or ioredis client is a TypeError', () => {
    for (const bad of [undefined, {}, { set: 1 }, { set: () => 'OK' }, 'redis://127.0.0.1']) {
      expect(() => redisReplayStore(bad as never)).toThrow(TypeError)
    }
  })

  describe('two Node processes racing on the same deliveries', () => {
    let dir: string
    let child: string
    beforeAll(async () => {
      dir = mkdtempSync(`${root}node_modules/.cache-hookseal-race-`)
      child = `${dir}/race-child.mjs`
      await build({
        entryPoints: [fileURLToPath(new URL('./race-child.ts', import.meta.url))],
        outfile: child,
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
        plugins: [
          {
            name: 'hookseal-imports',
            setup(b) {
              b.onResolve({ filter: /^#crypto$/ }, () => ({ path: `${root}src/crypto/node.ts` }))
              b.onResolve({ filter: /^#stream$/ }, () => ({ path: `${root}src/body/stream-node.ts` }))
            },
          },
        ],
      })
    })
    afterAll(() => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
    })

    function replica(job: object): { ready: Promise<void>; go: () => void; done: Promise<string[]> } {
      const proc = spawn(process.execPath, [child], { stdio: ['pipe', 'pipe', 'inherit'] })
      let out = ''
      let onReady: () => void
      const ready = new Promise<void>((r) => (onReady = r))
      const done = new Promise<string[]>((resolve, reject) => {
        proc.stdout.setEncoding('utf8')
        proc.stdout.on('data', (chunk: string) => {
          out += chunk
          if (out.startsWith('ready\n')) onReady()
        })
        proc.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length)) as string[]) : reject(new Error(`replica exited with ${code}`))))
      })
      proc.stdin.write(JSON.stringify(job) + '\n')
      return { ready, go: () => proc.stdin.write('go\n'), done }
    }

    test.each([['redis', 'redis'], ['ioredis', 'ioredis'], ['redis', 'ioredis']] as const)('%s vs %s: each delivery is accepted by exactly one', async (a, b) => {
      const deliveries = await Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const body = JSON.stringify({ action: 'opened', number: i, race: `${a}-${b}` })
          return { headers: { 'X-Hub-Signature-256': await octokitSign(SECRET, body), 'X-GitHub-Delivery': `race-${a}-${b}-${i}` }, body }
        }),
      )
      const replicas = [replica({ kind: a, url: server.url, secret: SECRET, deliveries }), replica({ kind: b, url: server.url, secret: SECRET, deliveries })]
      await Promise.all(replicas.map((r) => r.ready))
      for (const r of replicas) r.go()
      const [first, second] = await Promise.all(replicas.map((r) => r.done))
      for (let i = 0; i < deliveries.length; i++) {
        const pair = [first![i], second![i]].sort()
        expect(pair, `delivery ${i}`).toEqual(['ERR_WEBHOOK_REPLAYED', 'ok'])
      }
    })
  })
})

describe.skipIf(available)('redisReplayStore', () => {
  test.skip(MISSING, () => {})
})
