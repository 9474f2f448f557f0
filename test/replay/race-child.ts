// One replica in the race test (bundled by test/replay/redis.test.ts with esbuild and run as its
// own Node process): reads `{ kind, url, secret, deliveries }` as JSON on stdin, connects, prints
// "ready", waits for "go", verifies every delivery with a redisReplayStore and prints the outcomes.
import Redis from 'ioredis'
import { createClient } from 'redis'
import { createVerifier } from '../../src/core/verify.js'
import { redisReplayStore } from '../../src/replay/index.js'

interface Job {
  kind: 'redis' | 'ioredis'
  url: string
  secret: string
  deliveries: { headers: Record<string, string>; body: string }[]
}

function lines(): AsyncIterator<string> {
  let buffer = ''
  const queue: string[] = []
  let wake: (() => void) | undefined
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    buffer += chunk
    let at: number
    while ((at = buffer.indexOf('\n')) >= 0) {
      queue.push(buffer.slice(0, at))
      buffer = buffer.slice(at + 1)
    }
    wake?.()
  })
  return {
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r))
      return { value: queue.shift()!, done: false }
    },
  }
}

const input = lines()
const job = JSON.parse((await input.next()).value as string) as Job
const node = job.kind === 'redis' ? await createClient({ url: job.url }).connect() : undefined
const io = job.kind === 'ioredis' ? new Redis(job.url) : undefined
if (io !== undefined) await io.ping()
const verifier = createVerifier('github', job.secret, { replay: redisReplayStore((node ?? io)!) })
process.stdout.write('ready\n')
await input.next()
const outcomes = await Promise.all(
  job.deliveries.map((d) =>
    verifier.verify(d).then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? 'unknown',
    ),
  ),
)
process.stdout.write(JSON.stringify(outcomes) + '\n')
await node?.quit()
io?.disconnect()
process.exit(0)
