// options.replay in the engine: checked after the signature and the time window (an unsigned or
// stale request never reaches the store), never for handshakes; the key is `<scheme>:<id>` where
// the delivery has an id, plus the signed content when that id is not covered by the signature,
// the signed content alone when there is no id. Deliveries come from the recorded fixtures (provider
// docs and official SDKs) and from the official SDKs' own signers, never from our sign().
import { createHmac } from 'node:crypto'
import { sign as octokitSign } from '@octokit/webhooks-methods'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { describe, expect, test } from 'vitest'
import { createVerifier, verifyWebhook, WebhookVerificationError, type VerifyOptions } from '../../src/index.js'
import { memoryReplayStore, type ReplayStore } from '../../src/replay/index.js'
import { loadFixtures, methodOf, type Fixture } from '../providers/load-fixtures.js'

type Call = { key: string; ttlSeconds: number }

/** A memory store that records what the engine asks. */
function spyStore(inner: ReplayStore = memoryReplayStore()): ReplayStore & { calls: Call[] } {
  const calls: Call[] = []
  return {
    calls,
    checkAndRemember(key, ttlSeconds) {
      calls.push({ key, ttlSeconds })
      return inner.checkAndRemember(key, ttlSeconds)
    },
  }
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'expected a rejection').toBeInstanceOf(WebhookVerificationError)
  const { code, status } = error as WebhookVerificationError
  return { code, status }
}

const REPLAYED = { code: 'ERR_WEBHOOK_REPLAYED', status: 409 }
const fixtures = loadFixtures()
const request = (f: Fixture) => ({ method: methodOf(f), headers: f.headers, body: Buffer.from(f.bytes) })
const optionsOf = (f: Fixture, replay: ReplayStore): VerifyOptions => ({ ...f.options, now: f.now, replay })

describe('every preset: a genuine delivery is accepted once, then refused as a replay', () => {
  const genuine = fixtures.filter((f) => f.expect === 'ok' && (f.expectKind ?? 'event') === 'event')
  test.each(genuine.map((f) => [`${f.preset}/${f.name}`, f] as const))('%s', async (_, f) => {
    const store = spyStore()
    const first = await verifyWebhook(request(f), f.preset, f.secret, optionsOf(f, store))
    expect(store.calls.length).toBeGreaterThan(0)
    const keys = store.calls.map((c) => c.key)
    if (first.id !== undefined) {
      if (f.expectId !== undefined) expect(first.id).toBe(f.expectId)
      expect(keys[0]).toBe(`${f.preset}:${first.id}`)
    } else {
      expect(keys).toHaveLength(1)
      expect(keys[0]).toMatch(new RegExp(`^${f.preset}:sig:[0-9a-f]{64}$`))
    }
    // the secret (a token scheme's "signature" is the secret itself) never reaches the store
    for (const key of keys) expect(key.includes(f.secret)).toBe(false)
    for (const { ttlSeconds } of store.calls) expect(ttlSeconds).toBeGreaterThan(0)
    expect(await codeOf(verifyWebhook(request(f), f.preset, f.secret, optionsOf(f, store)))).toEqual(REPLAYED)
    // another verifier (another replica) sharing the store refuses it too
    const other = createVerifier(f.preset, f.secret, optionsOf(f, store))
    expect(await codeOf(other.verify(request(f)))).toEqual(REPLAYED)
  })
})

describe('the store is never touched before the signature and the window pass', () => {
  const refused = fixtures.filter((f) => f.expect !== 'ok')
  test(`${refused.length} tampered, unsigned, stale or malformed fixtures`, async () => {
    expect(refused.length).toBeGreaterThan(100)
    for (const f of refused) {
      const store = spyStore()
      const error = await codeOf(verifyWebhook(request(f), f.preset, f.secret, optionsOf(f, store)))
      expect(error.code, `${f.preset}/${f.name}`).toBe(f.expect)
      expect(store.calls, `${f.preset}/${f.name}`).toEqual([])
    }
  })

  test('handshakes (Discord PING, Zoom url_validation, Meta subscribe) are not remembered', async () => {
    const handshakes = fixtures.filter((f) => f.expect === 'ok' && f.expectKind === 'handshake')
    expect(handshakes.length).toBeGreaterThan(0)
    for (const f of handshakes) {
      const store = spyStore()
      const out = await verifyWebhook(request(f), f.preset, f.secret, optionsOf(f, store))
      expect(out.kind).toBe('handshake')
      expect(store.calls).toEqual([])
    }
  })
})

