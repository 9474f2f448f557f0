// Body capture from a real loopback request: hookseal reading an unread Node request (and verifying
// it) vs raw-body + bare node:crypto doing the same work by hand, and the stream reader alone vs
// raw-body. Called by bench/run.mjs; also runs alone (after `npm run build`):
// `node bench/capture.mjs [--quick] [--reader | --http] [--sizes 65536,1048576,1048576c] [--rounds 9]`
// (--reader: only the reader alone; --http: only the loopback requests; a size ending in c is sent
// chunked, without Content-Length).
//
// Each mode's server runs in its own child process (bench/capture-server.mjs) that measures its own
// memory, so the client's copy of the body never counts; throughput is measured here, the client's
// cost being the same for both modes. Rounds are paired (both modes in turn, the order alternating),
// and the fastest round of each mode is kept.
import { createHmac } from 'node:crypto'
import { spawn } from 'node:child_process'
import { Readable } from 'node:stream'
import { ReadableStream } from 'node:stream/web'
import { fileURLToPath } from 'node:url'
import getRawBody from 'raw-body'
// the reader behind the package's `#stream` import under the node condition (internal, not exported)
import { readStream } from '../dist/body/stream-node.js'

// the timed modes; the server of mode `floor` (Node's delivery alone) is measured for memory only
const MODES = ['raw-body', 'hookseal', 'reader']
const MEMORY_MODES = ['floor', 'raw-body', 'hookseal']
const label = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`)
const bodyOf = (n) => Buffer.from(JSON.stringify({ data: 'x'.repeat(Math.max(0, n - 11)) }).slice(0, n))
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function serverFor(mode, secret) {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./capture-server.mjs', import.meta.url)), mode, secret], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
  return { child, url: `http://127.0.0.1:${port}/` }
}

/** The body in 16 KiB pieces with no Content-Length (Transfer-Encoding: chunked). */
const chunkedBody = (body) =>
  new ReadableStream({
    start(controller) {
      for (let i = 0; i < body.length; i += 16384) controller.enqueue(body.subarray(i, i + 16384))
      controller.close()
    },
  })

/**
 * Cases: { size, chunked }. Returns one row per case: { name, ratio (throughput hookseal ÷ raw-body,
 * wall clock), cpuRatio (bytes per second of the server's CPU time, hookseal ÷ raw-body), readerCpuRatio
 * (the same for hookseal's reader + node:crypto), floor, raw, ours ({ live, sampled }: peak memory ÷ body;
 * floor: a reader that counts Node's chunks and keeps none) } and logs a markdown table through `log`.
 */
export async function captureBench({ secret, quick = false, cases, rounds, log = console.log }) {
  cases ??= quick
    ? [{ size: 65536 }, { size: 1048576 }]
    : [{ size: 65536 }, { size: 1048576 }, { size: 16 * 1048576 }, { size: 1048576, chunked: true }]
  rounds ??= quick ? 9 : 21
  log('## Body capture from a loopback request (server in its own process)')
  log('| body | throughput: hookseal verify ÷ raw-body + node:crypto | per server CPU-second: the same | per server CPU-second: hookseal\'s reader + node:crypto ÷ raw-body + node:crypto | live peak ÷ body: Node\'s delivery alone (floor) | raw-body | hookseal | sampled peak ÷ body: floor | raw-body | hookseal |')
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  const servers = Object.fromEntries(await Promise.all([...MODES, 'floor'].map(async (m) => [m, await serverFor(m, secret)])))
  const rows = []
  try {
    for (const { size, chunked = false } of cases) {
      const body = bodyOf(size)
      const sig = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
      const n = size >= 16 * 1048576 ? 3 : size >= 1048576 ? 10 : 60
      const send = (m, measure) =>
        fetch(servers[m].url, {
          method: 'POST',
          headers: { 'x-hub-signature-256': sig, 'content-type': 'application/json', ...(measure && { 'x-measure': measure }) },
          body: chunked ? chunkedBody(body) : body,
          duplex: 'half',
        }).then(async (res) => {
          // the floor's server has no body to verify: it answers how many bytes Node delivered
          if ((await res.text()) !== (m === 'floor' ? String(size) : 'ok')) throw new Error(`${m}: the server did not verify the body`)
        })
      // warm-up, not measured
      for (const m of [...MODES, 'floor']) for (let i = 0; i < 3; i++) await send(m)
      const speed = Object.fromEntries(MODES.map((m) => [m, []]))
      const cpuSpeed = Object.fromEntries(MODES.map((m) => [m, []]))
      const cpu = async (m) => Number(await (await fetch(servers[m].url + 'cpu')).text())
      for (let r = 0; r < rounds; r++) {
        for (const m of r % 2 ? [...MODES].reverse() : MODES) {
          const cpuStart = await cpu(m)
          const start = process.hrtime.bigint()
          for (let i = 0; i < n; i++) await send(m)
          speed[m].push((n * size) / (Number(process.hrtime.bigint() - start) / 1e9))
          cpuSpeed[m].push((n * size) / ((await cpu(m)) - cpuStart))
        }
      }
      // memory, on separate untimed requests: a few to warm each way of measuring up (dropped), then
      // the measured ones; the floor's server is measured the same way (it is warmed up here)
      const peaks = async (m) => JSON.parse(await (await fetch(servers[m].url + 'peaks')).text())
      const memory = Object.fromEntries(MEMORY_MODES.map((m) => [m, {}]))
      for (const m of MEMORY_MODES) {
        for (const measure of ['sampled', 'live']) {
          for (let i = 0; i < 3; i++) await send(m, measure)
          await peaks(m)
          for (let i = 0; i < (size >= 16 * 1048576 ? 5 : 9); i++) await send(m, measure)
          memory[m][measure] = median((await peaks(m))[measure]) / size
        }
      }
      // the fastest round: other load on the machine only ever slows a round down
      const best = (xs) => Math.max(...xs)
      const ratio = best(speed.hookseal) / best(speed['raw-body'])
      const cpuRatio = best(cpuSpeed.hookseal) / best(cpuSpeed['raw-body'])
      const readerCpuRatio = best(cpuSpeed.reader) / best(cpuSpeed['raw-body'])
      const [floor, raw, ours] = [memory.floor, memory['raw-body'], memory.hookseal]
      const name = `${label(size)}${chunked ? ' chunked (no Content-Length)' : ''}`
      rows.push({ name, ratio, cpuRatio, readerCpuRatio, floor, raw, ours })
      log(`| ${name} | ${ratio.toFixed(2)}x | ${cpuRatio.toFixed(2)}x | ${readerCpuRatio.toFixed(2)}x | ${floor.live.toFixed(2)} | ${raw.live.toFixed(2)} | ${ours.live.toFixed(2)} | ${floor.sampled.toFixed(2)} | ${raw.sampled.toFixed(2)} | ${ours.sampled.toFixed(2)} |`)
    }
  } finally {
    for (const { child } of Object.values(servers)) child.kill()
  }
  log()
  log('Throughput: bytes per wall-clock second, client (fetch, in the parent) and server together, the fastest of the paired rounds. Per server CPU-second: bytes per second of the server process\'s own CPU time (user + system), which other load on the machine does not skew.')
  log()
  log('Peak = heapUsed + arrayBuffers of the server process while one body is read and verified, above its level after forced GCs at the start of that request, median over separate untimed requests. Live: what is still reachable, measured after a minor GC once the reader handled each chunk and around every Buffer.concat. Sampled: the highest value seen every millisecond, which also counts chunks Node already handed over and V8 has not collected yet, and misses what a reader holds within one event (raw-body\'s chunks plus their concatenated copy). See bench/capture-server.mjs.')
  log()
  log('Node\'s delivery alone (floor): the same measurement of a server whose reader only counts the chunks Node hands over and keeps none, so what it shows is what Node itself holds while it delivers the body (the chunk being handed over, each its own ArrayBuffer, and the request\'s own objects). A reader that returns the body as one buffer holds that buffer (1x) on top, so about the floor + 1x is the least any such reader can show.')
  log()
  return rows
}

