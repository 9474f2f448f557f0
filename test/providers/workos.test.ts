// WorkOS ↔ @workos-inc/node: what our sign() sends, the official SDK accepts (webhooks.constructEvent
// and verifyHeader, its clock frozen with fake timers); what the SDK signs (webhooks.computeSignature),
// verifyWebhook accepts; and where hookseal differs on purpose (a future t is refused, only v1= counts,
// the window is configurable on both sides) both sides are pinned. The SDK takes the payload parsed and
// signs JSON.stringify(payload), so the bodies here are compact JSON that re-serialises to itself.
import { WorkOS } from '@workos-inc/node'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { defineScheme } from '../../src/core/scheme.js'
import { workos } from '../../providers/workos.js'

const SECRET = 'hookseal_workos_interop_webhook_secret'
const OTHER = 'another_workos_endpoint_webhook_secret'
const NOW_S = 1_748_779_200
const now = NOW_S * 1000
const sdk = new WorkOS('sk_test_hookseal_interop_not_a_real_key').webhooks

const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

async function sdkAccepts(payload: unknown, sigHeader: string, secret: string, tolerance?: number): Promise<boolean> {
  return sdk.verifyHeader({ payload, sigHeader, secret, ...(tolerance !== undefined && { tolerance }) }).then(
    () => true,
    () => false,
  )
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(now)
})
afterEach(() => {
  vi.useRealTimers()
})

const payloads: Record<string, Record<string, unknown>> = {
  'user.created with accents and emoji': {
    id: 'event_01JWHM2B7C9D3F5G7H9J1K3M5N',
    event: 'user.created',
    data: { object: 'user', id: 'user_01JWHM1Z9Y7X5W3V1T9S7R5Q3P', email: 'zoe@example.com', first_name: 'Zoé', last_name: 'Lefèvre', metadata: { team: 'Plateforme 🚀' } },
    created_at: '2025-06-01T11:59:57.118Z',
  },
  'dsync.group.deleted': { id: 'event_01JWHM3C', event: 'dsync.group.deleted', data: { object: 'directory_group', id: 'directory_group_01', name: 'Engineering' }, created_at: '2025-06-01T11:59:58.000Z' },
  'connection.activated, URL and quotes': { id: 'event_01JWHM4D', event: 'connection.activated', data: { object: 'connection', id: 'conn_01', name: 'Acme "SSO" <https://sso.example.com/saml?a=1&b=2>' }, created_at: '2025-06-01T11:59:59.000Z' },
}

describe('our sign() → @workos-inc/node', () => {
  test.each(Object.entries(payloads))('%s', async (_, payload) => {
    const body = JSON.stringify(payload)
    const headers = await sign('workos', { payload: body, secret: SECRET, timestamp: NOW_S - 2 })
    const value = headerOf(headers, 'WorkOS-Signature')!
    // the header as WorkOS writes it: two entries joined by ', ' (workos-python splits on exactly that)
    const entries = value.split(', ')
    expect(entries).toHaveLength(2)
    expect(entries[0]).toBe(`t=${now - 2000}`)
    expect(entries[1]).toMatch(/^v1=[0-9a-f]{64}$/)
    // the SDK recomputes the same digest and accepts the delivery
    expect(await sdk.computeSignature(now - 2000, payload, SECRET)).toBe(entries[1]!.slice(3))
    expect(await sdkAccepts(payload, value, SECRET)).toBe(true)
    await sdk.constructEvent({ payload, sigHeader: value, secret: SECRET }) // rejects (failing the test) unless verified
    expect(await sdkAccepts(payload, value, OTHER)).toBe(false)
    // the SDK's own clock sees our t: 181 s later it is outside its 180 s window
    vi.setSystemTime(now - 2000 + 181_000)
    expect(await sdkAccepts(payload, value, SECRET)).toBe(false)
  })
})

