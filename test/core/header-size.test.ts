// Header values the engine reads (signature, timestamp, delivery id) longer than 8 KiB are refused
// with ERR_WEBHOOK_MALFORMED_HEADER before they are parsed or hashed; a value at the limit is still
// read. Signatures computed with node:crypto as the providers document them: GitHub `sha256=` + hex
// HMAC-SHA256 of the body (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries);
// Standard Webhooks `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed with the base64 part of
// `whsec_…` (github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const LIMIT = 8 * 1024
const BODY = '{"type":"ping"}'
const GH_SECRET = 'header-size-secret'
const SW_KEY = Buffer.from('header-size-standard-webhooks-key')
const SW_SECRET = 'whsec_' + SW_KEY.toString('base64')
const T = 1_700_000_000

const github = (signature: string) => verifyWebhook({ headers: { 'x-hub-signature-256': signature }, body: BODY }, 'github', GH_SECRET)

function standard(id: string, timestamp: string, extraSignatures = '') {
  const mac = createHmac('sha256', SW_KEY).update(`${id}.${timestamp}.${BODY}`).digest('base64')
  const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `${extraSignatures}v1,${mac}` }
  return verifyWebhook({ headers, body: BODY }, 'standard-webhooks', SW_SECRET, { now: T * 1000 })
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => 'accepted', (e: unknown) => e)
  if (error === 'accepted') return error
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return (error as WebhookVerificationError).code
}

describe('oversized header values', () => {
  test('a signature header over 8 KiB: MALFORMED_HEADER (400); at the limit it is parsed as usual', async () => {
    expect(await codeOf(github('sha256=' + 'a'.repeat(LIMIT - 6)))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
    await expect(github('sha256=' + 'a'.repeat(LIMIT - 6))).rejects.toMatchObject({ status: 400 })
    expect(await codeOf(github('sha256=' + 'a'.repeat(LIMIT - 7)))).not.toBe('ERR_WEBHOOK_MALFORMED_HEADER')
  })

  test('a valid signature preceded by padding that makes the header too long is still refused', async () => {
    const good = 'sha256=' + createHmac('sha256', GH_SECRET).update(BODY).digest('hex')
    expect(await codeOf(github(good))).toBe('accepted')
    expect(await codeOf(standard('msg_1', String(T), 'v1,AAAA '.repeat(1100)))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
    expect(await codeOf(standard('msg_1', String(T), 'v1,AAAA '.repeat(20)))).toBe('accepted')
  })

  test('a timestamp over 8 KiB', async () => {
    expect(await codeOf(standard('msg_1', '0'.repeat(LIMIT + 1)))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
  })

  test('a delivery id over 8 KiB, even correctly signed; one at the limit verifies', async () => {
    expect(await codeOf(standard('m'.repeat(LIMIT + 1), String(T)))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
    expect(await codeOf(standard('m'.repeat(LIMIT), String(T)))).toBe('accepted')
  })

  test('headers the engine does not read are not limited here', async () => {
    const signature = 'sha256=' + createHmac('sha256', GH_SECRET).update(BODY).digest('hex')
    await expect(verifyWebhook({ headers: { 'x-hub-signature-256': signature, 'x-other': 'x'.repeat(LIMIT * 2) }, body: BODY }, 'github', GH_SECRET)).resolves.toMatchObject({ kind: 'event' })
  })
})
