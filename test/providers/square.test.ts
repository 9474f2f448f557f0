// Square: interop both ways with the square SDK's WebhooksHelper.verifySignature. Square's SDK has
// no signer, so the other direction uses its published test vectors and node:crypto in Square's
// documented format (HMAC-SHA256 of notification URL + body), each checked by the SDK first.
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { WebhooksHelper } from 'square'
import { describe, expect, test } from 'vitest'
import { createVerifier, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const KEY = 'q3Lr8Vw2Xn5Tk7Ys1Hd9Zb'
const OTHER = 'MCmhFRxGX82xMwg5FsaoQA'
const URL_ = 'https://hooks.example.com/square/notifications'
const SIG = 'x-square-hmacsha256-signature'

const recipe = (key: string, url: string, body: string) => createHmac('sha256', key).update(url).update(body).digest('base64')
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
const sdkAccepts = (signatureHeader: string, body: string, signatureKey: string, notificationUrl: string) =>
  WebhooksHelper.verifySignature({ requestBody: body, signatureHeader, signatureKey, notificationUrl })
const request = (signature: string, body: string) => ({ method: 'POST', headers: { 'Content-Type': 'application/json', [SIG]: signature }, body })

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

const bodies: Record<string, string> = {
  'payment.updated': '{"merchant_id":"ML7TS4Q2VE8PZ","type":"payment.updated","event_id":"1f2e3d4c","data":{"type":"payment","id":"R2s4"}}',
  'emoji': '{"note":"Café crème ☕️ ×2 🚀"}',
  'CRLF': '{"a":1}\r\n',
  'empty': '',
}

describe('the SDK test vector (square-nodejs-sdk tests/integration/webhooks.test.ts)', () => {
  const body = '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}'
  const url = 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9'
  const key = 'Ibxx_5AKakO-3qeNVR61Dw'

  test('node:crypto in the documented format reproduces it (the oracle the other tests use)', () => {
    expect(recipe(key, url, body)).toBe('GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=')
  })

  test('our sign() writes exactly the published signature', async () => {
    const headers = await sign('square', { payload: body, secret: key, url })
    expect(headerOf(headers, SIG)).toBe('GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=')
  })
})

describe('our verifier accepts what the documented recipe signs, as the SDK does', () => {
  for (const [name, body] of Object.entries(bodies)) {
    test(name, async () => {
      const signature = recipe(KEY, URL_, body)
      expect(await sdkAccepts(signature, body, KEY, URL_)).toBe(true)
      await expect(verifyWebhook(request(signature, body), 'square', KEY, { url: URL_ })).resolves.toMatchObject({ kind: 'event', provider: 'square' })
      expect(await sdkAccepts(signature, body, OTHER, URL_)).toBe(false)
      expect(await code(verifyWebhook(request(signature, body), 'square', OTHER, { url: URL_ }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })
  }
})

describe('the SDK accepts what our sign() sends', () => {
  for (const [name, body] of Object.entries(bodies)) {
    test(name, async () => {
      const signature = headerOf(await sign('square', { payload: body, secret: KEY, url: URL_ }), SIG)!
      expect(await sdkAccepts(signature, body, KEY, URL_)).toBe(true)
      expect(await sdkAccepts(signature, body, KEY, `${URL_}/`)).toBe(false)
    })
  }
})

describe('agreement with the SDK on random input', () => {
  test('random bodies, URLs and keys; one tampered byte of the body', async () => {
    const runs = process.env.HOOKSEAL_BACKEND === 'node' ? 100 : 30
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.webUrl(), fc.string({ minLength: 1, maxLength: 30 }), fc.boolean(), async (body, url, key, tamper) => {
        const signature = recipe(key, url, body)
        const sent = tamper ? `${body}x` : body
        const sdk = await sdkAccepts(signature, sent, key, url)
        const ours = await verifyWebhook(request(signature, sent), 'square', key, { url }).then(
          () => true,
          () => false,
        )
        expect(ours).toBe(sdk)
        expect(ours).toBe(!tamper)
      }),
      { numRuns: runs },
    )
  })
})

describe('configuration', () => {
  test('options.url is required when the verifier is created', () => {
    expect(() => createVerifier('square', KEY)).toThrow(TypeError)
  })
})
