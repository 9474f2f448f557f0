// Meta: the signed POST both ways with Meta's documented recipe (proven by the WhatsApp SDK's own
// vector), and the unsigned GET subscribe handshake answered before any signature check, with the
// sample request of Meta's Getting Started page, in every request shape a platform hands over.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createVerifier, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const APP_SECRET = 'TEST_APP_SECRET' // the WhatsApp SDK's test secret (jest.config.ts)
const metaSign = (secret: string, body: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

async function rejection(promise: Promise<unknown>): Promise<{ code: string; status: number } | string> {
  return promise.then(
    () => 'accepted',
    (e: unknown) => (e instanceof WebhookVerificationError ? { code: e.code, status: e.status } : `not ours: ${String(e)}`),
  )
}

describe('meta: X-Hub-Signature-256 with the app secret', () => {
  test("node:crypto in Meta's format reproduces the WhatsApp SDK vector", () => {
    expect(metaSign(APP_SECRET, 'test')).toBe('sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221')
  })

  const bodies = ['{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"Ol\\u00e1 \\ud83d\\ude42"}}]}]}', 'x', '']

  test.each(bodies)('our sign() writes what Meta sends: %j', async (body) => {
    const headers = await sign('meta', { payload: body, secret: APP_SECRET })
    expect(headers).toEqual({ 'X-Hub-Signature-256': metaSign(APP_SECRET, body) })
  })

  test.each(bodies)('a delivery signed in Meta\'s format verifies, and not with another secret: %j', async (body) => {
    const request = { method: 'POST', headers: { 'x-hub-signature-256': metaSign(APP_SECRET, body) }, body }
    const result = await verifyWebhook(request, 'meta', APP_SECRET)
    expect(result.kind).toBe('event')
    expect(result.response).toBeUndefined()
    expect(await rejection(verifyWebhook(request, 'meta', 'ANOTHER_APP_SECRET'))).toEqual({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test('a signed POST carrying hub.* query parameters is still an event, checked by its signature', async () => {
    const body = '{"object":"page","entry":[]}'
    const url = 'https://example.com/webhooks/meta?hub.mode=subscribe&hub.verify_token=meatyhamhock&hub.challenge=1158201444'
    const request = new Request(url, { method: 'POST', headers: { 'X-Hub-Signature-256': metaSign(APP_SECRET, body) }, body })
    const result = await verifyWebhook(request, 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' })
    expect(result.kind).toBe('event')
    const forged = new Request(url, { method: 'POST', headers: { 'X-Hub-Signature-256': metaSign('guess', body) }, body })
    expect(await rejection(verifyWebhook(forged, 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' }))).toEqual({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })
})

describe('meta: the GET subscribe handshake (Graph API Getting Started sample request)', () => {
  // https://developers.facebook.com/docs/graph-api/webhooks/getting-started: "Sample Verification Request"
  const query = 'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock'
  const shapes: Record<string, (q: string) => unknown> = {
    'Web Request': (q) => new Request(`https://www.your-clever-domain-name.com/webhooks?${q}`),
    'Node-style request (path and query in url)': (q) => ({ method: 'GET', url: `/webhooks?${q}`, headers: { host: 'example.com' }, body: '' }),
    'event without a method, empty body': (q) => ({ url: `/webhooks?${q}`, headers: {}, body: '' }),
    'Lambda HTTP API v2 / Function URL event (rawPath, rawQueryString)': (q) => ({
      rawPath: '/webhooks',
      rawQueryString: q,
      requestContext: { http: { method: 'GET' } },
      headers: { host: 'abc.lambda-url.eu-west-1.on.aws' },
      isBase64Encoded: false,
    }),
    'API Gateway REST v1 event (path, multiValueQueryStringParameters)': (q) => ({
      httpMethod: 'GET',
      path: '/webhooks',
      queryStringParameters: Object.fromEntries(new URLSearchParams(q)),
      multiValueQueryStringParameters: Object.fromEntries([...new URLSearchParams(q)].map(([k, v]) => [k, [v]])),
      headers: {},
      body: null,
      isBase64Encoded: false,
    }),
    'OpenFaaS node template event (path, query object)': (q) => ({ method: 'GET', path: '/', query: Object.fromEntries(new URLSearchParams(q)), headers: {}, body: {} }),
  }

  test.each(Object.keys(shapes))('the right token is answered with hub.challenge as text/plain, no signature needed: %s', async (shape) => {
    const result = await verifyWebhook(shapes[shape]!(query), 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' })
    expect(result.kind).toBe('handshake')
    expect(result.provider).toBe('meta')
    expect(result.response).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '1158201444' })
    expect(result.rawBody.byteLength).toBe(0)
  })

  test('options.url (when set) is where the query is read from', async () => {
    const request = { method: 'GET', headers: {}, body: '' }
    const result = await verifyWebhook(request, 'meta', APP_SECRET, { verifyToken: 'meatyhamhock', url: `https://example.com/webhooks?${query}` })
    expect(result.response?.body).toBe('1158201444')
  })

  // A wrong verify token is the GET's failed authentication: 401, ERR_WEBHOOK_SIGNATURE_MISMATCH.
  test.each([
    ['another token', 'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhocks', 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ['a prefix of the token', 'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meaty', 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ['an empty token', 'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=', 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ['no token', 'hub.mode=subscribe&hub.challenge=1158201444', 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ['no challenge', 'hub.mode=subscribe&hub.verify_token=meatyhamhock', 'ERR_WEBHOOK_INVALID_REQUEST'],
    ['an empty challenge', 'hub.mode=subscribe&hub.challenge=&hub.verify_token=meatyhamhock', 'ERR_WEBHOOK_INVALID_REQUEST'],
    ['an oversized challenge', `hub.mode=subscribe&hub.challenge=${'9'.repeat(257)}&hub.verify_token=meatyhamhock`, 'ERR_WEBHOOK_INVALID_REQUEST'],
  ])('%s → %s', async (_, q, code) => {
    for (const make of Object.values(shapes)) {
      const outcome = await rejection(verifyWebhook(make(q), 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' }))
      expect(outcome).toEqual({ code, status: code === 'ERR_WEBHOOK_SIGNATURE_MISMATCH' ? 401 : 400 })
    }
  })

  test('the token is compared exactly: case and percent-encoding matter as Meta sends them', async () => {
    const token = 'Tök3n with spaces & symbols'
    const ok = `hub.mode=subscribe&hub.challenge=42&hub.verify_token=${encodeURIComponent(token)}`
    expect((await verifyWebhook(new Request(`https://example.com/hook?${ok}`), 'meta', APP_SECRET, { verifyToken: token })).response?.body).toBe('42')
    const upper = `hub.mode=subscribe&hub.challenge=42&hub.verify_token=${encodeURIComponent(token.toUpperCase())}`
    expect(await rejection(verifyWebhook(new Request(`https://example.com/hook?${upper}`), 'meta', APP_SECRET, { verifyToken: token }))).toEqual({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test('a subscribe handshake with no options.verifyToken configured is refused, never answered', async () => {
    expect(await rejection(verifyWebhook(new Request(`https://example.com/hook?${query}`), 'meta', APP_SECRET))).toEqual({ code: 'ERR_WEBHOOK_INVALID_REQUEST', status: 400 })
  })

  test('an empty or non-string verifyToken is a configuration error, thrown when the verifier is created', () => {
    expect(() => createVerifier('meta', APP_SECRET, { verifyToken: '' })).toThrow(TypeError)
    expect(() => createVerifier('meta', APP_SECRET, { verifyToken: 42 as unknown as string })).toThrow(TypeError)
  })

  test('other GETs are not handshakes: they need a signature like any request', async () => {
    for (const q of ['', 'hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock', 'mode=subscribe&challenge=1&verify_token=meatyhamhock']) {
      expect(await rejection(verifyWebhook(new Request(`https://example.com/hook?${q}`), 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' }))).toEqual({ code: 'ERR_WEBHOOK_MISSING_HEADER', status: 400 })
    }
  })

  test('a POST (or a body-carrying request of unknown method) with the subscribe query is never answered as a handshake', async () => {
    const url = `https://example.com/hook?${query}`
    expect(await rejection(verifyWebhook(new Request(url, { method: 'POST', body: '{}' }), 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' }))).toEqual({ code: 'ERR_WEBHOOK_MISSING_HEADER', status: 400 })
    expect(await rejection(verifyWebhook({ url, headers: {}, body: '{}' }, 'meta', APP_SECRET, { verifyToken: 'meatyhamhock' }))).toEqual({ code: 'ERR_WEBHOOK_MISSING_HEADER', status: 400 })
  })
})
