// Typeform: interop both ways with Typeform's documented recipe (sha256= + base64 HMAC-SHA256 of the
// payload), which must first reproduce the vector of Typeform's own js-api-client test. The published
// @typeform/api-client packages do not ship that verifier, so the recipe is the oracle.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const typeformSign = (secret: string, body: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))

const bodies: Record<string, Uint8Array> = {
  JSON: Buffer.from('{"event_type":"form_response","form_response":{"answers":[{"text":"Très bon 👍"}]}}'),
  empty: new Uint8Array(0),
  'invalid UTF-8': Uint8Array.of(0xc0, 0x80, 0x7b, 0x7d),
}

describe('typeform', () => {
  test("the recipe reproduces Typeform's js-api-client vector", () => {
    expect(typeformSign('my-webook-secret', JSON.stringify({ foo: 'bar' }))).toBe('sha256=X2b3nUhiGjaWHxmPO/YQzUvHXBNac4gPjZ5/bjXrhQY=')
  })

  test.each(Object.entries(bodies))('our sign() writes what Typeform sends: %s', async (_, body) => {
    expect(await sign('typeform', { payload: body, secret: 'form-secret' })).toEqual({ 'Typeform-Signature': typeformSign('form-secret', body) })
  })

  test.each(Object.entries(bodies))('signed as Typeform documents it, verified (and not with another secret): %s', async (_, body) => {
    const request = () => new Request('http://127.0.0.1/typeform', { method: 'POST', headers: { 'typeform-signature': typeformSign('form-secret', body) }, body: new Uint8Array(body) })
    const result = await verifyWebhook(request(), 'typeform', 'form-secret')
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    expect(result.id).toBeUndefined()
    expect(await code(verifyWebhook(request(), 'typeform', 'form-secret-2'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the label is required and must be sha256; the digest must be base64 of HMAC-SHA256', async () => {
    const body = '{"foo":"bar"}'
    const digest = createHmac('sha256', 'my-webook-secret').update(body).digest()
    const cases: [string, string][] = [
      [`sha256=${digest.toString('base64')}`, 'accepted'],
      [digest.toString('base64'), 'ERR_WEBHOOK_MALFORMED_SIGNATURE'],
      [`sha512=${digest.toString('base64')}`, 'ERR_WEBHOOK_MALFORMED_SIGNATURE'],
      [`sha256=${digest.toString('hex')}`, 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
      [`sha256=${createHmac('sha1', 'my-webook-secret').update(body).digest('base64')}`, 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ]
    for (const [value, expected] of cases) {
      expect(await code(verifyWebhook({ headers: { 'Typeform-Signature': value }, body }, 'typeform', 'my-webook-secret')), value).toBe(expected)
    }
  })
})
