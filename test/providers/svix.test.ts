// svix (and its aliases clerk and resend): interop both ways with the `svix` package, the svix-* and
// white-labelled webhook-* header names (read per header, svix- first, as the package does), what
// the aliases report as `provider`, and how verifyAny tells them apart. Runs on every crypto backend.
import { Webhook } from 'svix'
import { describe, expect, test, vi } from 'vitest'
import { describeRow, presets, sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const OTHER = 'whsec_dGhlIG90aGVyIGVuZHBvaW50IHNlY3JldCE='
const TS = 1_748_779_200
const NOW = TS * 1000 + 2000

// Svix delivers JSON, and the svix package parses what it verified (it throws on anything else), so
// every body here is JSON: compact, with emoji, and pretty-printed with CRLF line ends.
const bodies: Record<string, string> = {
  'compact': '{"type":"user.created","object":"event","data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC"}}',
  'emoji': '{"type":"email.delivered","data":{"subject":"ship it 🚀🎉 — Zoë","to":["🏳️‍🌈@example.com"]}}',
  'CRLF': '{\r\n  "type": "invoice.paid",\r\n  "data": { "id": "inv_1042" }\r\n}\r\n',
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

/** The svix package's verdict with its clock at NOW (it reads Date.now itself). */
function packageVerify(secret: string, body: string, headers: Record<string, string>): unknown {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  try {
    return new Webhook(secret).verify(body, headers)
  } finally {
    vi.useRealTimers()
  }
}

const svixSigned = (body: string, secret = SECRET, prefix = 'svix') => ({
  [`${prefix}-id`]: 'msg_2xQh0q8sV4wL1bN6mC3tZ9kR5pA',
  [`${prefix}-timestamp`]: String(TS),
  [`${prefix}-signature`]: new Webhook(secret).sign('msg_2xQh0q8sV4wL1bN6mC3tZ9kR5pA', new Date(TS * 1000), body),
})

describe('svix ↔ the svix package', () => {
  test.each(Object.entries(bodies))('our sign() → Webhook.verify accepts: %s', async (_, body) => {
    // the package reads the real clock, so the delivery is stamped now (5 min window)
    const headers = await sign('svix', { payload: body, secret: SECRET, id: 'msg_interop' })
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['svix-id', 'svix-timestamp', 'svix-signature']))
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(OTHER).verify(body, headers)).toThrow()
  })

  test.each(Object.entries(bodies).flatMap(([n, b]) => (['svix', 'webhook'] as const).map((p) => [n, p, b] as const)))('Webhook.sign → verifyWebhook accepts: %s, %s-* headers', async (_, prefix, body) => {
    const headers = svixSigned(body, SECRET, prefix)
    const result = await verifyWebhook({ headers, body }, 'svix', SECRET, { now: NOW })
    expect(result.provider).toBe('svix')
    expect(result.payload).toEqual(JSON.parse(body))
    expect(result.id).toBe('msg_2xQh0q8sV4wL1bN6mC3tZ9kR5pA')
    expect(result.timestamp?.getTime()).toBe(TS * 1000)
    expect(await codeOf(verifyWebhook({ headers, body }, 'svix', OTHER, { now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('each header is read under its svix- name first, then its webhook- name, as the package does', async () => {
    const body = bodies.compact!
    const svixNames = svixSigned(body)
    const mixed = { 'svix-id': svixNames['svix-id']!, 'webhook-timestamp': svixNames['svix-timestamp']!, 'webhook-signature': svixNames['svix-signature']! }
    expect(packageVerify(SECRET, body, mixed)).toEqual(JSON.parse(body))
    expect((await verifyWebhook({ headers: mixed, body }, 'svix', SECRET, { now: NOW })).id).toBe(svixNames['svix-id'])
    // a svix- header present wins even when its webhook- twin would have matched
    const shadowed = { ...svixSigned(body, SECRET, 'webhook'), 'svix-signature': svixSigned(body, OTHER)['svix-signature']! }
    expect(() => packageVerify(SECRET, body, shadowed)).toThrow()
    expect(await codeOf(verifyWebhook({ headers: shadowed, body }, 'svix', SECRET, { now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('standard-webhooks reads only the webhook-* names', async () => {
    const body = bodies.compact!
    expect(await codeOf(verifyWebhook({ headers: svixSigned(body), body }, 'standard-webhooks', SECRET, { now: NOW }))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect((await verifyWebhook({ headers: svixSigned(body, SECRET, 'webhook'), body }, 'standard-webhooks', SECRET, { now: NOW })).provider).toBe('standard-webhooks')
  })

  test('the presets table lists both timestamp header names', () => {
    expect(describeRow(presets.svix).headers).toContain('svix-timestamp, webhook-timestamp')
  })
})

describe('aliases: clerk and resend report their own id', () => {
  test.each(['clerk', 'resend'] as const)('%s verifies a Svix delivery and reports provider %s', async (id) => {
    const body = bodies.emoji!
    const result = await verifyWebhook({ headers: svixSigned(body), body }, id, SECRET, { now: NOW })
    expect(result.provider).toBe(id)
    expect(presets[id].id).toBe(id)
    // the same scheme as svix in every field but the names, hint and docs
    const { id: _a, name: _b, hint: _c, docs: _d, ...scheme } = presets[id]
    const { id: _e, name: _f, hint: _g, docs: _h, ...svixScheme } = presets.svix
    expect(scheme).toEqual(svixScheme)
  })

  test.each(['clerk', 'resend'] as const)('our sign(%s) is accepted by the svix package', async (id) => {
    const body = bodies.compact!
    const headers = await sign(id, { payload: body, secret: SECRET })
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body))
  })
})

describe('verifyAny with the Svix family', () => {
  const body = bodies.compact!
  const stripeSecret = 'whsec_hooksealFixturesStripeSigningSecret0123'

  test('a svix-* delivery goes to the one Svix-family preset configured', async () => {
    expect((await verifyAny({ headers: svixSigned(body), body }, { clerk: SECRET, stripe: stripeSecret }, { now: NOW })).provider).toBe('clerk')
    expect((await verifyAny({ headers: svixSigned(body), body }, { 'standard-webhooks': OTHER, svix: SECRET }, { now: NOW })).provider).toBe('svix')
  })

  test('two Svix-family presets cannot be told apart by their headers: unknown provider', async () => {
    expect(await codeOf(verifyAny({ headers: svixSigned(body), body }, { clerk: SECRET, resend: OTHER }, { now: NOW }))).toBe('ERR_WEBHOOK_UNKNOWN_PROVIDER')
    expect(await codeOf(verifyAny({ headers: svixSigned(body, SECRET, 'webhook'), body }, { 'standard-webhooks': SECRET, svix: SECRET }, { now: NOW }))).toBe('ERR_WEBHOOK_UNKNOWN_PROVIDER')
  })
})
