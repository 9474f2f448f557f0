// Child of bench/run.mjs (started with --expose-gc): one HTTP server that captures and verifies each
// request body either with raw-body + bare node:crypto (the same work done by hand) or with hookseal's
// verify, and measures its own peak memory per request, so the
// client's buffers (in the parent) never count. Peak = the highest heapUsed + arrayBuffers seen while
// a body is read (sampled every millisecond), above what the process held right after a forced GC at
// the start of that request.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import getRawBody from 'raw-body'
import { createVerifier } from 'hookseal'

const [mode, secret] = process.argv.slice(2)
const verifier = createVerifier('github', secret, { maxBodyBytes: 64 * 1048576 })
const used = () => {
  const u = process.memoryUsage()
  return u.heapUsed + u.arrayBuffers
}
let peaks = []

const server = createServer(async (req, res) => {
  if (req.url === '/peaks') {
    res.end(JSON.stringify(peaks))
    peaks = []
    return
  }
  globalThis.gc()
  const base = used()
  let peak = 0
  const sample = () => (peak = Math.max(peak, used() - base))
  const timer = setInterval(sample, 1)
  try {
    if (mode === 'raw-body') {
      const body = await getRawBody(req, { limit: 64 * 1048576, length: req.headers['content-length'] })
      const given = Buffer.from(String(req.headers['x-hub-signature-256']).slice(7), 'hex')
      if (!timingSafeEqual(createHmac('sha256', secret).update(body).digest(), given)) throw new Error('bad signature')
    } else await verifier.verify(req)
    sample()
  } finally {
    clearInterval(timer)
  }
  peaks.push(peak)
  res.end('ok')
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
