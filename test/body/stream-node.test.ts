// The Node stream reader (src/body/stream-node.ts) at its edges, over real sockets on 127.0.0.1 where
// a socket can do it: bodies in many chunks with and without Content-Length, a declared length the
// bytes do not match, the limit at the byte, a client that goes away mid-body, a stall, and streams a
// middleware already touched (paused, setEncoding, object mode). After every outcome no listener of
// ours is left on the request.
import { connect } from 'node:net'
import { Readable } from 'node:stream'
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { readStream } from '../../src/body/stream-node.js'
import { verifyWebhook, type VerifyOptions } from '../../src/index.js'
import { outcomeOf, SECRET, send, signature, startServer, type Outcome, type TestServer } from './helpers.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const EVENTS = ['data', 'end', 'error', 'close', 'aborted'] as const
const listeners = (stream: NodeJS.EventEmitter) => EVENTS.map((e) => stream.listenerCount(e))

/** What the request looked like once verification settled. */
interface After {
  listenersBefore: number[]
  listenersAfter: number[]
  destroyed: boolean
  paused: boolean
}

/** A github-preset server that also records, per request, the listeners and state after verifying. */
async function github(options: VerifyOptions = {}) {
  const after: After[] = []
  server = await startServer(async (req) => {
    const listenersBefore = listeners(req)
    try {
      return await verifyWebhook(req, 'github', SECRET, options)
    } finally {
      after.push({ listenersBefore, listenersAfter: listeners(req), destroyed: req.destroyed, paused: req.isPaused() })
    }
  })
  return { s: server, after }
}

/** Bytes for a body of `size`, not all one value (so a misplaced chunk shows). */
function bodyOf(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + (i >> 8)) & 0xff
  return out
}

/** A verified body equal to `want` (compared as Buffers: a deep toEqual of 300 KiB takes a second). */
function expectBytes(outcome: Outcome, want: Uint8Array): void {
  expect(outcome.ok).toBe(true)
  if (outcome.ok) expect(Buffer.compare(outcome.rawBody, want)).toBe(0)
}

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

/**
 * Writes a raw HTTP/1.1 request on a TCP socket to 127.0.0.1: the head, then `body`, then half-closes
 * (`end`) or leaves the socket open. For what an HTTP client will not send: fewer bytes than declared.
 */
function sendRaw(port: number, head: Record<string, string | number>, body: Uint8Array, close: 'end' | 'open' = 'end'): void {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  socket.on('data', () => {})
  const lines = ['POST /hook HTTP/1.1', 'host: 127.0.0.1', ...Object.entries(head).map(([k, v]) => `${k}: ${v}`), '', '']
  socket.write(lines.join('\r\n'))
  socket.write(body, () => {
    if (close === 'end') socket.end()
  })
}

