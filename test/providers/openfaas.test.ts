// OpenFaaS Pro event webhooks: interop both ways with the documented recipe (sha256= + hex
// HMAC-SHA256 of the body in X-Openfaas-Signature-256), which must first reproduce OpenFaaS's own
// vector for that format (faas-cli generateHeader); the delivery id is X-Openfaas-Delivery.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { hub, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const openfaasSign = (secret: string, body: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))

describe('openfaas', () => {
  test("the recipe reproduces faas-cli's generateHeader vector", () => {
    expect(openfaasSign('KeySet', '')).toBe('sha256=51846d8900847a40a129743c98742c83a56c3cbc4f5aec188d7eb2de629d11df')
  })

  test.each(['[{"event":"function_usage","function_name":"env","duration":3798742}]', ''])('both ways for %j', async (body) => {
    expect(await sign('openfaas', { payload: body, secret: 'endpoint-secret', id: 'd-1' })).toEqual({ 'X-Openfaas-Delivery': 'd-1', 'X-Openfaas-Signature-256': openfaasSign('endpoint-secret', body) })
    const headers = { 'X-Openfaas-Event': 'function_usage', 'X-Openfaas-Delivery': 'fe0f677c', 'X-Openfaas-Signature-256': openfaasSign('endpoint-secret', body) }
    const result = await verifyWebhook({ headers, body }, 'openfaas', 'endpoint-secret')
    expect(result.id).toBe('fe0f677c')
    expect(await code(verifyWebhook({ headers, body }, 'openfaas', 'endpoint-secret-2'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the same value under the hub headers is the hub preset\'s business, not this one\'s', async () => {
    const body = '{}'
    const value = openfaasSign('k', body)
    expect(await code(verifyWebhook({ headers: { 'X-Hub-Signature-256': value }, body }, 'openfaas', 'k'))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    // hub({ header }) can read this header too, for users who prefer it; the preset adds the delivery id
    expect((await verifyWebhook({ headers: { 'X-Openfaas-Signature-256': value }, body }, hub({ header: 'X-Openfaas-Signature-256', sha1: false }), 'k')).kind).toBe('event')
  })
})