const cpuNanos = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

/**
 * The reader alone, in this process: hookseal's Node stream reader (with its bodyTimeoutMs timer) vs
 * raw-body (no timer) on an in-memory stream handing over the chunks Node's HTTP parser does (65 342
 * bytes after the headers, then 64 KiB). CPU time per body; the fastest of many short paired rounds,
 * which other load on the machine can only slow down. Returns [{ name, ratio }] (raw-body's time ÷ ours).
 */
export async function readerBench({ quick = false, log = console.log } = {}) {
  const sizes = quick ? [1024, 65536, 1048576] : [1024, 65536, 1048576, 16 * 1048576]
  log('## The stream reader alone (in-memory stream, CPU time per body, fastest of the rounds)')
  log('| body | hookseal reader ÷ raw-body (speed) | the same without Content-Length |')
  log('| --- | --- | --- |')
  const rows = []
  for (const size of sizes) {
    const chunks = []
    for (let at = 0; at < size; ) {
      const n = Math.min(at === 0 ? 65342 : 65536, size - at)
      chunks.push(Buffer.alloc(n, 0x78))
      at += n
    }
    const stream = () => {
      let i = 0
      return new Readable({
        read() {
          this.push(i < chunks.length ? chunks[i++] : null)
        },
      })
    }
    const length = String(size)
    const contenders = {
      'raw-body': () => getRawBody(stream(), { limit: 64 * 1048576, length: size }),
      hookseal: () => readStream(stream(), 64 * 1048576, length),
      'hookseal chunked': () => readStream(stream(), 64 * 1048576, undefined),
    }
    const best = { 'raw-body': Infinity, hookseal: Infinity, 'hookseal chunked': Infinity }
    const n = Math.max(2, Math.round(2_000_000 / size))
    for (let r = 0; r < (quick ? 15 : 40); r++) {
      for (const [name, read] of Object.entries(contenders)) {
        for (let i = 0; i < 2; i++) await read()
        const start = cpuNanos()
        for (let i = 0; i < n; i++) await read()
        best[name] = Math.min(best[name], (cpuNanos() - start) / n)
      }
    }
    const row = { name: label(size), ratio: best['raw-body'] / best.hookseal, chunked: best['raw-body'] / best['hookseal chunked'] }
    rows.push(row)
    log(`| ${row.name} | ${row.ratio.toFixed(2)}x | ${row.chunked.toFixed(2)}x |`)
  }
  log()
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name)
    return i === -1 ? undefined : process.argv[i + 1]
  }
  const sizes = arg('--sizes')
  if (!process.argv.includes('--http')) await readerBench({ quick: process.argv.includes('--quick') })
  if (process.argv.includes('--reader')) process.exit(0)
  await captureBench({
    secret: 'bench-webhook-secret',
    quick: process.argv.includes('--quick'),
    cases: sizes?.split(',').map((s) => (s.endsWith('c') ? { size: Number(s.slice(0, -1)), chunked: true } : { size: Number(s) })),
    rounds: arg('--rounds') === undefined ? undefined : Number(arg('--rounds')),
  })
}