describe('@workos-inc/node computeSignature → verifyWebhook', () => {
  test.each(Object.entries(payloads))('%s', async (_, payload) => {
    const t = now - 1500
    const sigHeader = `t=${t}, v1=${await sdk.computeSignature(t, payload, SECRET)}`
    expect(await sdkAccepts(payload, sigHeader, SECRET)).toBe(true)
    const request = { headers: { 'Content-Type': 'application/json', 'WorkOS-Signature': sigHeader }, body: JSON.stringify(payload) }
    const result = await verifyWebhook(request, 'workos', SECRET, { now })
    expect(result.kind).toBe('event')
    expect(result.provider).toBe('workos')
    expect(result.timestamp?.getTime()).toBe(t)
    expect(result.payload).toEqual(payload)
    expect(await code(verifyWebhook(request, 'workos', OTHER, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    const tampered = { ...request, body: JSON.stringify({ ...payload, event: 'user.deleted' }) }
    expect(await code(verifyWebhook(tampered, 'workos', SECRET, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('during a secret rotation either secret verifies, and the result says which', async () => {
    const payload = payloads['dsync.group.deleted']!
    const sigHeader = `t=${now - 1000}, v1=${await sdk.computeSignature(now - 1000, payload, SECRET)}`
    const result = await verifyWebhook({ headers: { 'WorkOS-Signature': sigHeader }, body: JSON.stringify(payload) }, 'workos', [OTHER, SECRET], { now })
    expect(result.matchedSecret).toBe(1)
  })
})

describe('the window: 180 s like the SDK in the past, and in the future too', () => {
  const payload = payloads['dsync.group.deleted']!
  const body = JSON.stringify(payload)
  const at = async (t: number) => ({ headers: { 'WorkOS-Signature': `t=${t}, v1=${await sdk.computeSignature(t, payload, SECRET)}` }, body })

  test('180 s old passes both, 180.001 s old fails both', async () => {
    const edge = await at(now - 180_000)
    expect(await sdkAccepts(payload, edge.headers['WorkOS-Signature'], SECRET)).toBe(true)
    expect((await verifyWebhook(edge, 'workos', SECRET, { now })).kind).toBe('event')
    const old = await at(now - 180_001)
    expect(await sdkAccepts(payload, old.headers['WorkOS-Signature'], SECRET)).toBe(false)
    expect(await code(verifyWebhook(old, 'workos', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a t more than 180 s ahead: the SDK accepts it (past side only), hookseal refuses it', async () => {
    const ahead = await at(now + 180_001)
    expect(await sdkAccepts(payload, ahead.headers['WorkOS-Signature'], SECRET)).toBe(true)
    expect(await code(verifyWebhook(ahead, 'workos', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
    // a sender clock a little ahead is fine
    expect((await verifyWebhook(await at(now + 30_000), 'workos', SECRET, { now })).kind).toBe('event')
  })

  test('options.toleranceSeconds widens both sides, as the SDK\'s tolerance (ms) widens its one side', async () => {
    const old = await at(now - 300_000)
    expect(await sdkAccepts(payload, old.headers['WorkOS-Signature'], SECRET, 600_000)).toBe(true)
    expect((await verifyWebhook(old, 'workos', SECRET, { now, toleranceSeconds: 600 })).kind).toBe('event')
    expect((await verifyWebhook(await at(now + 300_000), 'workos', SECRET, { now, toleranceSeconds: 600 })).kind).toBe('event')
  })
})

describe('header parsing', () => {
  const payload = payloads['user.created with accents and emoji']!
  const body = JSON.stringify(payload)

  test('the SDK\'s "," and WorkOS\'s ", " both verify; labels, not positions, say which entry is which', async () => {
    const t = now - 1000
    const v1 = await sdk.computeSignature(t, payload, SECRET)
    for (const value of [`t=${t}, v1=${v1}`, `t=${t},v1=${v1}`, `t=${t} ,  v1=${v1}`, `v1=${v1}, t=${t}`]) {
      expect((await verifyWebhook({ headers: { 'workos-signature': value }, body }, 'workos', SECRET, { now })).kind).toBe('event')
    }
    // the SDK reads positions and ignores labels: v0= passes it; hookseal takes only v1=
    expect(await sdkAccepts(payload, `t=${t}, v0=${v1}`, SECRET)).toBe(true)
    expect(await code(verifyWebhook({ headers: { 'workos-signature': `t=${t}, v0=${v1}` }, body }, 'workos', SECRET, { now }))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })

  test('t in seconds (signed so) is read as milliseconds, as the SDK reads it: far too old', async () => {
    const t = NOW_S - 1
    const value = `t=${t}, v1=${await sdk.computeSignature(t, payload, SECRET)}`
    expect(await sdkAccepts(payload, value, SECRET)).toBe(false)
    expect(await code(verifyWebhook({ headers: { 'workos-signature': value }, body }, 'workos', SECRET, { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a separator with spaces: sign() writes it as declared, verification reads it with or without them', async () => {
    const scheme = defineScheme({
      id: 'acme-semicolon',
      signatureHeader: 'Acme-Signature',
      separator: ' ; ',
      labelSeparator: '=',
      algorithms: { s: 'hmac-sha256' },
      encoding: 'hex',
      timestamp: { label: 't', unit: 's', toleranceSeconds: 60 },
      signedContent: '{timestamp}.{body}',
    })
    const headers = await sign(scheme, { payload: 'x', secret: SECRET, timestamp: NOW_S })
    const value = headerOf(headers, 'Acme-Signature')!
    expect(value).toMatch(/^t=\d+ ; s=[0-9a-f]{64}$/)
    for (const v of [value, value.replace(' ; ', ';'), value.replace(' ; ', ';   ')]) {
      expect((await verifyWebhook({ headers: { 'Acme-Signature': v }, body: 'x' }, scheme, SECRET, { now })).kind).toBe('event')
    }
    // Stripe's ',' is unchanged: no space written
    expect(headerOf(await sign('stripe', { payload: 'x', secret: 'whsec_x', timestamp: NOW_S }), 'Stripe-Signature')).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
  })
})

describe('the preset', () => {
  test('has the docs address, a labelled ms timestamp and the SDKs\' 180 s window', () => {
    const scheme = workos()
    expect(scheme.docs).toMatch(/^https:\/\/workos\.com\/docs\//)
    expect(scheme.timestamp).toMatchObject({ label: 't', unit: 'ms', toleranceSeconds: 180 })
    expect(scheme.separator).toBe(', ')
  })

  test('verifyAny tells a WorkOS delivery from a Stripe one (same t=/v1= shape, other header)', async () => {
    const payload = payloads['dsync.group.deleted']!
    const sigHeader = `t=${now - 1000}, v1=${await sdk.computeSignature(now - 1000, payload, SECRET)}`
    const result = await verifyAny({ headers: { 'WorkOS-Signature': sigHeader }, body: JSON.stringify(payload) }, { stripe: 'whsec_stripe', workos: SECRET }, { now })
    expect(result.provider).toBe('workos')
  })
})
