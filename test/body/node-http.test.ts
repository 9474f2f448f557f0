// Node requests through a real http.createServer on 127.0.0.1: an unread IncomingMessage read by
// src/body/stream-node.ts, the shapes middlewares leave behind (express.raw/text/json, Express 4's
// `{}`, Google Cloud Functions' rawBody), size limits while streaming, and a client that disappears
// mid-body.
import { Readable } from 'node:stream'
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { captureRequest } from '../../src/body/index.js'
import { verifyWebhook, type VerifyOptions } from '../../src/index.js'
import { outcomeOf, SECRET, send, signature, startServer, type TestServer } from './helpers.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A server that verifies each request with the github preset after `prepare` ran on it. */
async function github(options: VerifyOptions = {}, prepare?: (req: IncomingMessage) => Promise<void>) {
  server = await startServer(async (req) => {
    await prepare?.(req)
    return verifyWebhook(req, 'github', SECRET, options)
  })
  return server
}

/** Reads the whole request the way a body parser would (consuming the stream). */
async function consume(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

// Bytes that break anything that decodes to a string and back: invalid UTF-8, CRLF, NUL, emoji.
const BINARY = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x0d, 0x0a, 0x00, 0xf0, 0x9f, 0x98, 0x80, 0x22, 0x7d])