describe('keys', () => {
  const SECRET = "It's a Secret to Everybody"
  const BODY = 'Hello, World!'

  test('GitHub: X-GitHub-Delivery is not signed, so a replay under a new delivery id is still refused', async () => {
    const signature = await octokitSign(SECRET, BODY)
    const store = spyStore()
    const delivery = (id: string, body = BODY, sig = signature) => ({ headers: { 'X-Hub-Signature-256': sig, 'X-GitHub-Delivery': id }, body })
    const ok = await verifyWebhook(delivery('72d3162e-cc78-11e3-81ab-4c9367dc0958'), 'github', SECRET, { replay: store })
    expect(ok.id).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958')
    expect(store.calls.map((c) => c.key)).toEqual(['github:72d3162e-cc78-11e3-81ab-4c9367dc0958', expect.stringMatching(/^github:sig:[0-9a-f]{64}$/)])
    // no timestamp: the default 300 s window
    expect(store.calls.map((c) => c.ttlSeconds)).toEqual([300, 300])
    expect(await codeOf(verifyWebhook(delivery('72d3162e-cc78-11e3-81ab-4c9367dc0958'), 'github', SECRET, { replay: store }))).toEqual(REPLAYED)
    expect(await codeOf(verifyWebhook(delivery('00000000-0000-0000-0000-000000000000'), 'github', SECRET, { replay: store }))).toEqual(REPLAYED)
    // a different delivery is fine
    const other = '{"zen":"Design for failure."}'
    await verifyWebhook(delivery('11111111-1111-1111-1111-111111111111', other, await octokitSign(SECRET, other)), 'github', SECRET, { replay: store })
  })

  test('Standard Webhooks: webhook-id is signed, so a retry with a new timestamp is refused by the id alone', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const wh = new Webhook(secret)
    const body = '{"type":"contact.created"}'
    const now = 1_700_000_000_000
    const at = (t: number, id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W') => ({
      headers: { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': wh.sign(id, new Date(t * 1000), body) },
      body,
    })
    const store = spyStore()
    const first = await verifyWebhook(at(now / 1000 - 10), 'standard-webhooks', secret, { now, replay: store })
    expect(first.id).toBe('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W')
    expect(store.calls.map((c) => c.key)).toEqual(['standard-webhooks:msg_2KWPBgLlAfxdpx2AI54pPJ85f4W'])
    // kept until the delivery falls out of the window (t + 300 s), not much longer
    const ttl = store.calls[0]!.ttlSeconds
    expect(now + ttl * 1000).toBeGreaterThanOrEqual((now / 1000 - 10 + 300) * 1000)
    expect(ttl).toBeLessThanOrEqual(292)
    expect(await codeOf(verifyWebhook(at(now / 1000 - 5), 'standard-webhooks', secret, { now, replay: store }))).toEqual(REPLAYED)
    await verifyWebhook(at(now / 1000 - 5, 'msg_other'), 'standard-webhooks', secret, { now, replay: store })
  })

  test("Stripe: the key is the event id from the verified body (the result's lazy id)", async () => {
    const secret = 'whsec_test_secret'
    const now = 1_700_000_000_000
    const event = (id: string, t: number) => {
      const payload = JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded' })
      return { headers: { 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: t }) }, body: payload }
    }
    const store = spyStore()
    const first = await verifyWebhook(event('evt_1NG8Du2eZvKYlo2CUI79vXWy', now / 1000), 'stripe', secret, { now, replay: store })
    expect(store.calls.map((c) => c.key)).toEqual(['stripe:evt_1NG8Du2eZvKYlo2CUI79vXWy'])
    expect(first.id).toBe('evt_1NG8Du2eZvKYlo2CUI79vXWy')
    // Stripe's retry of the same event carries a new t= and signature: still the same event
    expect(await codeOf(verifyWebhook(event('evt_1NG8Du2eZvKYlo2CUI79vXWy', now / 1000 + 60), 'stripe', secret, { now, replay: store }))).toEqual(REPLAYED)
    await verifyWebhook(event('evt_other', now / 1000), 'stripe', secret, { now, replay: store })
  })

  test('Telegram (a token scheme, no id): keyed by the body, never by the token', async () => {
    const token = 'Ab9_-telegram-secret-token'
    const update = (n: number) => ({ headers: { 'X-Telegram-Bot-Api-Secret-Token': token }, body: JSON.stringify({ update_id: n }) })
    const store = spyStore()
    await verifyWebhook(update(1), 'telegram', token, { replay: store })
    await verifyWebhook(update(2), 'telegram', token, { replay: store })
    expect(await codeOf(verifyWebhook(update(1), 'telegram', token, { replay: store }))).toEqual(REPLAYED)
    expect(new Set(store.calls.map((c) => c.key)).size).toBe(2)
    for (const { key } of store.calls) expect(key.includes(token)).toBe(false)
  })

  test('SendGrid (ECDSA, no id): the malleable twin (r, n−s) of a signature is refused as the same delivery', async () => {
    const f = fixtures.find((x) => x.preset === 'sendgrid' && x.name === 'sdk-single-event')!
    const header = 'X-Twilio-Email-Event-Webhook-Signature'
    const twin = { ...f, headers: { ...f.headers, [header]: highS(f.headers[header]!) } }
    expect(twin.headers[header]).not.toBe(f.headers[header])
    // the twin is a valid signature on its own: without replay protection both are accepted
    await verifyWebhook(request(twin), 'sendgrid', f.secret, { now: f.now })
    const store = spyStore()
    await verifyWebhook(request(f), 'sendgrid', f.secret, optionsOf(f, store))
    expect(await codeOf(verifyWebhook(request(twin), 'sendgrid', f.secret, optionsOf(f, store)))).toEqual(REPLAYED)
  })

  test('schemes share a store without colliding: keys carry the scheme id', async () => {
    const store = spyStore()
    const body = '{"ok":true}'
    const hub = { headers: { 'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', 'k').update(body).digest('hex') }, body }
    await verifyWebhook(hub, 'hub', 'k', { replay: store })
    await verifyWebhook({ ...hub, headers: { ...hub.headers, 'X-GitHub-Delivery': 'd1' } }, 'github', 'k', { replay: store })
    expect(store.calls.map((c) => c.key.split(':')[0])).toEqual(['hub', 'github', 'github'])
  })
})