describe('bodies in many chunks', () => {
  test('with Content-Length: 300 KiB in 30 KiB pieces arrive byte for byte', async () => {
    const { s, after } = await github()
    const body = bodyOf(300 * 1024)
    send(s.port, { headers: { 'content-length': body.length, 'x-hub-signature-256': signature(body) }, chunks: pieces(body, 30 * 1024) })
    expectBytes(await s.next(), body)
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('chunked, no Content-Length: 300 KiB in 30 KiB pieces', async () => {
    const { s, after } = await github()
    const body = bodyOf(300 * 1024)
    send(s.port, { headers: { 'x-hub-signature-256': signature(body) }, chunks: pieces(body, 30 * 1024) })
    expectBytes(await s.next(), body)
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('chunked with no chunk at all: an empty body', async () => {
    const { s } = await github()
    send(s.port, { headers: { 'transfer-encoding': 'chunked', 'x-hub-signature-256': signature('') }, chunks: [] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(0) })
  })
})

describe('a Content-Length the bytes do not match', () => {
  test('fewer bytes, then the client closes its side: BODY_UNREADABLE', async () => {
    const { s, after } = await github()
    sendRaw(s.port, { 'content-length': 10, 'x-hub-signature-256': signature('abcdefghij') }, new TextEncoder().encode('abcde'))
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE', status: 400 })
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('more bytes on the socket than declared: the body is the declared bytes, the rest is not read into it', async () => {
    const { s } = await github()
    sendRaw(s.port, { 'content-length': 3, 'x-hub-signature-256': signature('abc') }, new TextEncoder().encode('abcdef'), 'open')
    expect(await s.next()).toEqual({ ok: true, rawBody: new TextEncoder().encode('abc') })
  })

  test('a stream that yields more bytes than its content-length header: BODY_UNREADABLE', async () => {
    const stream = Object.assign(Readable.from([Buffer.from('abc'), Buffer.from('def')]), { headers: { 'content-length': '4', 'x-hub-signature-256': signature('abcd') } })
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
    expect(listeners(stream)).toEqual([0, 0, 0, 0, 0])
  })

  test('a stream that ends short of its content-length header: BODY_UNREADABLE', async () => {
    const stream = Object.assign(Readable.from([Buffer.from('abc')]), { headers: { 'content-length': '4', 'x-hub-signature-256': signature('abcd') } })
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
  })
})

describe('maxBodyBytes at the byte', () => {
  const LIMIT = 1000
  const exact = bodyOf(LIMIT)
  const over = bodyOf(LIMIT + 1)

  test('exactly the limit in many pieces, with and without Content-Length: ok', async () => {
    const { s } = await github({ maxBodyBytes: LIMIT })
    send(s.port, { headers: { 'content-length': LIMIT, 'x-hub-signature-256': signature(exact) }, chunks: pieces(exact, 99) })
    expect(await s.next()).toEqual({ ok: true, rawBody: exact })
    send(s.port, { headers: { 'x-hub-signature-256': signature(exact) }, chunks: pieces(exact, 99) })
    expect(await s.next()).toEqual({ ok: true, rawBody: exact })
  })

  test('one byte over, chunked, in many pieces and then ended: TOO_LARGE, reading stops', async () => {
    const { s, after } = await github({ maxBodyBytes: LIMIT })
    send(s.port, { headers: { 'x-hub-signature-256': signature(over) }, chunks: pieces(over, 99) })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
    expect(after[0]).toMatchObject({ destroyed: false, paused: true })
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('Content-Length one over: TOO_LARGE before any byte, the stream left paused and not destroyed', async () => {
    const { s, after } = await github({ maxBodyBytes: LIMIT })
    send(s.port, { headers: { 'content-length': LIMIT + 1, 'x-hub-signature-256': signature(over) }, chunks: [], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
    expect(after[0]).toMatchObject({ destroyed: false, paused: true })
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })
})

describe('a client that goes away, a stall', () => {
  test('abort after part of a large Content-Length body (the buffer already allocated): BODY_UNREADABLE', async () => {
    const { s, after } = await github()
    const body = bodyOf(200 * 1024)
    send(s.port, { headers: { 'content-length': body.length, 'x-hub-signature-256': signature(body) }, chunks: pieces(body, 16 * 1024).slice(0, 5), abort: true })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE', status: 400 })
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('a stall mid-body: TIMEOUT, the request left paused, not destroyed, without our listeners', async () => {
    const { s, after } = await github({ bodyTimeoutMs: 150 })
    send(s.port, { headers: { 'content-length': 100, 'x-hub-signature-256': signature('x'.repeat(100)) }, chunks: ['x'.repeat(40)], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
    expect(after[0]).toMatchObject({ destroyed: false, paused: true })
    expect(after[0]!.listenersAfter).toEqual(after[0]!.listenersBefore)
  })

  test('a stream destroyed mid-body without an error: BODY_UNREADABLE, not a hang', async () => {
    const stream = new Readable({ read() {} })
    stream.push('abc')
    const reading = readStream(stream, 1024, undefined, Number.POSITIVE_INFINITY)
    setTimeout(() => stream.destroy(), 5)
    await expect(reading).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
    expect(listeners(stream)).toEqual([0, 0, 0, 0, 0])
  })
})

describe('streams a middleware touched', () => {
  test('a paused request is still read', async () => {
    server = await startServer(async (req: IncomingMessage) => {
      req.pause()
      return verifyWebhook(req, 'github', SECRET)
    })
    send(server.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['abc'] })
    expect(await server.next()).toEqual({ ok: true, rawBody: new TextEncoder().encode('abc') })
  })

  test('setEncoding was called: BODY_NOT_RAW (decoded text is not the bytes), nothing read', async () => {
    server = await startServer(async (req: IncomingMessage) => {
      req.setEncoding('utf8')
      return verifyWebhook(req, 'github', SECRET)
    })
    send(server.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['abc'] })
    expect(await server.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW', status: 400 })
  })

  test('object mode: Uint8Array chunks are the bytes, string chunks their UTF-8', async () => {
    const text = 'héllo 👋'
    const want = new Uint8Array([...Buffer.from('{"a":'), ...new Uint8Array([0xff, 0x00]), ...Buffer.from(text)])
    const stream = Object.assign(Readable.from([Buffer.from('{"a":'), new Uint8Array([0xff, 0x00]), text]), { headers: { 'x-hub-signature-256': signature(want) } })
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toEqual({ ok: true, rawBody: want })
  })

  test('object mode yielding objects: BODY_UNREADABLE', async () => {
    const stream = Object.assign(Readable.from([{ a: 1 }]), { headers: { 'x-hub-signature-256': signature('{"a":1}') } })
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
    expect(listeners(stream)).toEqual([0, 0, 0, 0, 0])
  })
})

describe('readStream itself', () => {
  test('always answers with a promise, also when it refuses at once', async () => {
    const gone = new Readable({ read() {} })
    gone.destroy()
    const ended = Readable.from([])
    for await (const _ of ended) {
      // drain
    }
    const decoding = new Readable({ read() {} }).setEncoding('utf8')
    for (const [stream, code] of [
      [gone, 'ERR_WEBHOOK_BODY_UNREADABLE'],
      [ended, 'ERR_WEBHOOK_BODY_NOT_RAW'],
      [decoding, 'ERR_WEBHOOK_BODY_NOT_RAW'],
    ] as const) {
      const reading = readStream(stream, 10, undefined)
      expect(reading).toBeInstanceOf(Promise)
      await expect(reading).rejects.toMatchObject({ code })
    }
    const large = new Readable({ read() {} })
    const refused = readStream(large, 10, '11')
    expect(refused).toBeInstanceOf(Promise)
    await expect(refused).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
    expect(large.destroyed).toBe(false)
  })

  test('objects that only look like streams: only our error, as a rejection', async () => {
    const throwing = { on() {}, pipe() {}, get destroyed(): boolean { throw new Error('getter') } }
    await expect(readStream(throwing, 10, undefined)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
    const onThrows = { on() { throw new Error('on') }, pipe() {} }
    await expect(readStream(onThrows, 10, undefined)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
    // no resume, pause, unpipe or removeListener, and never a chunk: the deadline answers
    const silent = { on() {}, pipe() {} }
    await expect(readStream(silent, 10, undefined, 20)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_TIMEOUT' })
  })

  test('a body that arrives as one chunk of exactly Content-Length is returned as that chunk (no copy)', async () => {
    const chunk = Buffer.from('abcdef')
    const stream = Readable.from([chunk], { objectMode: false })
    const bytes = await readStream(stream, 10, '6')
    expect(Buffer.from(bytes).equals(chunk)).toBe(true)
    expect(bytes.buffer).toBe(chunk.buffer)
  })

  test('bodyTimeoutMs Infinity: no deadline, the body still reads', async () => {
    const stream = Readable.from([Buffer.from('ab'), Buffer.from('cd')], { objectMode: false })
    expect(Buffer.from(await readStream(stream, 10, undefined, Number.POSITIVE_INFINITY)).toString()).toBe('abcd')
  })
})
