// HubSpot v3: interop both ways with @hubspot/api-client (Signature.getSignature / isValid, 'v3'),
// the method and URL in the signed content, the URI decoding HubSpot's docs describe, and the
// 5-minute window in milliseconds.
import hubspotSdk from '@hubspot/api-client'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createVerifier, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const { Signature } = hubspotSdk
const SECRET = '7a3e9c41-5b2d-4f86-a0c7-d19e8b6f2a54'
const OTHER = 'c5f0a2b8-9d14-4e73-b6a1-3f8e7d2c0b95'
const URL_ = 'https://hooks.example.com/hubspot/webhook'
const NOW = 1_748_779_200_000

const sdkSign = (method: string, url: string, body: string, timestamp: number, secret = SECRET) =>
  Signature.getSignature(method, 'v3', { clientSecret: secret, url, requestBody: body, timestamp, signature: '' })
const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
const request = (signature: string, timestamp: number | string, body: string, method = 'POST') => ({
  method,
  headers: { 'Content-Type': 'application/json', 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) },
  body,
})

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

const bodies: Record<string, string> = {
  'webhook batch': '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]',
  'emoji': '{"note":"ship it 🚀🎉","name":"Zoë"}',
  'CRLF': 'a\r\nb\r\n',
  'empty': '',
}

describe('our verifier accepts what the SDK signs', () => {
  for (const [name, body] of Object.entries(bodies)) {
    test(name, async () => {
      const ts = NOW - 2000
      const signature = sdkSign('POST', URL_, body, ts)
      const result = await verifyWebhook(request(signature, ts, body), 'hubspot', SECRET, { url: URL_, now: NOW })
      expect(result.kind).toBe('event')
      expect(result.timestamp?.getTime()).toBe(ts)
      expect(await code(verifyWebhook(request(signature, ts, body), 'hubspot', OTHER, { url: URL_, now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })
  }

  test('the method is signed: a GET (CRM card fetch) verifies only as a GET', async () => {
    const url = `${URL_}?userId=1234&portalId=62515&associatedObjectId=904`
    const signature = sdkSign('GET', url, '', NOW)
    await expect(verifyWebhook(request(signature, NOW, '', 'GET'), 'hubspot', SECRET, { url, now: NOW })).resolves.toMatchObject({ kind: 'event' })
    expect(await code(verifyWebhook(request(signature, NOW, '', 'POST'), 'hubspot', SECRET, { url, now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test("the URL: as given, or with HubSpot's listed escapes decoded (any case), nothing else", async () => {
    const raw = `${URL_}?next=https%3a%2F%2Fapp.example.com%2Fa%2Cb%3Fq%3D1`
    const listed = `${URL_}?next=https://app.example.com/a,b?q%3D1`
    for (const signedOver of [raw, listed]) {
      const signature = sdkSign('POST', signedOver, '{}', NOW)
      await expect(verifyWebhook(request(signature, NOW, '{}'), 'hubspot', SECRET, { url: raw, now: NOW })).resolves.toMatchObject({ kind: 'event' })
    }
    const signature = sdkSign('POST', decodeURIComponent(raw), '{}', NOW)
    expect(await code(verifyWebhook(request(signature, NOW, '{}'), 'hubspot', SECRET, { url: raw, now: NOW }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('the SDK accepts what our sign() sends', () => {
  for (const [name, body] of Object.entries(bodies)) {
    test(name, async () => {
      const headers = await sign('hubspot', { payload: body, secret: SECRET, url: URL_ })
      const signature = headerOf(headers, 'X-HubSpot-Signature-v3')!
      const timestamp = Number(headerOf(headers, 'X-HubSpot-Request-Timestamp'))
      expect(Math.abs(Date.now() - timestamp)).toBeLessThan(60_000) // milliseconds, not seconds
      expect(Signature.isValid({ signatureVersion: 'v3', method: 'POST', clientSecret: SECRET, url: URL_, requestBody: body, timestamp, signature })).toBe(true)
      expect(Signature.isValid({ signatureVersion: 'v3', method: 'POST', clientSecret: OTHER, url: URL_, requestBody: body, timestamp, signature })).toBe(false)
      expect(Signature.isValid({ signatureVersion: 'v3', method: 'PUT', clientSecret: SECRET, url: URL_, requestBody: body, timestamp, signature })).toBe(false)
    })
  }
})

describe('the window', () => {
  test('300 s both ways, in milliseconds; toleranceSeconds overrides it', async () => {
    const body = '[]'
    const at = (ts: number, tolerance?: number) =>
      code(verifyWebhook(request(sdkSign('POST', URL_, body, ts), ts, body), 'hubspot', SECRET, { url: URL_, now: NOW, ...(tolerance !== undefined && { toleranceSeconds: tolerance }) }))
    expect(await at(NOW - 300_000)).toBeUndefined()
    expect(await at(NOW - 300_001)).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await at(NOW + 300_000)).toBeUndefined()
    expect(await at(NOW + 300_001)).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
    expect(await at(NOW - 600_000, 601)).toBeUndefined()
  })

  test('a timestamp that is not a number of milliseconds is a malformed header', async () => {
    expect(await code(verifyWebhook(request('AAAA', '2025-06-01T12:00:00Z', '[]'), 'hubspot', SECRET, { url: URL_, now: NOW }))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
  })
})

describe('agreement with the SDK on random input', () => {
  test('random bodies, URLs and clock offsets inside the window', async () => {
    const runs = process.env.HOOKSEAL_BACKEND === 'node' ? 100 : 30
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 64 }), fc.webPath(), fc.integer({ min: -299_000, max: 0 }), async (body, path, offset) => {
        const url = `https://hooks.example.com${path}`
        if (!URL.canParse(url)) return
        const ts = NOW + offset
        const signature = sdkSign('POST', url, body, ts)
        await expect(verifyWebhook(request(signature, ts, body), 'hubspot', SECRET, { url, now: NOW })).resolves.toMatchObject({ kind: 'event' })
      }),
      { numRuns: runs },
    )
  })
})

describe('configuration', () => {
  test('options.url is required when the verifier is created', () => {
    expect(() => createVerifier('hubspot', SECRET)).toThrow(TypeError)
  })
})
