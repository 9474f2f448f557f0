// Linear ↔ @linear/sdk: what our sign() sends, the official SDK's LinearWebhookClient accepts
// (verify, and its full createHandler over a Fetch Request), its clock frozen with fake timers;
// what the SDK accepts, verifyWebhook accepts; and both refuse a missing or stale webhookTimestamp.
import { createHmac } from 'node:crypto'
import { LinearWebhookClient } from '@linear/sdk/webhooks'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { linear } from '../../providers/linear.js'

const SECRET = 'lin_wh_hooksealInteropSigningSecret0123456789'
const OTHER = 'lin_wh_anotherWebhookSigningSecret9876543210'
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0)
const DELIVERY = '234d1a4e-b617-4388-90fe-adc3633d6b72'

const hex = (secret: string, body: string | Uint8Array) => createHmac('sha256', secret).update(body).digest('hex')
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
const issue = (webhookTimestamp: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ action: 'create', type: 'Issue', data: { id: '2174add1', title: 'Vérifier 🔏' }, organizationId: 'c0ffee00', ...extra, ...(webhookTimestamp !== undefined && { webhookTimestamp }) })

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}
const sdkAccepts = (secret: string, body: string, signature: string) => {
  try {
    return new LinearWebhookClient(secret).verify(Buffer.from(body), signature)
  } catch {
    return false
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

const bodies: Record<string, string> = {
  'Issue create with emoji': issue(NOW - 2000),
  'CRLF and nested': `{\r\n"type":"Comment","data":{"body":"a\\r\\nb"},\r\n"webhookTimestamp":${NOW - 500}\r\n}`,
}

describe('our sign() → @linear/sdk', () => {
  test.each(Object.entries(bodies))('%s: verify() and the SDK\'s own HTTP handler accept it', async (_, body) => {
    const headers = await sign('linear', { payload: body, secret: SECRET, id: DELIVERY })
    const signature = headerOf(headers, 'Linear-Signature')!
    expect(signature).toBe(hex(SECRET, body))
    expect(headerOf(headers, 'Linear-Delivery')).toBe(DELIVERY)
    expect(sdkAccepts(SECRET, body, signature)).toBe(true)
    expect(sdkAccepts(OTHER, body, signature)).toBe(false)

    const handler = new LinearWebhookClient(SECRET).createHandler()
    const seen: unknown[] = []
    handler.on('*', (payload) => void seen.push(payload))
    const response = await handler(new Request('http://127.0.0.1/linear', { method: 'POST', headers, body }))
    expect(response?.status).toBe(200)
    expect(seen).toEqual([JSON.parse(body)])
  })
})

describe('what the SDK accepts → verifyWebhook', () => {
  test.each(Object.entries(bodies))('%s', async (_, body) => {
    const signature = hex(SECRET, body)
    expect(sdkAccepts(SECRET, body, signature)).toBe(true)
    const request = { headers: { 'Linear-Signature': signature, 'Linear-Delivery': DELIVERY, 'Linear-Event': 'Issue' }, body }
    const result = await verifyWebhook(request, 'linear', SECRET, { now: NOW })
    expect(result.kind).toBe('event')
    expect(result.id).toBe(DELIVERY)
    expect(result.timestamp?.getTime()).toBe((JSON.parse(body) as { webhookTimestamp: number }).webhookTimestamp)
    expect(await code(verifyWebhook(request, 'linear', OTHER, { now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('the signed webhookTimestamp: both refuse what is missing or outside 60 s', () => {
  test.each([
    ['missing', issue(undefined), 'ERR_WEBHOOK_MALFORMED_PAYLOAD'],
    ['61 s old', issue(NOW - 61_000), 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD'],
    ['61 s ahead', issue(NOW + 61_000), 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE'],
    ['in seconds, not ms', issue(Math.floor(NOW / 1000)), 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD'],
    ['not a number', issue('soon'), 'ERR_WEBHOOK_MALFORMED_PAYLOAD'],
    ['null', issue(null), 'ERR_WEBHOOK_MALFORMED_PAYLOAD'],
  ])('%s', async (_, body, expected) => {
    const signature = hex(SECRET, body)
    expect(sdkAccepts(SECRET, body, signature)).toBe(false)
    expect(await code(verifyWebhook({ headers: { 'Linear-Signature': signature }, body }, 'linear', SECRET, { now: NOW }))).toBe(expected)
  })

  test('59 s either way is inside the window for both', async () => {
    for (const t of [NOW - 59_000, NOW + 59_000]) {
      const body = issue(t)
      expect(sdkAccepts(SECRET, body, hex(SECRET, body))).toBe(true)
      expect((await verifyWebhook({ headers: { 'Linear-Signature': hex(SECRET, body) }, body }, 'linear', SECRET, { now: NOW })).kind).toBe('event')
    }
  })

  test('a signature that does not match is refused before the body is trusted for its time', async () => {
    const body = issue(undefined)
    expect(await code(verifyWebhook({ headers: { 'Linear-Signature': hex(OTHER, body) }, body }, 'linear', SECRET, { now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the Linear-Timestamp header is not what counts (the SDK ignores it too)', async () => {
    const body = issue(NOW - 120_000)
    const headers = { 'Linear-Signature': hex(SECRET, body), 'Linear-Timestamp': String(NOW) }
    expect(await code(verifyWebhook({ headers, body }, 'linear', SECRET, { now: NOW }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })
})

test('the preset has the docs address, no header timestamp and a 60 s payload window', () => {
  const scheme = linear()
  expect(scheme.docs).toBe('https://linear.app/developers/webhooks#securing-webhooks')
  expect(scheme.timestamp).toBeUndefined()
  expect(scheme.payloadTimestamp).toEqual({ field: 'webhookTimestamp', unit: 'ms', toleranceSeconds: 60 })
})