describe('options.replay', () => {
  const body = '{"n":1}'
  const hub = { headers: { 'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', 'k').update(body).digest('hex') }, body }

  test('true: one memory store for the process, so the one-shot verifyWebhook is protected too', async () => {
    const v = createVerifier('hub', 'k', { replay: true })
    await v.verify(hub)
    expect(await codeOf(v.verify(hub))).toEqual(REPLAYED)
    expect(await codeOf(verifyWebhook(hub, 'hub', 'k', { replay: true }))).toEqual(REPLAYED)
    const fresh = { ...hub, body: '{"n":2}', headers: { 'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', 'k').update('{"n":2}').digest('hex') } }
    await verifyWebhook(fresh, 'hub', 'k', { replay: true })
    expect(await codeOf(verifyWebhook(fresh, 'hub', 'k', { replay: true }))).toEqual(REPLAYED)
    // false and undefined: no replay protection
    for (const replay of [false, undefined]) {
      const plain = createVerifier('hub', 'k', { replay })
      await plain.verify(hub)
      await plain.verify(hub)
    }
  })

  test('concurrent deliveries of one request in one process: exactly one is accepted', async () => {
    const v = createVerifier('hub', 'k', { replay: memoryReplayStore() })
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => v.verify(hub)))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as WebhookVerificationError).code).toBe('ERR_WEBHOOK_REPLAYED')
  })

  test('a store that fails, or answers anything but true, never lets the delivery through', async () => {
    const throwing: ReplayStore = { checkAndRemember: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) }
    const syncThrowing: ReplayStore = {
      checkAndRemember: () => {
        throw new Error('boom')
      },
    }
    for (const store of [throwing, syncThrowing]) {
      expect(await codeOf(verifyWebhook(hub, 'hub', 'k', { replay: store }))).toEqual({ code: 'ERR_WEBHOOK_REPLAY_STORE_UNAVAILABLE', status: 503 })
    }
    for (const answer of [undefined, 1, 'OK', null]) {
      const odd = { checkAndRemember: () => Promise.resolve(answer) } as unknown as ReplayStore
      expect(await codeOf(verifyWebhook(hub, 'hub', 'k', { replay: odd }))).toEqual(REPLAYED)
    }
  })

  test('a value that is not a store is a TypeError when the verifier is created', () => {
    for (const bad of [{}, 'redis', 1, { checkAndRemember: 'yes' }]) {
      expect(() => createVerifier('hub', 'k', { replay: bad as never })).toThrow(TypeError)
    }
  })
})

// P-256 group order; (r, s) and (r, n − s) are both valid ECDSA signatures of the same message.
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

/** The DER signature (base64) with s replaced by n − s. */
function highS(base64: string): string {
  const der = Buffer.from(base64, 'base64')
  const rLen = der[3]!
  const r = der.subarray(4, 4 + rLen)
  const sLen = der[5 + rLen]!
  const s = BigInt('0x' + der.subarray(6 + rLen, 6 + rLen + sLen).toString('hex'))
  let hex = (N - s).toString(16)
  if (hex.length % 2) hex = '0' + hex
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = '00' + hex
  const s2 = Buffer.from(hex, 'hex')
  const body = Buffer.concat([Buffer.from([0x02, r.length]), r, Buffer.from([0x02, s2.length]), s2])
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('base64')
}
