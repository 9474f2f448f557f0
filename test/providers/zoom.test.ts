// Zoom: the documented recipe both ways, Zoom's SDK @zoom/rivet both ways, and the
// endpoint.url_validation handshake — answered only once the request is verified, with
// encryptedToken = hex HMAC-SHA256(secret token, plainToken) made with the secret that matched.
// Zoom publishes no signed example and Rivet verifies but does not sign, so the oracles are
// node:crypto in the format of https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events,
// Rivet's exported AwsLambdaReceiver (its handler runs CommonHttpRequest.isEventVerified and answers
// url_validation; the check itself is not exported) and, for the reply, the known answer of Elastic
// Beats' http_endpoint test (validate_CRC_request). Rivet signs JSON.stringify(JSON.parse(body)), so
// what goes through it is compact JSON that re-serialises to itself.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { zoom } from '../../providers/zoom.js'
import { AwsLambdaReceiver } from '@zoom/rivet/meetings'

const SECRET = 'hookseal_zoom_interop_token'
const NOW_S = 1_748_779_200
const now = NOW_S * 1000
const ELASTIC = { secret: 'secretValueTest', plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: '70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff' }

const recipe = (secret: string, ts: string, body: Uint8Array | string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`
const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex')
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
const signed = (secret: string, body: string, ts = String(NOW_S - 1)) => ({ headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': recipe(secret, ts, body) }, body })

/** Rivet's answer to a delivery: its AwsLambdaReceiver handler given a Lambda event (its console.debug log silenced). */
async function rivet(secret: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret }).start()
  const debug = console.debug
  console.debug = () => {}
  try {
    const reply = await handler({ headers, body, isBase64Encoded: false } as never, {} as never)
    return { status: reply.statusCode, body: JSON.parse(reply.body) as Record<string, unknown> }
  } finally {
    console.debug = debug
  }
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

describe('interop with the documented recipe', () => {
  const bodies: Record<string, string | Uint8Array> = {
    'event with emoji': '{"event":"meeting.started","payload":{"object":{"topic":"Revue 🚀"}},"event_ts":1748779198000}',
    'CRLF': '{\r\n"event":"x"\r\n}',
    'empty': '',
    'invalid UTF-8': Uint8Array.of(0x7b, 0xff, 0x80, 0x7d),
  }
  test.each(Object.entries(bodies))('our sign() matches node:crypto, and node:crypto → verifyWebhook: %s', async (_, body) => {
    const ts = String(NOW_S - 5)
    const headers = await sign('zoom', { payload: body, secret: SECRET, timestamp: NOW_S - 5 })
    expect(headerOf(headers, 'x-zm-signature')).toBe(recipe(SECRET, ts, body))
    expect(headerOf(headers, 'x-zm-request-timestamp')).toBe(ts)
    const request = { headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': recipe(SECRET, ts, body) }, body: Buffer.from(body) }
    expect((await verifyWebhook(request, 'zoom', SECRET, { now })).kind).toBe('event')
    expect(await code(verifyWebhook(request, 'zoom', `${SECRET}x`, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('interop with @zoom/rivet (AwsLambdaReceiver → CommonHttpRequest.isEventVerified)', () => {
  const events: Record<string, string> = {
    'meeting.started with emoji': JSON.stringify({ event: 'meeting.started', payload: { account_id: 'AAAAAABBBB', object: { id: '81234567890', topic: 'Revue hebdo — équipe 🚀' } }, event_ts: now - 2500 }),
    'recording.completed with URL and quotes': JSON.stringify({ event: 'recording.completed', payload: { object: { share_url: 'https://zoom.us/rec/share/x?a=1&b=2', topic: 'Say "hi" <3' } }, event_ts: now - 900 }),
  }

  test.each(Object.entries(events))('our sign() → Rivet accepts, with the right token only: %s', async (_, body) => {
    const headers = await sign('zoom', { payload: body, secret: SECRET, timestamp: NOW_S - 3 })
    expect(await rivet(SECRET, headers, body)).toEqual({ status: 200, body: { message: 'Zoom event processed successfully.' } })
    expect((await rivet(`${SECRET}x`, headers, body)).status).toBe(400)
    expect((await rivet(SECRET, headers, JSON.stringify({ ...JSON.parse(body), event_ts: now }))).status).toBe(400)
  })

  test.each(Object.entries(events))('what Rivet accepts → verifyWebhook accepts; what it refuses, we refuse: %s', async (_, body) => {
    const request = signed(SECRET, body)
    expect((await rivet(SECRET, request.headers, body)).status).toBe(200)
    expect((await verifyWebhook(request, 'zoom', SECRET, { now })).kind).toBe('event')
    const forged = { ...request, headers: { ...request.headers, 'x-zm-signature': recipe('not-the-token', request.headers['x-zm-request-timestamp'], body) } }
    expect((await rivet(SECRET, forged.headers, body)).status).toBe(400)
    expect(await code(verifyWebhook(forged, 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('url_validation: Rivet\'s reply and ours carry the same encryptedToken (Elastic\'s vector, and a fresh one via our sign())', async () => {
    for (const [secret, plainToken] of [[ELASTIC.secret, ELASTIC.plainToken], [SECRET, 'Vx3kR9mQ2aT7bL1nC5dF8g']] as const) {
      const body = JSON.stringify({ payload: { plainToken }, event_ts: now - 1000, event: 'endpoint.url_validation' })
      const headers = await sign('zoom', { payload: body, secret, timestamp: NOW_S - 1 })
      const theirs = await rivet(secret, headers, body)
      expect(theirs.status).toBe(200)
      const ours = await verifyWebhook({ headers, body }, 'zoom', secret, { now })
      expect(ours.kind).toBe('handshake')
      expect(JSON.parse(ours.response!.body)).toEqual(theirs.body)
      if (secret === ELASTIC.secret) expect(theirs.body.encryptedToken).toBe(ELASTIC.encryptedToken)
      // unsigned, Rivet gives no token and neither do we
      expect((await rivet(secret, { 'x-zm-request-timestamp': String(NOW_S - 1) }, body)).status).toBe(400)
      expect(await code(verifyWebhook({ headers: { 'x-zm-request-timestamp': String(NOW_S - 1) }, body }, 'zoom', secret, { now }))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    }
  })

  test('by design: Rivet checks no window, hookseal refuses a delivery 301 s old or ahead', async () => {
    const body = events['meeting.started with emoji']!
    for (const [ts, expected] of [[NOW_S - 301, 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD'], [NOW_S + 301, 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE']] as const) {
      const request = signed(SECRET, body, String(ts))
      expect((await rivet(SECRET, request.headers, body)).status).toBe(200)
      expect(await code(verifyWebhook(request, 'zoom', SECRET, { now }))).toBe(expected)
    }
  })

  test('by design: Rivet checks JSON.stringify of the parsed body, hookseal the bytes received', async () => {
    const compact = events['meeting.started with emoji']!
    const spaced = JSON.stringify(JSON.parse(compact), null, 1)
    // signed over the bytes sent: hookseal accepts, Rivet (re-serialising) does not
    const raw = signed(SECRET, spaced)
    expect((await verifyWebhook(raw, 'zoom', SECRET, { now })).kind).toBe('event')
    expect((await rivet(SECRET, raw.headers, spaced)).status).toBe(400)
    // signed over Rivet's re-serialisation but sent spaced: Rivet accepts, hookseal does not
    const reserialised = { ...signed(SECRET, compact), body: spaced }
    expect((await rivet(SECRET, reserialised.headers, spaced)).status).toBe(200)
    expect(await code(verifyWebhook(reserialised, 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('endpoint.url_validation', () => {
  const validation = (plainToken: unknown) => JSON.stringify({ payload: { plainToken }, event_ts: now - 1000, event: 'endpoint.url_validation' })

  test('the reply for Elastic\'s secret and Zoom\'s example plainToken is Elastic\'s published encryptedToken', async () => {
    const result = await verifyWebhook(signed(ELASTIC.secret, validation(ELASTIC.plainToken)), 'zoom', ELASTIC.secret, { now })
    expect(result.kind).toBe('handshake')
    expect(result.response?.status).toBe(200)
    expect(result.response?.headers).toEqual({ 'content-type': 'application/json' })
    expect(JSON.parse(result.response!.body)).toEqual({ plainToken: ELASTIC.plainToken, encryptedToken: ELASTIC.encryptedToken })
  })

  test('during a rotation the reply is made with the secret that verified the request', async () => {
    const body = validation('Vx3kR9mQ2aT7bL1nC5dF8g')
    const result = await verifyWebhook(signed(SECRET, body), 'zoom', ['an-older-zoom-token', SECRET], { now })
    expect(result.matchedSecret).toBe(1)
    expect(JSON.parse(result.response!.body)).toEqual({ plainToken: 'Vx3kR9mQ2aT7bL1nC5dF8g', encryptedToken: hmacHex(SECRET, 'Vx3kR9mQ2aT7bL1nC5dF8g') })
  })

  test('unsigned, wrongly signed or stale, it gets no reply', async () => {
    const body = validation('Vx3kR9mQ2aT7bL1nC5dF8g')
    expect(await code(verifyWebhook({ headers: { 'content-type': 'application/json' }, body }, 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook(signed('another-token', body), 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook(signed(SECRET, body, String(NOW_S - 301)), 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a signed body without a string plainToken, or another event, is an event', async () => {
    for (const body of [validation(12345), JSON.stringify({ event: 'endpoint.url_validation' }), JSON.stringify({ event: 'meeting.ended', payload: { plainToken: 'x' } })]) {
      const result = await verifyWebhook(signed(SECRET, body), 'zoom', SECRET, { now })
      expect(result.kind).toBe('event')
      expect(result.response).toBeUndefined()
    }
  })
})

describe('the preset', () => {
  test('has the docs address, seconds timestamps and hookseal\'s 300 s window (Zoom documents none)', () => {
    const scheme = zoom()
    expect(scheme.docs).toMatch(/^https:\/\/developers\.zoom\.us\//)
    expect(scheme.timestamp).toMatchObject({ unit: 's', toleranceSeconds: 300 })
    expect(scheme.handshakeText).toMatch(/endpoint\.url_validation/)
  })

  test('options.toleranceSeconds widens the window for a slow retry', async () => {
    const request = signed(SECRET, '{"event":"meeting.ended"}', String(NOW_S - 900))
    expect(await code(verifyWebhook(request, 'zoom', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect((await verifyWebhook(request, 'zoom', SECRET, { now, toleranceSeconds: 1000 })).kind).toBe('event')
  })

  test('verifyAny recognises a Zoom request next to Slack (same v0 format, other headers)', async () => {
    const result = await verifyAny(signed(SECRET, '{"event":"meeting.ended"}'), { slack: 'slack-secret', zoom: SECRET }, { now })
    expect(result.provider).toBe('zoom')
  })
})
