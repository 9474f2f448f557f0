// Child of bench/capture.mjs (started with --expose-gc): one HTTP server that captures and verifies
// each request body with raw-body + bare node:crypto (the same work done by hand), with hookseal's
// verify, or (mode `reader`) with hookseal's stream reader + bare node:crypto, which tells the
// reader's share of the difference from the rest of verify's, or (mode `floor`, memory only) with a
// reader that only counts the chunks Node hands over and keeps none of them: what Node's own delivery
// of the body costs before any reader copies it, the floor of every other mode. GET /cpu answers its
// CPU time so far (µs); GET /peaks the memory peaks of the measured requests since the last call.
// Timed requests measure nothing (no forced GC, no sampling).
// Requests sent with `x-measure: sampled` or `x-measure: live` measure the server's own memory, so the
// client's buffers (in the parent) never count: heapUsed + arrayBuffers above what the process held
// after forced GCs at the start of that request.
//
// - sampled: the highest value seen every millisecond and at the end. It counts garbage V8 has not
//   collected yet (each chunk Node's HTTP parser hands over is its own ArrayBuffer, freed only by a
//   later GC, whose timing V8 picks), and misses what a reader holds for a moment within one event
//   (raw-body's chunks plus their Buffer.concat copy).
// - live: what is still reachable, sampled after a minor GC (which frees dead young ArrayBuffers at
//   once) after the reader handled each chunk, before and after every Buffer.concat, and at the end.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import { setImmediate } from 'node:timers'
import getRawBody from 'raw-body'
import { createVerifier } from 'hookseal'
// the reader behind the package's `#stream` import under the node condition (internal, not exported)
import { readStream } from '../dist/body/stream-node.js'

const [mode, secret] = process.argv.slice(2)
const verifier = createVerifier('github', secret, { maxBodyBytes: 64 * 1048576 })
const used = () => {
  const u = process.memoryUsage()
  return u.heapUsed + u.arrayBuffers
}
const tick = () => new Promise((resolve) => setImmediate(resolve))
let peaks = { sampled: [], live: [] }

// While a live request runs: a sample after a minor GC.
let liveSample
const minor = () => {
  globalThis.gc({ type: 'minor' })
  liveSample?.()
}
const concat = Buffer.concat
Buffer.concat = function (list, length) {
  if (liveSample !== undefined) minor()
  const result = concat.call(this, list, length)
  if (liveSample !== undefined) minor()
  return result
}

const check = (req) => (body) => {
  const given = Buffer.from(String(req.headers['x-hub-signature-256']).slice(7), 'hex')
  if (!timingSafeEqual(createHmac('sha256', secret).update(body).digest(), given)) throw new Error('bad signature')
}
// Node's delivery alone: every chunk counted, none kept. There is no body to verify: the server
// answers the byte count instead of 'ok' and the client checks it (a header saying the size would
// change where Node splits the body into chunks, and so what is measured).
let delivered = 0
const countChunks = (req) =>
  new Promise((resolve, reject) => {
    delivered = 0
    req.on('data', (chunk) => (delivered += chunk.length))
    req.on('error', reject)
    req.on('end', resolve)
  })
const answer = () => (mode === 'floor' ? String(delivered) : 'ok')
const capture = (req) => {
  if (mode === 'floor') return countChunks(req)
  if (mode === 'hookseal') return verifier.verify(req)
  if (mode === 'reader') return readStream(req, 64 * 1048576, req.headers['content-length']).then(check(req))
  return getRawBody(req, { limit: 64 * 1048576, length: req.headers['content-length'] }).then(check(req))
}

const server = createServer(async (req, res) => {
  if (req.url === '/cpu') {
    const { user, system } = process.cpuUsage()
    res.end(String(user + system))
    return
  }
  if (req.url === '/peaks') {
    res.end(JSON.stringify(peaks))
    peaks = { sampled: [], live: [] }
    return
  }
  const measure = req.headers['x-measure']
  if (measure !== 'sampled' && measure !== 'live') {
    await capture(req)
    res.end(answer())
    return
  }
  // (the previous measured request left nothing behind: see below)
  globalThis.gc()
  const base = used()
  let peak = 0
  const sample = () => (peak = Math.max(peak, used() - base))
  let timer
  if (measure === 'sampled') timer = setInterval(sample, 1)
  else {
    liveSample = sample
    // after every 'data' event, once the reader's listener handled the chunk (wrapping emit rather
    // than adding a listener, which would start the flow before the reader listens)
    const emit = req.emit
    req.emit = function (event, ...args) {
      const result = emit.call(this, event, ...args)
      if (event === 'data') minor()
      return result
    }
  }
  try {
    await capture(req)
    if (measure === 'live') minor()
    else sample()
  } finally {
    clearInterval(timer)
    liveSample = undefined
  }
  peaks[measure].push(peak)
  // A full GC frees old ArrayBuffers' memory a little later (swept off the main thread), so the next
  // request would start with this one's body still counted and see it go: collect, let the sweep
  // finish, collect again, before answering (the client sends the next request after the answer).
  globalThis.gc()
  await tick()
  globalThis.gc()
  res.end(answer())
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
