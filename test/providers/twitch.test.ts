// Twitch EventSub: Twitch4J's published known answer, the documented recipe both ways (with
// nanosecond RFC 3339 timestamps), and the webhook_callback_verification handshake — answered
// only once verified, with the raw challenge as text/plain. No Twitch SDK is a devDependency;
// the oracles are Twitch4J's vector and node:crypto in the format of
// https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { twitch } from '../../providers/twitch.js'

// twitch4j EventSubVerifierTest.validateSignature
const T4J = {
  secret: 'Twitch4J',
  id: '7d4c39a4-10b3-4166-b1fb-56130d1f693b',
  timestamp: '2020-12-13T14:15:16.1718Z',
  body: '{"hello":"world"}',
  signature: 'sha256=2ac8d26bf60837663d8969f3cb4f22f685c8fa0a4b99d533c8bf622ed4596cc6',
}
const SECRET = 'hookseal-twitch-interop-secret'
const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0)

const recipe = (secret: string, id: string, ts: string, body: Uint8Array | string) => `sha256=${createHmac('sha256', secret).update(id).update(ts).update(body).digest('hex')}`
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

function message(body: string, { id = 'e76c6bd4-55c9-4987-8304-da1588d8988b', ts = '2025-06-01T11:59:58.634234626Z', type = 'notification', secret = SECRET } = {}) {
  return {
    headers: {
      'Twitch-Eventsub-Message-Id': id,
      'Twitch-Eventsub-Message-Timestamp': ts,
      'Twitch-Eventsub-Message-Type': type,
      'Twitch-Eventsub-Message-Signature': recipe(secret, id, ts, body),
    },
    body,
  }
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

describe('Twitch4J\'s known answer', () => {
  test('node:crypto in the documented format reproduces it', () => {
    expect(recipe(T4J.secret, T4J.id, T4J.timestamp, T4J.body)).toBe(T4J.signature)
  })

  test('it verifies, with the message id and the timestamp read back', async () => {
    const request = {
      headers: { 'Twitch-Eventsub-Message-Id': T4J.id, 'Twitch-Eventsub-Message-Timestamp': T4J.timestamp, 'Twitch-Eventsub-Message-Signature': T4J.signature },
      body: T4J.body,
    }
    const result = await verifyWebhook(request, 'twitch', T4J.secret, { now: Date.parse(T4J.timestamp) + 599_000 })
    expect(result.kind).toBe('event')
    expect(result.id).toBe(T4J.id)
    expect(result.timestamp?.toISOString()).toBe('2020-12-13T14:15:16.171Z')
    expect(await code(verifyWebhook(request, 'twitch', T4J.secret, { now: Date.parse(T4J.timestamp) + 601_000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await code(verifyWebhook(request, 'twitch', 's3cRe7', { now: Date.parse(T4J.timestamp) }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('interop with the documented recipe', () => {
  const bodies: Record<string, string | Uint8Array> = {
    'notification with emoji': '{"subscription":{"type":"channel.follow"},"event":{"user_name":"Zoë 🎮"}}',
    'CRLF': '{\r\n}\r\n',
    'empty': '',
    'invalid UTF-8': Uint8Array.of(0x7b, 0xc0, 0xaf, 0x7d),
  }
  test.each(Object.entries(bodies))('our sign() matches node:crypto, and node:crypto → verifyWebhook: %s', async (_, body) => {
    const id = 'f1c2a387-161a-49f9-a165-0f21d7a4e1c4'
    const headers = await sign('twitch', { payload: body, secret: SECRET, timestamp: NOW_MS / 1000 - 5, id })
    const ts = headerOf(headers, 'Twitch-Eventsub-Message-Timestamp')!
    expect(ts).toBe('2025-06-01T11:59:55.000Z')
    expect(headerOf(headers, 'Twitch-Eventsub-Message-Id')).toBe(id)
    expect(headerOf(headers, 'Twitch-Eventsub-Message-Signature')).toBe(recipe(SECRET, id, ts, body))

    const nano = '2025-06-01T11:59:55.123456789Z'
    const request = { headers: { 'Twitch-Eventsub-Message-Id': id, 'Twitch-Eventsub-Message-Timestamp': nano, 'Twitch-Eventsub-Message-Signature': recipe(SECRET, id, nano, body) }, body: Buffer.from(body) }
    const result = await verifyWebhook(request, 'twitch', SECRET, { now: NOW_MS })
    expect(result.id).toBe(id)
    expect(result.timestamp?.getTime()).toBe(Date.parse('2025-06-01T11:59:55.123Z'))
    expect(await code(verifyWebhook(request, 'twitch', `${SECRET}x`, { now: NOW_MS }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('timestamps with an offset, a lower-case t/z or nine fraction digits are read; others are malformed', async () => {
    for (const ts of ['2025-06-01T13:59:58+02:00', '2025-06-01t11:59:58.5z', '2025-06-01T11:59:58.000000001Z']) {
      expect((await verifyWebhook(message('{}', { ts }), 'twitch', SECRET, { now: NOW_MS })).kind).toBe('event')
    }
    for (const ts of ['1748779198', '2025-06-01T11:59:58', '2025-06-01T11:59:58.1234567891Z', 'Sun, 01 Jun 2025 11:59:58 GMT']) {
      expect(await code(verifyWebhook(message('{}', { ts }), 'twitch', SECRET, { now: NOW_MS }))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
    }
  })
})

describe('webhook_callback_verification', () => {
  const body = JSON.stringify({ challenge: 'pogchamp-kappa-360noscope-vohiyo', subscription: { status: 'webhook_callback_verification_pending', type: 'channel.follow' } })

  test('once verified, the raw challenge is the text/plain reply', async () => {
    const result = await verifyWebhook(message(body, { type: 'webhook_callback_verification' }), 'twitch', SECRET, { now: NOW_MS })
    expect(result.kind).toBe('handshake')
    expect(result.response).toEqual({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'pogchamp-kappa-360noscope-vohiyo' })
  })

  test('unsigned, wrongly signed or stale, it gets no reply', async () => {
    const signedReq = message(body, { type: 'webhook_callback_verification' })
    const { 'Twitch-Eventsub-Message-Signature': _, ...unsigned } = signedReq.headers
    expect(await code(verifyWebhook({ headers: unsigned, body }, 'twitch', SECRET, { now: NOW_MS }))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook(message(body, { type: 'webhook_callback_verification', secret: 'other-secret' }), 'twitch', SECRET, { now: NOW_MS }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook(signedReq, 'twitch', SECRET, { now: NOW_MS + 700_000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('the (unsigned) type header alone never makes a handshake: a notification relabelled stays an event', async () => {
    const notification = '{"subscription":{"type":"channel.follow"},"event":{"user_id":"1234"}}'
    const result = await verifyWebhook(message(notification, { type: 'webhook_callback_verification' }), 'twitch', SECRET, { now: NOW_MS })
    expect(result.kind).toBe('event')
    expect(result.response).toBeUndefined()
  })

  test('a challenge in a notification or revocation is not answered', async () => {
    for (const type of ['notification', 'revocation']) {
      const result = await verifyWebhook(message(body, { type }), 'twitch', SECRET, { now: NOW_MS })
      expect(result.kind).toBe('event')
    }
  })
})

describe('the preset', () => {
  test('has the docs address, RFC 3339 timestamps and the 10-minute window', () => {
    const scheme = twitch()
    expect(scheme.docs).toMatch(/^https:\/\/dev\.twitch\.tv\//)
    expect(scheme.timestamp).toMatchObject({ unit: 'rfc3339', toleranceSeconds: 600 })
  })

  test('verifyAny recognises a Twitch message', async () => {
    const result = await verifyAny(message('{}'), { github: 'gh', slack: 'sl', twitch: SECRET }, { now: NOW_MS })
    expect(result.provider).toBe('twitch')
  })
})
