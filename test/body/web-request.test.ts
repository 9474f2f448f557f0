// Web Requests (Bun, Deno, workerd, Next.js route handlers, undici in Node): read once from the
// body stream with a limit; a body already read is refused, never re-created.
import { describe, expect, test } from 'vitest'
import { verifyWebhook, type VerifyOptions } from '../../src/index.js'
import { outcomeOf, SECRET, signature } from './helpers.js'

const BINARY = new Uint8Array([0x7b, 0xff, 0xfe, 0x0d, 0x0a, 0x00, 0xf0, 0x9f, 0x98, 0x80, 0x7d])
const URL_ = 'http://127.0.0.1/hook'

function post(body: BodyInit | null, headers: Record<string, string>): Request {
  return new Request(URL_, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

const verify = (request: unknown, options: VerifyOptions = {}) => outcomeOf(() => verifyWebhook(request, 'github', SECRET, options))

/** A body stream that hands out the given chunks, then either ends or stays open forever. */
function streamOf(chunks: Uint8Array[], then: 'end' | 'hang' | 'error' | 'forever' = 'end') {
  const state = { cancelled: false, pulls: 0 }
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++
      if (i < chunks.length) {
        controller.enqueue(chunks[i++]!)
        return
      }
      if (then === 'end') controller.close()
      else if (then === 'error') controller.error(new Error('connection reset'))
      else if (then === 'forever') controller.enqueue(new Uint8Array(16).fill(0x78))
      else return new Promise<void>(() => {}) // hang: never another chunk, never the end
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

describe('Web Request', () => {
  test('the exact bytes verify', async () => {
    expect(await verify(post(BINARY, { 'X-Hub-Signature-256': signature(BINARY) }))).toEqual({ ok: true, rawBody: BINARY })
  })

  test('a streamed body in several chunks', async () => {
    const { stream } = streamOf([BINARY.subarray(0, 3), BINARY.subarray(3, 4), BINARY.subarray(4)])
    expect(await verify(post(stream, { 'x-hub-signature-256': signature(BINARY) }))).toEqual({ ok: true, rawBody: BINARY })
  })

  test('no body at all is the empty body', async () => {
    const request = new Request(URL_, { method: 'POST', headers: { 'x-hub-signature-256': signature('') } })
    expect(await verify(request)).toEqual({ ok: true, rawBody: new Uint8Array(0) })
  })

  test('a body already read (bodyUsed): BODY_NOT_RAW', async () => {
    const request = post('{"a":1}', { 'x-hub-signature-256': signature('{"a":1}') })
    await request.json()
    expect(request.bodyUsed).toBe(true)
    expect(await verify(request)).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW', status: 400 })
  })

  test('verifying a clone leaves the original readable', async () => {
    const request = post('{"a":1}', { 'x-hub-signature-256': signature('{"a":1}') })
    expect(await verify(request.clone())).toMatchObject({ ok: true })
    expect(await request.json()).toEqual({ a: 1 })
  })

  // A client that disconnects mid-body: server runtimes (Deno.serve, Bun.serve, workerd) error the
  // request's body stream, which is what this models.
  test('a body stream that fails mid-way: BODY_UNREADABLE', async () => {
    const { stream } = streamOf([new Uint8Array([1, 2, 3])], 'error')
    expect(await verify(post(stream, { 'x-hub-signature-256': signature('abc') }))).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE', status: 400 })
  })
})

describe('maxBodyBytes on a Web Request', () => {
  const LIMIT = 64

  test('exactly at the limit: ok, streamed or whole', async () => {
    const exact = new Uint8Array(LIMIT).fill(0x61)
    expect(await verify(post(exact, { 'x-hub-signature-256': signature(exact) }), { maxBodyBytes: LIMIT })).toMatchObject({ ok: true })
    const { stream } = streamOf([exact.subarray(0, 30), exact.subarray(30)])
    expect(await verify(post(stream, { 'x-hub-signature-256': signature(exact) }), { maxBodyBytes: LIMIT })).toMatchObject({ ok: true })
  })

  test('Content-Length over the limit is refused without reading a byte', async () => {
    const { stream, state } = streamOf([], 'hang')
    const request = post(stream, { 'x-hub-signature-256': signature('x'), 'content-length': String(LIMIT + 1) })
    expect(await verify(request, { maxBodyBytes: LIMIT })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
    expect(state.pulls).toBeLessThanOrEqual(1) // at most the stream's own start-up pull; no chunk was consumed
  })

  test('a stream without Content-Length is cut off at the limit and cancelled', async () => {
    // an endless body: only counting can stop it
    const { stream, state } = streamOf([new Uint8Array(40)], 'forever')
    const got = await verify(post(stream, { 'x-hub-signature-256': signature('x') }), { maxBodyBytes: LIMIT })
    expect(got).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(state.cancelled).toBe(true)
  })

  test('one byte over, in one chunk', async () => {
    const over = new Uint8Array(LIMIT + 1)
    expect(await verify(post(over, { 'x-hub-signature-256': signature(over) }), { maxBodyBytes: LIMIT })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
  })

  test('maxBodyBytes 0 admits only the empty body', async () => {
    expect(await verify(new Request(URL_, { method: 'POST', headers: { 'x-hub-signature-256': signature('') } }), { maxBodyBytes: 0 })).toMatchObject({ ok: true })
    expect(await verify(post('a', { 'x-hub-signature-256': signature('a') }), { maxBodyBytes: 0 })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
  })
})

describe('a Web Request whose client goes away', () => {
  test('an aborted signal with a body stream that never ends: BODY_UNREADABLE, not a hang', async () => {
    const controller = new AbortController()
    const body = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode('{"partial":')) } })
    const request = new Request('http://127.0.0.1/hook', { method: 'POST', body, signal: controller.signal, duplex: 'half', headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) } } as RequestInit)
    const pending = verifyWebhook(request, 'github', 'secret')
    setTimeout(() => controller.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'WebhookVerificationError', code: 'ERR_WEBHOOK_BODY_UNREADABLE' })
  })
})
