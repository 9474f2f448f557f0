// bodyTimeoutMs over a real server on 127.0.0.1: the client sends its headers and part of the body,
// then stalls. The Node path (an unread IncomingMessage, src/body/stream-node.ts) and the Web
// Request path (the same connection handed over as a Web Request, as @hono/node-server and Next.js
// do) both give up with ERR_WEBHOOK_BODY_TIMEOUT (408) instead of waiting for Node's own 300 s requestTimeout.
import { Readable } from 'node:stream'
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { captureRequest } from '../../src/body/index.js'
import { createVerifier, verifyAny, verifyWebhook, type VerifyOptions } from '../../src/index.js'
import { SECRET, send, signature, startServer, type TestServer } from './helpers.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** The IncomingMessage as a Web Request over the same socket (what Web-Request frameworks on Node do). */
function asWebRequest(req: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  const body = Readable.toWeb(req) as ReadableStream<Uint8Array>
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit)
}

const SHAPES = [
  ['Node request', (req: IncomingMessage) => req],
  ['Web Request', asWebRequest],
] as const

describe.each(SHAPES)('%s', (_, shape) => {
  async function github(options: VerifyOptions) {
    server = await startServer((req) => verifyWebhook(shape(req), 'github', SECRET, options))
    return server
  }

  test('part of a Content-Length body, then a stall: 408 ERR_WEBHOOK_BODY_TIMEOUT', async () => {
    const s = await github({ bodyTimeoutMs: 200 })
    send(s.port, { headers: { 'content-length': 100, 'x-hub-signature-256': signature('x'.repeat(100)) }, chunks: ['x'.repeat(10)], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
  })

  test('a chunked body that stalls after a few chunks', async () => {
    const s = await github({ bodyTimeoutMs: 200 })
    send(s.port, { headers: { 'x-hub-signature-256': signature('abcdef') }, chunks: ['ab', 'cd'], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
  })

  test('headers only, no body byte at all', async () => {
    const s = await github({ bodyTimeoutMs: 200 })
    send(s.port, { headers: { 'content-length': 5, 'x-hub-signature-256': signature('hello') }, chunks: [], end: false })
    expect(await s.next()).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
  })

  test('a body that does arrive in time verifies, and the server keeps serving', async () => {
    const s = await github({ bodyTimeoutMs: 200 })
    send(s.port, { headers: { 'content-length': 100, 'x-hub-signature-256': signature('x'.repeat(100)) }, chunks: ['x'.repeat(10)], end: false })
    expect(await s.next()).toMatchObject({ code: 'ERR_WEBHOOK_BODY_TIMEOUT' })
    send(s.port, { headers: { 'content-length': 6, 'x-hub-signature-256': signature('abcdef') }, chunks: ['abc', 'def'] })
    expect(await s.next()).toEqual({ ok: true, rawBody: new Uint8Array(Buffer.from('abcdef')) })
  })

  test('createVerifier and verifyAny apply the option too', async () => {
    const verifier = createVerifier('github', SECRET, { bodyTimeoutMs: 200 })
    server = await startServer((req) => verifier.verify(shape(req)))
    send(server.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['a'], end: false })
    expect(await server.next()).toMatchObject({ code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
    await server.close()
    server = await startServer((req) => verifyAny(shape(req), { github: SECRET, stripe: 'whsec_x' }, { bodyTimeoutMs: 200 }))
    send(server.port, { headers: { 'x-hub-signature-256': signature('abc') }, chunks: ['a'], end: false })
    expect(await server.next()).toMatchObject({ code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
  })
})

describe('the option', () => {
  test('is checked when the verifier is built (a configuration mistake is a TypeError)', () => {
    for (const bad of [0, -1, Number.NaN, '200', null]) {
      expect(() => createVerifier('github', SECRET, { bodyTimeoutMs: bad as number })).toThrow(TypeError)
    }
    expect(() => createVerifier('github', SECRET, { bodyTimeoutMs: Number.POSITIVE_INFINITY })).not.toThrow()
  })

  test('a held body never waits, whatever the deadline', async () => {
    const body = 'held'
    await expect(verifyWebhook({ headers: { 'x-hub-signature-256': signature(body) }, body }, 'github', SECRET, { bodyTimeoutMs: 1 })).resolves.toMatchObject({ kind: 'event' })
  })

  test('a stalled in-memory stream is left paused and unpiped, not destroyed (the caller owns it)', async () => {
    const stream = new Readable({ read() {} })
    stream.push('abc')
    const request = Object.assign(stream, { headers: { 'x-hub-signature-256': signature('abc') } })
    const captured = captureRequest(request, 1024, 50)
    await expect(captured).rejects.toMatchObject({ code: 'ERR_WEBHOOK_BODY_TIMEOUT', status: 408 })
    expect(stream.destroyed).toBe(false)
    expect(stream.isPaused()).toBe(true)
  })
})
