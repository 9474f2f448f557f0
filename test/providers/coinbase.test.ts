// Coinbase Commerce: the official SDK's own vector (coinbase-commerce-node test/testWebhook.spec.js)
// both ways, and interop with the documented recipe — hex HMAC-SHA256 of the raw body with the shared
// secret in X-CC-Webhook-Signature (https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security)
// — which must first reproduce that vector. The SDK is not a devDependency (see the report).
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { coinbase } from '../../providers/coinbase.js'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const SDK = {
  secret: '30291a20-0bd1-4267-9b0f-e6e7b123c0bf',
  invalidSecret: '30291a20-0bd1-4267-9b0f-e6e7b123c0bg',
  payload:
    '{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","attempt_number":1,"event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","api_version":"2018-03-22","created_at":"2017-01-31T20:49:02Z","data":{"code":"66BEOV2A","name":"The Sovereign Individual","description":"Mastering the Transition to the Information Age","hosted_url":"https://commerce.coinbase.com/charges/66BEOV2A","created_at":"2017-01-31T20:49:02Z","expires_at":"2017-01-31T21:04:02Z","timeline":[{"time":"2017-01-31T20:49:02Z","status":"NEW"}],"metadata":{},"pricing_type":"no_price","payments":[],"addresses":{"bitcoin":"0000000000000000000000000000000000","ethereum":"0x0000000000000000000000000000000000000000","litecoin":"3000000000000000000000000000000000","bitcoincash":"bitcoincash:000000000000000000000000000000000000000000"}}}}',
  signature: '8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d',
}
const HEADER = 'X-CC-Webhook-Signature'
const recipe = (secret: string, body: string | Uint8Array) => createHmac('sha256', secret).update(body).digest('hex')
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))

describe('the SDK vector', () => {
  test('node:crypto in the documented format reproduces it (the oracle the other tests use)', () => {
    expect(recipe(SDK.secret, SDK.payload)).toBe(SDK.signature)
  })

  test('our sign() writes exactly the SDK test signature', async () => {
    expect(await sign('coinbase', { payload: SDK.payload, secret: SDK.secret })).toEqual({ [HEADER]: SDK.signature })
  })

  test("it verifies; the SDK's invalid secret, a changed body or another header name do not", async () => {
    const request = { headers: { 'content-type': 'application/json', 'x-cc-webhook-signature': SDK.signature }, body: SDK.payload }
    const result = await verifyWebhook(request, 'coinbase', SDK.secret)
    expect(result.kind).toBe('event')
    expect((result.payload as { event: { type: string } }).event.type).toBe('charge:created')
    expect(await code(verifyWebhook(request, 'coinbase', SDK.invalidSecret))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook({ ...request, body: SDK.payload.replace('"attempt_number":1', '"attempt_number":2') }, 'coinbase', SDK.secret))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook({ headers: { 'X-CC-Signature': SDK.signature }, body: SDK.payload }, 'coinbase', SDK.secret))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook({ headers: { [HEADER]: `sha256=${SDK.signature}` }, body: SDK.payload }, 'coinbase', SDK.secret))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })
})

describe('interop with the documented recipe', () => {
  const bodies: Record<string, string | Uint8Array> = {
    'JSON with emoji': '{"event":{"type":"charge:confirmed","data":{"name":"Café ☕ — 4,50 €"}}}',
    CRLF: 'a\r\nb\r\n',
    empty: '',
    'invalid UTF-8': Uint8Array.of(0x7b, 0xff, 0xfe, 0xc0, 0x80, 0x7d),
  }
  test.each(Object.entries(bodies))('sign() = node:crypto, and node:crypto → verifyWebhook: %s', async (_, body) => {
    const secret = '6f1d2a4c-8b3e-4f7a-9c5d-0e2b4a6c8d1f'
    expect((await sign('coinbase', { payload: body, secret }))[HEADER]).toBe(recipe(secret, body))
    const request = { headers: { [HEADER]: recipe(secret, body) }, body: typeof body === 'string' ? body : Buffer.from(body) }
    expect((await verifyWebhook(request, 'coinbase', secret)).kind).toBe('event')
    expect(await code(verifyWebhook(request, 'coinbase', `${secret}x`))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('the preset', () => {
  test('bare hex, no timestamp, no id; the docs address', () => {
    const scheme = coinbase()
    expect(scheme.algorithms).toEqual({ '': 'hmac-sha256' })
    expect(scheme.encoding).toBe('hex')
    expect(scheme.timestamp).toBeUndefined()
    expect(scheme.idHeader).toBeUndefined()
    expect(scheme.docs).toBe('https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security')
  })

  test('verifyAny recognises a Coinbase Commerce delivery', async () => {
    const result = await verifyAny({ headers: { [HEADER]: SDK.signature }, body: SDK.payload }, { github: 'gh', stripe: 'whsec_x', coinbase: SDK.secret })
    expect(result.provider).toBe('coinbase')
  })
})
