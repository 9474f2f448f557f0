// Paddle Billing ↔ @paddle/paddle-node-sdk: what our sign() sends, the official SDK accepts
// (Webhooks.isSignatureValid, the check unmarshal runs, its clock frozen with fake timers); what the SDK accepts,
// verifyWebhook accepts; and the cases where hookseal is deliberately different (any h1 of a
// rotation counts, a future ts is refused, the window is configurable) are pinned on both sides.
import { createHmac } from 'node:crypto'
import { Paddle } from '@paddle/paddle-node-sdk'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { paddle } from '../../providers/paddle.js'

const SECRET = 'pdl_ntfset_01jwhkq3v8f6x2m9r4t7c5b1nd_InteropSecretKeyForHookseal'
const OTHER = 'pdl_ntfset_01jwhkr8a2c4e6g8j0k2m4p6rt_AnotherDestinationSecretKey'
const NOW_S = 1_748_779_200
const now = NOW_S * 1000
const sdk = new Paddle('pdl_sdbx_apikey_hookseal_interop').webhooks

const h1 = (secret: string, ts: number, body: string) => createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex')
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(now)
})
afterEach(() => {
  vi.useRealTimers()
})

// The SDK takes the body as a string, so only UTF-8 bodies go through it.
const bodies: Record<string, string> = {
  'transaction.completed with emoji': JSON.stringify({ event_id: 'evt_01jwhm2b7c9d3f5g7h9j1k3m5n', event_type: 'transaction.completed', occurred_at: '2025-06-01T11:59:57.000Z', notification_id: 'ntf_01jwhm2bc4d6f8h0j2k4m6p8qr', data: { id: 'txn_01', custom_data: { note: 'merci 🙏' } } }),
  'CRLF': '{\r\n"event_type":"customer.created"\r\n}',
  'empty': '',
}

describe('our sign() → @paddle/paddle-node-sdk', () => {
  test.each(Object.entries(bodies))('%s', async (_, body) => {
    const headers = await sign('paddle', { payload: body, secret: SECRET, timestamp: NOW_S - 2 })
    const signature = headerOf(headers, 'Paddle-Signature')!
    expect(signature).toBe(`ts=${NOW_S - 2};h1=${h1(SECRET, NOW_S - 2, body)}`)
    expect(await sdk.isSignatureValid(body, SECRET, signature)).toBe(true)
    expect(await sdk.isSignatureValid(body, OTHER, signature)).toBe(false)
    // the SDK's own clock sees our ts: 6 s later it is outside its 5 s window
    vi.setSystemTime(now + 4000)
    expect(await sdk.isSignatureValid(body, SECRET, signature)).toBe(false)
  })
})

describe('what the SDK accepts → verifyWebhook', () => {
  test.each(Object.entries(bodies))('%s', async (_, body) => {
    const signature = `ts=${NOW_S - 1};h1=${h1(SECRET, NOW_S - 1, body)}`
    expect(await sdk.isSignatureValid(body, SECRET, signature)).toBe(true)
    const request = { headers: { 'Paddle-Signature': signature }, body }
    const result = await verifyWebhook(request, 'paddle', SECRET, { now })
    expect(result.kind).toBe('event')
    expect(result.timestamp?.getTime()).toBe((NOW_S - 1) * 1000)
    expect(await code(verifyWebhook(request, 'paddle', OTHER, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('a body that is not UTF-8 verifies from its bytes (the SDK cannot take it)', async () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d])
    const signature = `ts=${NOW_S - 1};h1=${createHmac('sha256', SECRET).update(`${NOW_S - 1}:`).update(body).digest('hex')}`
    expect((await verifyWebhook({ headers: { 'Paddle-Signature': signature }, body }, 'paddle', SECRET, { now })).kind).toBe('event')
  })
})

describe('where hookseal and the SDK differ on purpose', () => {
  const body = bodies['transaction.completed with emoji']!

  test('several h1 (a secret key rotation): the SDK reads only the last, hookseal any of them', async () => {
    const mine = h1(SECRET, NOW_S - 1, body)
    const theirs = h1(OTHER, NOW_S - 1, body)
    const mineFirst = `ts=${NOW_S - 1};h1=${mine};h1=${theirs}`
    const mineLast = `ts=${NOW_S - 1};h1=${theirs};h1=${mine}`
    expect(await sdk.isSignatureValid(body, SECRET, mineLast)).toBe(true)
    expect(await sdk.isSignatureValid(body, SECRET, mineFirst)).toBe(false)
    for (const value of [mineFirst, mineLast]) {
      expect((await verifyWebhook({ headers: { 'Paddle-Signature': value }, body }, 'paddle', SECRET, { now })).kind).toBe('event')
      expect((await verifyWebhook({ headers: { 'Paddle-Signature': value }, body }, 'paddle', OTHER, { now })).kind).toBe('event')
    }
  })

  test('a ts ahead of the clock: the SDK accepts it, hookseal refuses beyond the window', async () => {
    const signature = `ts=${NOW_S + 60};h1=${h1(SECRET, NOW_S + 60, body)}`
    expect(await sdk.isSignatureValid(body, SECRET, signature)).toBe(true)
    expect(await code(verifyWebhook({ headers: { 'Paddle-Signature': signature }, body }, 'paddle', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
  })

  test('the same 5 s default, but options.toleranceSeconds can widen it', async () => {
    const signature = `ts=${NOW_S - 30};h1=${h1(SECRET, NOW_S - 30, body)}`
    expect(await sdk.isSignatureValid(body, SECRET, signature)).toBe(false)
    expect(await code(verifyWebhook({ headers: { 'Paddle-Signature': signature }, body }, 'paddle', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect((await verifyWebhook({ headers: { 'Paddle-Signature': signature }, body }, 'paddle', SECRET, { now, toleranceSeconds: 60 })).kind).toBe('event')
  })

  test('h= is not h1=, and a header without ts is malformed (the SDK refuses both too)', async () => {
    const good = h1(SECRET, NOW_S - 1, body)
    for (const value of [`ts=${NOW_S - 1};h=${good}`, `h1=${good}`, `ts=${NOW_S - 1};v1=${good}`]) {
      expect(await sdk.isSignatureValid(body, SECRET, value).catch(() => false)).toBe(false)
      expect(await code(verifyWebhook({ headers: { 'Paddle-Signature': value }, body }, 'paddle', SECRET, { now }))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    }
  })
})

test('the preset has the docs address and the SDKs\' 5 s window', () => {
  const scheme = paddle()
  expect(scheme.docs).toBe('https://developer.paddle.com/webhooks/signature-verification')
  expect(scheme.timestamp).toMatchObject({ label: 'ts', unit: 's', toleranceSeconds: 5 })
})
