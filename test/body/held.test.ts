// Requests that arrive as plain objects holding the body already (OpenFaaS node templates' `event`,
// AWS Lambda / API Gateway / Function URL events, Google Cloud Functions' rawBody), what is not a
// request at all, and hostile objects: whatever they hold, only WebhookVerificationError comes out.
import { describe, expect, test } from 'vitest'
import { captureRequest } from '../../src/body/index.js'
import { verifyWebhook, WebhookVerificationError, type VerifyOptions } from '../../src/index.js'
import { outcomeOf, SECRET, signature } from './helpers.js'

const JSON_BODY = '{"action":"opened","title":"héllo 👋"}'
const BINARY = new Uint8Array([0x7b, 0xff, 0xfe, 0x0d, 0x0a, 0x00, 0x7d])

const verify = (request: unknown, options: VerifyOptions = {}) => outcomeOf(() => verifyWebhook(request, 'github', SECRET, options))
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))

describe('plain event objects', () => {
  test.each<[string, unknown, Uint8Array]>([
    ['string body (OpenFaaS, Lambda)', { headers: { 'x-hub-signature-256': signature(JSON_BODY) }, body: JSON_BODY }, bytesOf(JSON_BODY)],
    ['Buffer body (OpenFaaS RAW_BODY=true)', { headers: { 'x-hub-signature-256': signature(BINARY) }, body: Buffer.from(BINARY), method: 'POST', query: {}, path: '/' }, BINARY],
    ['Uint8Array body', { headers: { 'x-hub-signature-256': signature(BINARY) }, body: BINARY }, BINARY],
    ['ArrayBuffer body', { headers: { 'x-hub-signature-256': signature(BINARY) }, body: BINARY.slice().buffer }, BINARY],
    ['no body property (GET-like)', { headers: { 'x-hub-signature-256': signature('') } }, new Uint8Array(0)],
    ['null body (API Gateway without a body)', { headers: { 'x-hub-signature-256': signature('') }, body: null }, new Uint8Array(0)],
    [
      'Lambda Function URL event, base64',
      { headers: { 'x-hub-signature-256': signature(BINARY) }, body: Buffer.from(BINARY).toString('base64'), isBase64Encoded: true, requestContext: { http: { method: 'POST' } } },
      BINARY,
    ],
    ['base64 without padding', { headers: { 'x-hub-signature-256': signature(BINARY) }, body: Buffer.from(BINARY).toString('base64').replace(/=+$/, ''), isBase64Encoded: true }, BINARY],
    ['base64 wrapped over lines', { headers: { 'x-hub-signature-256': signature(JSON_BODY) }, body: Buffer.from(JSON_BODY).toString('base64').replace(/(.{16})/g, '$1\r\n'), isBase64Encoded: true }, bytesOf(JSON_BODY)],
    ['isBase64Encoded false: the string is the body', { headers: { 'x-hub-signature-256': signature('aGk=') }, body: 'aGk=', isBase64Encoded: false }, bytesOf('aGk=')],
    ['GCF-style rawBody next to a parsed body', { headers: { 'x-hub-signature-256': signature(JSON_BODY) }, rawBody: Buffer.from(JSON_BODY), body: JSON.parse(JSON_BODY) }, bytesOf(JSON_BODY)],
  ])('%s', async (_name, request, want) => {
    expect(await verify(request)).toEqual({ ok: true, rawBody: want })
  })

  test('captureRequest: method from method, httpMethod or requestContext.http.method', async () => {
    expect((await captureRequest({ headers: {}, body: '', method: 'post' }, 10)).method).toBe('POST')
    expect((await captureRequest({ headers: {}, body: '', httpMethod: 'POST' }, 10)).method).toBe('POST')
    expect((await captureRequest({ headers: {}, body: '', requestContext: { http: { method: 'PUT' } } }, 10)).method).toBe('PUT')
    expect((await captureRequest({ headers: {}, body: '' }, 10)).method).toBeUndefined()
  })

  test.each<[string, unknown]>([
    ['not base64 at all', '{"a":1}'],
    ['url-safe alphabet', Buffer.from([0xfb, 0xff]).toString('base64url')],
    ['non-zero trailing bits', 'QR=='],
    ['a lone character', 'Q'],
  ])('isBase64Encoded with invalid base64 (%s): BODY_UNREADABLE', async (_name, body) => {
    expect(await verify({ headers: { 'x-hub-signature-256': signature('x') }, body, isBase64Encoded: true })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_UNREADABLE', status: 400 })
  })

  test.each<[string, unknown]>([
    ['parsed JSON object (OpenFaaS without RAW_BODY, express.json)', JSON.parse(JSON_BODY)],
    ['parsed array', [1, 2]],
    ['empty object', {}],
    ['a number', 42],
    ['a boolean', true],
  ])('body that is not raw (%s): BODY_NOT_RAW naming the fix', async (_name, body) => {
    const got = await verify({ headers: { 'x-hub-signature-256': signature(JSON_BODY) }, body })
    expect(got).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW', status: 400 })
    const message = (got as { message: string }).message
    expect(message.includes('express.raw')).toBe(true)
    expect(message.includes('RAW_BODY')).toBe(true)
  })

  test('a parsed object is never re-serialised to make it verify', async () => {
    // JSON.stringify of the parsed body reproduces these bytes exactly; it must still be refused.
    const compact = '{"a":1}'
    expect(await verify({ headers: { 'x-hub-signature-256': signature(compact) }, body: JSON.parse(compact) })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_NOT_RAW' })
  })
})

describe('not a request', () => {
  test.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', JSON_BODY],
    ['a boolean', true],
    ['a function', () => JSON_BODY],
    ['an object with neither headers nor body', { payload: JSON_BODY }],
    ['headers that are a string', { headers: 'x-hub-signature-256: sha256=00', body: JSON_BODY }],
  ])('%s: ERR_WEBHOOK_INVALID_REQUEST', async (_name, request) => {
    expect(await verify(request)).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_INVALID_REQUEST', status: 400 })
  })
})

