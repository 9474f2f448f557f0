// Shopify: interop both ways with Shopify's documented recipe (base64 HMAC-SHA256 of the raw body),
// which must first reproduce Shopify's own SDK test vector; the classic and the Events header sets;
// base64 strictness. No Shopify SDK is a devDependency (@shopify/shopify-api 14+ needs Node 22).
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const shopifySign = (secret: string, body: string | Uint8Array) => createHmac('sha256', secret).update(body).digest('base64')
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))

const bodies: Record<string, Uint8Array> = {
  JSON: Buffer.from('{"id":820982911946154500,"note":"Bitte nicht klingeln 🚪"}'),
  CRLF: Buffer.from('a\r\nb\r\n'),
  empty: new Uint8Array(0),
  'invalid UTF-8': Uint8Array.of(0xff, 0xfe, 0x7b, 0x7d),
}

describe('shopify', () => {
  test("the recipe reproduces Shopify's SDK test vector (shopify-app-js validate.test.ts)", () => {
    expect(shopifySign('test_secret_key', '{"foo": "bar"}')).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=')
  })

  test.each(Object.entries(bodies))('our sign() writes what Shopify sends: %s', async (_, body) => {
    const headers = await sign('shopify', { payload: body, secret: 'client-secret', id: 'wh-1' })
    expect(headers).toEqual({ 'X-Shopify-Webhook-Id': 'wh-1', 'X-Shopify-Hmac-Sha256': shopifySign('client-secret', body) })
  })

  test.each(Object.entries(bodies))('signed as Shopify documents it, verified (and not with another secret): %s', async (_, body) => {
    const headers = { 'X-Shopify-Hmac-Sha256': shopifySign('client-secret', body), 'X-Shopify-Webhook-Id': 'b54557e4' }
    const result = await verifyWebhook({ headers, body: Buffer.from(body) }, 'shopify', 'client-secret')
    expect(result.id).toBe('b54557e4')
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    expect(await code(verifyWebhook({ headers, body: Buffer.from(body) }, 'shopify', 'other-secret'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('Events deliveries: shopify-hmac-sha256 alone is read, and the id falls back Shopify-Webhook-Id → shopify-event-id', async () => {
    const body = '{"topic":"Product","action":"update"}'
    const sig = shopifySign('client-secret', body)
    const withWebhookId = await verifyWebhook({ headers: { 'shopify-hmac-sha256': sig, 'shopify-webhook-id': 'd-2', 'shopify-event-id': 'e-2' }, body }, 'shopify', 'client-secret')
    expect(withWebhookId.id).toBe('d-2')
    const eventIdOnly = await verifyWebhook({ headers: { 'shopify-hmac-sha256': sig, 'shopify-event-id': 'e-2' }, body }, 'shopify', 'client-secret')
    expect(eventIdOnly.id).toBe('e-2')
  })

  test('when both signature headers are present the X- one is read, and a bad one is not rescued by the other', async () => {
    const body = '{}'
    const good = shopifySign('client-secret', body)
    const bad = shopifySign('other-secret', body)
    expect(await code(verifyWebhook({ headers: { 'X-Shopify-Hmac-Sha256': bad, 'Shopify-Hmac-Sha256': good }, body }, 'shopify', 'client-secret'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect((await verifyWebhook({ headers: { 'X-Shopify-Hmac-Sha256': good, 'Shopify-Hmac-Sha256': bad }, body }, 'shopify', 'client-secret')).kind).toBe('event')
  })

  test('base64 is decoded strictly (padding optional, as the engine documents): base64url and whitespace inside are refused; hex is the wrong bytes', async () => {
    const body = '{"foo": "bar"}'
    const sig = shopifySign('test_secret_key', body) // ends with one '='
    const cases: [string, string][] = [
      [sig.slice(0, -1), 'accepted'],
      [`${sig.slice(0, -2)}h=`, 'ERR_WEBHOOK_MALFORMED_SIGNATURE'], // non-zero unused bits: a second spelling of other bytes
      [sig.replace(/\+/g, '-').replace(/\//g, '_'), sig.includes('+') || sig.includes('/') ? 'ERR_WEBHOOK_MALFORMED_SIGNATURE' : 'accepted'],
      [`${sig.slice(0, 10)} ${sig.slice(10)}`, 'ERR_WEBHOOK_MALFORMED_SIGNATURE'],
      [createHmac('sha256', 'test_secret_key').update(body).digest('hex'), 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ]
    for (const [value, expected] of cases) {
      expect(await code(verifyWebhook({ headers: { 'X-Shopify-Hmac-Sha256': value }, body }, 'shopify', 'test_secret_key')), value).toBe(expected)
    }
  })
})
