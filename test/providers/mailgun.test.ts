// Mailgun: the official PHP SDK's vector (mailgun-php tests/Api/WebhookTest.php) in a JSON webhook
// body, and what the preset must make plain: Mailgun signs timestamp + token only
// (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks), so the
// event-data is not authenticated. Also: parent-signature for subaccounts, the token as the id, the
// 8-hour default window, and bodies that are not Mailgun webhooks.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { mailgun } from '../../providers/mailgun.js'
import { createVerifier, sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const PHP = {
  key: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
  timestamp: 1403645220,
  token: '5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6',
  badToken: 'owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr',
  signature: '9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33',
}
const now = (PHP.timestamp + 2) * 1000
const recipe = (key: string, timestamp: string | number, token: string) => createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex')
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))
const delivery = (signature: unknown, eventData: unknown = { event: 'delivered', recipient: 'alice@example.com' }) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ signature, 'event-data': eventData }),
})
const block = { token: PHP.token, timestamp: String(PHP.timestamp), signature: PHP.signature }

describe("mailgun-php's vector", () => {
  test('node:crypto in the documented format reproduces it', () => {
    expect(recipe(PHP.key, PHP.timestamp, PHP.token)).toBe(PHP.signature)
  })

  test('it verifies; the id is the token, the timestamp the signed one', async () => {
    const result = await verifyWebhook(delivery(block), 'mailgun', PHP.key, { now })
    expect(result.kind).toBe('event')
    expect(result.id).toBe(PHP.token)
    expect(result.timestamp?.getTime()).toBe(PHP.timestamp * 1000)
    expect((result.payload as { 'event-data': { event: string } })['event-data'].event).toBe('delivered')
  })

  test('testVerifyWebhookBad: the same signature with its other token fails', async () => {
    expect(await code(verifyWebhook(delivery({ ...block, token: PHP.badToken }), 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('MAILGUN DOES NOT SIGN THE EVENT DATA: any event-data next to a valid signature block verifies', async () => {
    const forged = { event: 'failed', severity: 'permanent', recipient: 'mallory@example.net', 'user-variables': { refund: true } }
    const result = await verifyWebhook(delivery(block, forged), 'mailgun', PHP.key, { now })
    expect((result.payload as { 'event-data': unknown })['event-data']).toEqual(forged)
  })

  test('a timestamp written as a JSON number is the same digits', async () => {
    expect(await code(verifyWebhook(delivery({ ...block, timestamp: PHP.timestamp }), 'mailgun', PHP.key, { now }))).toBe('accepted')
  })
})

describe('the window', () => {
  test('8 hours by default (Mailgun retries a delivery during 8 hours); toleranceSeconds tightens it', async () => {
    const at = (seconds: number, toleranceSeconds?: number) => code(verifyWebhook(delivery(block), 'mailgun', PHP.key, { now: (PHP.timestamp + seconds) * 1000, toleranceSeconds }))
    expect(mailgun().timestamp?.toleranceSeconds).toBe(28_800)
    expect(await at(28_800)).toBe('accepted')
    expect(await at(28_801)).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await at(-28_801)).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
    expect(await at(301, 300)).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a moved timestamp is a mismatch, not a window error (it is signed)', async () => {
    expect(await code(verifyWebhook(delivery({ ...block, timestamp: String(PHP.timestamp + 1) }), 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('subaccounts: parent-signature', () => {
  const ts = '1748779198'
  const token = 'a8d3f2c9e7b1064f5d2e9c8b7a6f3e1d0c9b8a7f6e5d4c3b2a'
  const sub = { token, timestamp: ts, signature: recipe('sub-key', ts, token), 'parent-signature': recipe('parent-key', ts, token) }
  const when = { now: Number(ts) * 1000 }

  test('either key verifies; a rotation list says which matched', async () => {
    expect(await code(verifyWebhook(delivery(sub), 'mailgun', 'parent-key', when))).toBe('accepted')
    expect(await code(verifyWebhook(delivery(sub), 'mailgun', 'sub-key', when))).toBe('accepted')
    expect(await code(verifyWebhook(delivery(sub), 'mailgun', 'other-key', when))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect((await verifyWebhook(delivery(sub), 'mailgun', ['other-key', 'parent-key'], when)).matchedSecret).toBe(1)
  })

  test('a parent-signature that is not a string is malformed', async () => {
    expect(await code(verifyWebhook(delivery({ ...sub, 'parent-signature': 42 }), 'mailgun', 'parent-key', when))).toBe('ERR_WEBHOOK_MALFORMED_PAYLOAD')
  })
})

describe('bodies that are not Mailgun webhooks', () => {
  test.each([
    ['no signature object', JSON.stringify({ 'event-data': { event: 'delivered' } })],
    ['signature as a string', JSON.stringify({ signature: PHP.signature })],
    ['signature as an array', JSON.stringify({ signature: [PHP.token, PHP.timestamp, PHP.signature] })],
    ['a JSON array', JSON.stringify([block])],
    ['null', 'null'],
    ['not JSON', 'timestamp=1403645220&token=x&signature=y'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['empty', ''],
    ['no token', JSON.stringify({ signature: { timestamp: '1403645220', signature: PHP.signature } })],
    ['empty token', JSON.stringify({ signature: { ...block, token: '' } })],
    ['token as a number', JSON.stringify({ signature: { ...block, token: 5 } })],
    ['no signature field', JSON.stringify({ signature: { token: PHP.token, timestamp: '1403645220' } })],
    ['timestamp in RFC 3339', JSON.stringify({ signature: { ...block, timestamp: '2014-06-24T21:27:00Z' } })],
    ['negative timestamp', JSON.stringify({ signature: { ...block, timestamp: -1 } })],
    ['fractional timestamp', JSON.stringify({ signature: { ...block, timestamp: 1403645220.5 } })],
    ['timestamp with a sign', JSON.stringify({ signature: { ...block, timestamp: '+1403645220' } })],
  ])('%s → malformed payload', async (_, body) => {
    expect(await code(verifyWebhook({ headers: {}, body }, 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_MALFORMED_PAYLOAD')
  })

  test('a signature that is not hex is malformed; one byte short is a mismatch', async () => {
    expect(await code(verifyWebhook(delivery({ ...block, signature: 'zz'.repeat(32) }), 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await code(verifyWebhook(delivery({ ...block, signature: PHP.signature.slice(0, -2) }), 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('headers named like the fields are never read: the body decides', async () => {
    const headers = { 'signature.signature': PHP.signature, 'signature.timestamp': String(PHP.timestamp), 'signature.token': PHP.token }
    expect(await code(verifyWebhook({ headers, body: JSON.stringify({ 'event-data': {} }) }, 'mailgun', PHP.key, { now }))).toBe('ERR_WEBHOOK_MALFORMED_PAYLOAD')
  })
})

describe('the preset', () => {
  test('sign() refuses: the signature travels inside the body', async () => {
    await expect(sign('mailgun', { payload: '{}', secret: PHP.key })).rejects.toThrow(TypeError)
  })

  test('verifyAny cannot recognise Mailgun (it sends no signature header): verify it on its own route', async () => {
    expect(await code(verifyAny(delivery(block), { mailgun: PHP.key, github: 'gh' }, { now }))).toBe('ERR_WEBHOOK_UNKNOWN_PROVIDER')
    expect(await code(createVerifier('mailgun', PHP.key, { now }).verify(delivery(block)))).toBe('accepted')
  })

  test('its docs say plainly that the event data is not signed', () => {
    const scheme = mailgun()
    expect(scheme.signedContentText).toMatch(/NOT the event-data/)
    expect(scheme.hint).toMatch(/does not sign the event-data/)
    expect(scheme.docs).toBe('https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks')
  })
})
