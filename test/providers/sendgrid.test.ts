// SendGrid signed Event Webhook: interop both ways with @sendgrid/eventwebhook. sign() cannot make
// ECDSA signatures (only SendGrid holds the private key), so both directions use signatures made by
// node:crypto with a P-256 key in SendGrid's format (timestamp + body, DER, base64): what the SDK
// accepts, hookseal accepts, and the reverse; the SDK's own recorded deliveries are fixtures.
import { createPublicKey, generateKeyPairSync, sign as ecSign, type KeyObject } from 'node:crypto'
import sendgridSdk from '@sendgrid/eventwebhook'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createVerifier, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const { EventWebhook } = sendgridSdk
const ew = new EventWebhook()
const SIG = 'X-Twilio-Email-Event-Webhook-Signature'
const TS = 'X-Twilio-Email-Event-Webhook-Timestamp'
const NOW_S = 1_748_779_200

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const spkiBase64 = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64')
const KEY = spkiBase64(pair.publicKey)
const KEY_PEM = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString()
const OTHER_KEY = spkiBase64(other.publicKey)

/** SendGrid's format: ECDSA P-256 / SHA-256 over timestamp + body, DER, base64. */
const sgSign = (timestamp: string, body: Uint8Array | string, privateKey = pair.privateKey) =>
  ecSign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), { key: privateKey, dsaEncoding: 'der' }).toString('base64')
const sdkAccepts = (key: string, body: string, signature: string, timestamp: string) => {
  try {
    return ew.verifySignature(ew.convertPublicKeyToECDSA(key), body, signature, timestamp)
  } catch {
    return false
  }
}
const request = (signature: string, timestamp: string, body: string | Uint8Array) => ({ method: 'POST', headers: { 'Content-Type': 'application/json', [SIG]: signature, [TS]: timestamp }, body })

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

const bodies: Record<string, string> = {
  'one event, CRLF-terminated': '[{"email":"zoe@example.com","event":"delivered","sg_event_id":"ZGVsaXZlcmVk","timestamp":1748779190}]\r\n',
  'emoji in a category': '[{"email":"a@example.com","event":"open","category":["launch 🚀","déjà"]}]\r\n',
  'two events, one per line': '[{"event":"processed"},\r\n{"event":"bounce","reason":"552 5.2.2 over quota"}]\r\n',
  'empty': '',
}

describe('SendGrid-format signatures: the SDK and hookseal agree', () => {
  for (const [name, body] of Object.entries(bodies)) {
    test(name, async () => {
      const ts = String(NOW_S - 2)
      const signature = sgSign(ts, body)
      expect(sdkAccepts(KEY, body, signature, ts)).toBe(true)
      for (const key of [KEY, KEY_PEM, Buffer.from(KEY, 'base64')]) {
        const result = await verifyWebhook(request(signature, ts, body), 'sendgrid', key, { now: NOW_S * 1000 })
        expect(result).toMatchObject({ kind: 'event', provider: 'sendgrid' })
        expect(result.timestamp?.getTime()).toBe((NOW_S - 2) * 1000)
      }
      // controls: another key, another body, another timestamp
      expect(sdkAccepts(OTHER_KEY, body, signature, ts)).toBe(false)
      expect(await code(verifyWebhook(request(signature, ts, body), 'sendgrid', OTHER_KEY, { now: NOW_S * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      expect(sdkAccepts(KEY, `${body} `, signature, ts)).toBe(false)
      expect(await code(verifyWebhook(request(signature, ts, `${body} `), 'sendgrid', KEY, { now: NOW_S * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      const ts2 = String(NOW_S - 1)
      expect(sdkAccepts(KEY, body, signature, ts2)).toBe(false)
      expect(await code(verifyWebhook(request(signature, ts2, body), 'sendgrid', KEY, { now: NOW_S * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })
  }

  test('random bodies, timestamps and tampering: the same verdict', async () => {
    const runs = process.env.HOOKSEAL_BACKEND === 'node' ? 60 : 20
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.integer({ min: -300, max: 300 }), fc.constantFrom('none', 'body', 'timestamp', 'key'), async (body, offset, tamper) => {
        const ts = String(NOW_S + offset)
        const signature = sgSign(ts, body)
        const sentBody = tamper === 'body' ? `${body}.` : body
        const sentTs = tamper === 'timestamp' ? String(NOW_S + offset - 1) : ts
        const key = tamper === 'key' ? OTHER_KEY : KEY
        const sdk = sdkAccepts(key, sentBody, signature, sentTs)
        const ours = await verifyWebhook(request(signature, sentTs, sentBody), 'sendgrid', key, { now: NOW_S * 1000 }).then(
          () => true,
          () => false,
        )
        expect(ours).toBe(sdk)
        expect(ours).toBe(tamper === 'none')
      }),
      { numRuns: runs },
    )
  })

  test('bytes are verified as sent: an invalid-UTF-8 body verifies (the SDK, taking a string, cannot see it)', async () => {
    const body = Uint8Array.of(0x5b, 0xff, 0xfe, 0x5d, 0x0d, 0x0a)
    const ts = String(NOW_S)
    await expect(verifyWebhook(request(sgSign(ts, body), ts, body), 'sendgrid', KEY, { now: NOW_S * 1000 })).resolves.toMatchObject({ kind: 'event' })
  })
})

describe('the window (SendGrid documents none; hookseal defaults to 300 s)', () => {
  test('300 s both ways; toleranceSeconds overrides it; the SDK never reads the clock', async () => {
    const body = bodies['one event, CRLF-terminated']!
    const at = (offset: number, tolerance?: number) => {
      const ts = String(NOW_S + offset)
      return code(verifyWebhook(request(sgSign(ts, body), ts, body), 'sendgrid', KEY, { now: NOW_S * 1000, ...(tolerance !== undefined && { toleranceSeconds: tolerance }) }))
    }
    expect(await at(-300)).toBeUndefined()
    expect(await at(-301)).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await at(300)).toBeUndefined()
    expect(await at(301)).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
    expect(await at(-86_400, 86_400)).toBeUndefined()
    const old = String(NOW_S - 86_400 * 365)
    expect(sdkAccepts(KEY, body, sgSign(old, body), old)).toBe(true)
  })
})

describe('keys and signing', () => {
  test('a key that is not an uncompressed P-256 SubjectPublicKeyInfo is a TypeError at creation', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
    const p384 = spkiBase64(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey)
    for (const bad of [ed, p384, 'not a key', '']) expect(() => createVerifier('sendgrid', bad)).toThrow(TypeError)
    expect(createPublicKey({ key: Buffer.from(KEY, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('ec')
  })

  test('sign() refuses: only SendGrid holds the private key', async () => {
    await expect(sign('sendgrid', { payload: '[]', secret: KEY })).rejects.toBeInstanceOf(TypeError)
  })
})