describe('hostile objects produce only our error', () => {
  const boom = () => {
    throw new RangeError('hostile getter')
  }
  const throwingProxy = () => new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom })

  test.each<[string, () => unknown]>([
    ['headers as a Proxy whose traps throw', () => ({ headers: throwingProxy(), body: JSON_BODY })],
    ['the request itself as a throwing Proxy', () => throwingProxy()],
    ['a headers record whose getter throws', () => ({ headers: Object.defineProperty({}, 'x-hub-signature-256', { enumerable: true, get: boom }), body: JSON_BODY })],
    ['a Headers look-alike whose get throws', () => ({ headers: { get: boom, forEach: () => {} }, body: JSON_BODY })],
    ['a body getter that throws', () => Object.defineProperty({ headers: { 'x-hub-signature-256': signature('') } }, 'body', { enumerable: true, get: boom })],
    ['an isBase64Encoded getter that throws', () => Object.defineProperty({ headers: {}, body: 'aGk=' }, 'isBase64Encoded', { get: boom })],
    ['a Web Request look-alike whose arrayBuffer throws', () => ({ headers: new Headers({ 'x-hub-signature-256': signature('') }), arrayBuffer: boom, clone: boom, get bodyUsed() { return boom() } })],
    ['a Node stream look-alike whose on() throws', () => ({ headers: { 'x-hub-signature-256': signature('') }, on: boom, pipe: boom })],
    ['a header value whose toString throws', () => ({ headers: { 'x-hub-signature-256': { toString: boom } }, body: '' })],
  ])('%s', async (_name, make) => {
    let error: unknown
    try {
      await verifyWebhook(make(), 'github', SECRET)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(WebhookVerificationError)
  })
})

describe('maxBodyBytes on held bodies', () => {
  const LIMIT = 32
  const exact = 'a'.repeat(LIMIT)
  const over = 'a'.repeat(LIMIT + 1)
  const opts = { maxBodyBytes: LIMIT }

  test.each<[string, unknown, boolean]>([
    ['string at the limit', exact, true],
    ['string one over', over, false],
    ['Buffer at the limit', Buffer.from(exact), true],
    ['Buffer one over', Buffer.from(over), false],
    ['Uint8Array one over', bytesOf(over), false],
    ['ArrayBuffer one over', bytesOf(over).buffer, false],
    // few UTF-16 units, many UTF-8 bytes: the limit is on bytes
    ['multi-byte string: 11 emoji = 44 bytes', '😀'.repeat(11), false],
    ['multi-byte string: 8 emoji = 32 bytes', '😀'.repeat(8), true],
  ])('%s', async (_name, body, ok) => {
    const raw = typeof body === 'string' ? bytesOf(body) : new Uint8Array(body as ArrayBuffer)
    const got = await verify({ headers: { 'x-hub-signature-256': signature(raw) }, body }, opts)
    if (ok) expect(got).toMatchObject({ ok: true })
    else expect(got).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
  })

  test('base64: the limit applies to the decoded bytes', async () => {
    const atLimit = Buffer.from(exact).toString('base64') // 44 characters for 32 bytes
    expect(atLimit.length).toBeGreaterThan(LIMIT)
    expect(await verify({ headers: { 'x-hub-signature-256': signature(exact) }, body: atLimit, isBase64Encoded: true }, opts)).toMatchObject({ ok: true })
    const overLimit = Buffer.from(over).toString('base64')
    expect(await verify({ headers: { 'x-hub-signature-256': signature(over) }, body: overLimit, isBase64Encoded: true }, opts)).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
    // far too large is refused before decoding, and is still our error
    expect(await verify({ headers: { 'x-hub-signature-256': signature('') }, body: 'A'.repeat(10_000), isBase64Encoded: true }, opts)).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
  })

  test('rawBody over the limit', async () => {
    expect(await verify({ headers: { 'x-hub-signature-256': signature(over) }, rawBody: Buffer.from(over), body: {} }, opts)).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE', status: 413 })
  })

  test('the default limit is 1 MiB', async () => {
    const mib = new Uint8Array(1024 * 1024).fill(0x20)
    expect(await verify({ headers: { 'x-hub-signature-256': signature(mib) }, body: mib })).toMatchObject({ ok: true })
    const more = new Uint8Array(1024 * 1024 + 1).fill(0x20)
    expect(await verify({ headers: { 'x-hub-signature-256': signature(more) }, body: more })).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
  })
})
