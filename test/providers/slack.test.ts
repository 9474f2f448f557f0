// Slack: the docs' worked example both ways, and the two handshakes as Slack's own receivers treat
// them — url_verification answered only once verified, ssl_check=1 answered before any check and
// only when it is exactly that. No Slack SDK is a devDependency, so the oracle is the published
// example (https://api.slack.com/authentication/verifying-requests-from-slack) and node:crypto in
// the documented format, itself pinned to that example.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { slack } from '../../providers/slack.js'

const DOCS = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
}
const SECRET = 'hookseal-slack-interop-signing-secret'
const NOW_S = 1_748_779_200
const now = NOW_S * 1000
const FORM = 'application/x-www-form-urlencoded'

const recipe = (secret: string, ts: string, body: Uint8Array | string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

describe('the docs example', () => {
  test('node:crypto in the documented format reproduces it (the oracle the other tests use)', () => {
    expect(recipe(DOCS.secret, String(DOCS.timestamp), DOCS.body)).toBe(DOCS.signature)
  })

  test('our sign() writes exactly the published signature and timestamp', async () => {
    const headers = await sign('slack', { payload: DOCS.body, secret: DOCS.secret, timestamp: DOCS.timestamp })
    expect(headerOf(headers, 'X-Slack-Signature')).toBe(DOCS.signature)
    expect(headerOf(headers, 'X-Slack-Request-Timestamp')).toBe(String(DOCS.timestamp))
  })

  test('the published request verifies as an event; a rotation list finds the right secret', async () => {
    const request = { headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(DOCS.timestamp), 'x-slack-signature': DOCS.signature }, body: DOCS.body }
    const result = await verifyWebhook(request, 'slack', ['an-older-signing-secret', DOCS.secret], { now: (DOCS.timestamp + 299) * 1000 })
    expect(result.kind).toBe('event')
    expect(result.matchedSecret).toBe(1)
    expect(result.timestamp?.getTime()).toBe(DOCS.timestamp * 1000)
    expect(await code(verifyWebhook(request, 'slack', DOCS.secret, { now: (DOCS.timestamp + 301) * 1000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })
})

describe('interop with the documented recipe', () => {
  const bodies: Record<string, string | Uint8Array> = {
    'JSON with emoji': '{"type":"event_callback","event":{"type":"message","text":"ship it 🚀 — déjà"}}',
    'form': 'command=%2Fdeploy&text=prod&user_name=zo%C3%AB',
    'CRLF': 'a\r\nb\r\n',
    'empty': '',
    'invalid UTF-8': Uint8Array.of(0x7b, 0xff, 0xfe, 0xc0, 0x80, 0x7d),
  }
  test.each(Object.entries(bodies))('our sign() matches node:crypto, and node:crypto → verifyWebhook: %s', async (_, body) => {
    const ts = String(NOW_S - 5)
    const headers = await sign('slack', { payload: body, secret: SECRET, timestamp: NOW_S - 5 })
    expect(headerOf(headers, 'X-Slack-Signature')).toBe(recipe(SECRET, ts, body))
    const request = { headers: { 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': recipe(SECRET, ts, body) }, body: typeof body === 'string' ? body : Buffer.from(body) }
    const result = await verifyWebhook(request, 'slack', SECRET, { now })
    expect(result.kind).toBe('event')
    expect(await code(verifyWebhook(request, 'slack', `${SECRET}x`, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('url_verification: answered only once verified', () => {
  const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: 'c-3eZbrw1aBm2rZg', type: 'url_verification' })
  const ts = String(NOW_S - 1)
  const signed = { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': recipe(SECRET, ts, body) }

  test('a signed challenge resolves as a handshake whose JSON reply echoes the challenge', async () => {
    const result = await verifyWebhook({ headers: signed, body }, 'slack', SECRET, { now })
    expect(result.kind).toBe('handshake')
    expect(result.response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge":"c-3eZbrw1aBm2rZg"}' })
  })

  test('unsigned, wrongly signed or stale, it gets no reply', async () => {
    const { 'X-Slack-Signature': _, ...unsigned } = signed
    expect(await code(verifyWebhook({ headers: unsigned, body }, 'slack', SECRET, { now }))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook({ headers: signed, body }, 'slack', 'another-secret', { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook({ headers: signed, body }, 'slack', SECRET, { now: now + 400_000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a signed body that only looks like one (no string challenge, other type) is an event', async () => {
    for (const other of [{ type: 'url_verification', challenge: 42 }, { type: 'event_callback', challenge: 'x' }, ['url_verification']]) {
      const text = JSON.stringify(other)
      const result = await verifyWebhook({ headers: { 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': recipe(SECRET, ts, text) }, body: text }, 'slack', SECRET, { now })
      expect(result.kind).toBe('event')
      expect(result.response).toBeUndefined()
    }
  })
})

describe('ssl_check: answered before any check, only when exactly ssl_check=1 in a form body', () => {
  const check = (body: string, contentType: string | null) =>
    verifyWebhook({ headers: contentType === null ? {} : { 'Content-Type': contentType }, body }, 'slack', SECRET, { now })

  test.each([
    ['token=gIkuvaNzQIHg97ATvDxqgjtO&ssl_check=1', FORM],
    ['ssl_check=1', `${FORM}; charset=utf-8`],
    ['ssl_check=1&token=x', 'Application/X-WWW-Form-URLEncoded'],
  ])('%s (%s) → empty 200, no secret used', async (body, type) => {
    const result = await check(body, type)
    expect(result.kind).toBe('handshake')
    expect(result.response).toEqual({ status: 200, headers: {}, body: '' })
    expect(result.matchedSecret).toBe(-1)
  })

  test.each([
    ['ssl_check=0', FORM],
    ['ssl_check=true', FORM],
    ['ssl_check=1&ssl_check=1', FORM],
    ['ssl_check=%31%20', FORM],
    ['ssl_check', FORM],
    ['{"ssl_check":"1"}', 'application/json'],
    ['ssl_check=1', 'text/plain'],
    ['ssl_check=1', null],
  ])('%s (%s) is no SSL check: without a signature it is refused', async (body, type) => {
    expect(await code(check(body, type))).toBe('ERR_WEBHOOK_MISSING_HEADER')
  })

  test('a signed ssl_check=1 is still only the SSL check, never an event', async () => {
    const body = 'ssl_check=1&command=%2Fdeploy'
    const ts = String(NOW_S - 1)
    const result = await verifyWebhook({ headers: { 'Content-Type': FORM, 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': recipe(SECRET, ts, body) }, body }, 'slack', SECRET, { now })
    expect(result.kind).toBe('handshake')
    expect(result.response?.body).toBe('')
  })
})

describe('the preset', () => {
  test('is registered, with the docs address and a handshake description for the README', () => {
    const scheme = slack()
    expect(scheme.id).toBe('slack')
    expect(scheme.docs).toBe('https://api.slack.com/authentication/verifying-requests-from-slack')
    expect(scheme.handshakeText).toMatch(/url_verification/)
    expect(scheme.timestamp?.toleranceSeconds).toBe(300)
  })

  test('verifyAny recognises a Slack request among other presets', async () => {
    const body = '{"type":"event_callback"}'
    const ts = String(NOW_S - 1)
    const request = { headers: { 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': recipe(SECRET, ts, body) }, body }
    const result = await verifyAny(request, { github: 'gh-secret', stripe: 'whsec_x', slack: SECRET, zoom: 'zoom-secret' }, { now })
    expect(result.provider).toBe('slack')
  })
})