describe('unread IncomingMessage', () => {
  test('with Content-Length: the exact bytes verify', async () => {
    const s = await github()
    send(s.port, { headers: { 'content-length': BINARY.length, 'x-hub-signature-256': signature(BINARY) }, chunks: [BINARY] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('chunked, no Content-Length, in several pieces', async () => {
    const s = await github()
    send(s.port, { headers: { 'x-hub-signature-256': signature(BINARY) }, chunks: [BINARY.subarray(0, 5), BINARY.subarray(5, 12), BINARY.subarray(12)] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('empty body', async () => {
    const s = await github()
    send(s.port, { headers: { 'content-length': 0, 'x-hub-signature-256': signature('') }, chunks: [] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(0) })
  })

  test('a tampered body is a mismatch', async () => {
    const s = await github()
    send(s.port, { headers: { 'content-length': 3, 'x-hub-signature-256': signature('abd') }, chunks: ['abc'] })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test("Express 4 without a matching parser leaves req.body = {} and the stream unread: it is read", async () => {
    const s = await github({}, async (req) => {
      ;(req as IncomingMessage & { body?: unknown }).body = {}
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(BINARY) }, chunks: [BINARY] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('captureRequest reports the method and URL', async () => {
    server = await startServer(async (req) => {
      const captured = await captureRequest(req, 1024)
      expect(captured.method).toBe('POST')
      expect(captured.url).toBe('/hook')
      expect(captured.headers('x-hub-signature-256')).toBe(signature('hi'))
      return { rawBody: captured.bytes }
    })
    send(server.port, { headers: { 'x-hub-signature-256': signature('hi') }, chunks: ['hi'] })
    expect(await server.next()).toEqual({ ok: true, rawBody: new Uint8Array(Buffer.from('hi')) })
  })
})

describe('bodies a middleware already captured', () => {
  test('express.raw(): req.body is a Buffer', async () => {
    const s = await github({}, async (req) => {
      ;(req as IncomingMessage & { body?: unknown }).body = await consume(req)
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(BINARY) }, chunks: [BINARY] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('a plain Uint8Array body (OpenFaaS RAW_BODY=true hands the bytes over)', async () => {
    const s = await github({}, async (req) => {
      ;(req as IncomingMessage & { body?: unknown }).body = new Uint8Array(await consume(req))
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(BINARY) }, chunks: [BINARY] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('express.text(): req.body is the decoded string (UTF-8 bodies verify)', async () => {
    const text = '{"msg":"héllo 👋"}\r\n'
    const s = await github({}, async (req) => {
      ;(req as IncomingMessage & { body?: unknown }).body = (await consume(req)).toString('utf8')
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(text) }, chunks: [text] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(Buffer.from(text)) })
  })

  test('Google Cloud Functions: req.rawBody next to a parsed req.body', async () => {
    const json = '{"zen":"Keep it logically awesome.","n":1.0}'
    const s = await github({}, async (req) => {
      const raw = await consume(req)
      Object.assign(req, { rawBody: raw, body: JSON.parse(raw.toString()) })
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(json) }, chunks: [json] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(Buffer.from(json)) })
  })

  test('express.json(): a parsed object is refused with the fix in the message', async () => {
    const json = '{"n":1.0}'
    const s = await github({}, async (req) => {
      ;(req as IncomingMessage & { body?: unknown }).body = JSON.parse((await consume(req)).toString())
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature(json) }, chunks: [json] })
    const got = await s.next()
    expect(got).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW', status: 400 })
    // the one message check: the documented fix is named
    const message = (got as { message: string }).message
    expect(message.includes('express.raw')).toBe(true)
    expect(message.includes('RAW_BODY')).toBe(true)
  })

  test('the stream was consumed and nothing kept the bytes: BODY_NOT_RAW', async () => {
    const s = await github({}, async (req) => {
      await consume(req)
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['abc'] })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW' })
  })

  test('the stream was consumed and req.body is {} (a parser that found nothing): BODY_NOT_RAW', async () => {
    const s = await github({}, async (req) => {
      await consume(req)
      ;(req as IncomingMessage & { body?: unknown }).body = {}
    })
    send(s.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['abc'] })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW' })
  })
})

describe('maxBodyBytes on a Node stream', () => {
  const LIMIT = 64
  const exact = 'x'.repeat(LIMIT)
  const over = 'x'.repeat(LIMIT + 1)

  test('exactly at the limit, with Content-Length: ok', async () => {
    const s = await github({ maxBodyBytes: LIMIT })
    send(s.port, { headers: { 'content-length': LIMIT, 'x-hub-signature-256': signature(exact) }, chunks: [exact] })
    expect(await s.next()).toMatchObject({ ok: true })
  })

  test('exactly at the limit, chunked: ok', async () => {
    const s = await github({ maxBodyBytes: LIMIT })
    send(s.port, { headers: { 'x-hub-signature-256': signature(exact) }, chunks: [exact.slice(0, 10), exact.slice(10)] })
    expect(await s.next()).toMatchObject({ ok: true })
  })

  test('Content-Length over the limit is refused before the body arrives', async () => {
    const s = await github({ maxBodyBytes: LIMIT })
    // Announce one byte too many, send a few and keep the request open: if the server waited for
    // the body this would never settle.
    send(s.port, { headers: { 'content-length': LIMIT + 1, 'x-hub-signature-256': signature(over) }, chunks: ['xxxx'], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
  })

  test('chunked without Content-Length is cut off while streaming', async () => {
    const s = await github({ maxBodyBytes: LIMIT })
    // limit + 1 bytes in pieces, and the request never ends: the cut-off must come from counting
    send(s.port, { headers: { 'x-hub-signature-256': signature(over) }, chunks: [over.slice(0, 40), over.slice(40)], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
  })

  test('held bodies on a Node request obey the limit too (express.raw Buffer, rawBody)', async () => {
    for (const field of ['body', 'rawBody']) {
      const s = await github({ maxBodyBytes: LIMIT }, async (req) => {
        Object.assign(req, { [field]: await consume(req) })
      })
      send(s.port, { headers: { 'x-hub-signature-256': signature(over) }, chunks: [over] })
      expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
      await s.close()
      server = undefined
    }
  })
})

describe('a client that goes away', () => {
  test('aborting mid-body rejects with our error, not a hang and not another error', async () => {
    const s = await github()
    send(s.port, { headers: { 'content-length': 1000, 'x-hub-signature-256': signature('x'.repeat(1000)) }, chunks: ['x'.repeat(100)], abort: true })
    const got = await s.next()
    expect(got).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE', status: 400 })
  })

  test('aborting a chunked body mid-way too', async () => {
    const s = await github()
    send(s.port, { headers: { 'x-hub-signature-256': signature('abcdef') }, chunks: ['abc'], abort: true })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
  })
})

describe('Node streams that are not HTTP requests', () => {
  test('a Readable with headers verifies like a request', async () => {
    const stream = Object.assign(Readable.from([Buffer.from(BINARY.subarray(0, 4)), Buffer.from(BINARY.subarray(4))]), { headers: { 'x-hub-signature-256': signature(BINARY) } })
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toEqual({ ok: true, rawBody: new Uint8Array(BINARY) })
  })

  test('a Readable already read to its end: BODY_NOT_RAW', async () => {
    const stream = Object.assign(Readable.from([Buffer.from('abc')]), { headers: { 'x-hub-signature-256': signature('abc') } })
    for await (const _chunk of stream) {
      // drain
    }
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW' })
  })

  test('a destroyed Readable (the client went away): BODY_UNREADABLE, not BODY_NOT_RAW', async () => {
    const stream = Object.assign(new Readable({ read() {} }), { headers: { 'x-hub-signature-256': signature('abc') } })
    stream.destroy()
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
  })

  test('a Readable that errors mid-body: BODY_UNREADABLE', async () => {
    let sent = false
    const stream = Object.assign(
      new Readable({
        read() {
          if (!sent) {
            sent = true
            this.push(Buffer.from('abc'))
          } else {
            this.destroy(new Error('socket hang up'))
          }
        },
      }),
      { headers: { 'x-hub-signature-256': signature('abcdef') } },
    )
    expect(await outcomeOf(() => verifyWebhook(stream, 'github', SECRET))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
  })
})
