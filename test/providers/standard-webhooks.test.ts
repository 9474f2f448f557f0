// standard-webhooks: interop both ways with the `standardwebhooks` package (v1), the Go library's
// published v1a vector, secrets with and without whsec_, bad base64 secrets, and which key a
// whsec_/whpk_ rotation array matches. Runs on every crypto backend (node, web, tweetnacl).
import { createHmac, createPrivateKey, createPublicKey, verify as edVerify } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { describe, expect, test } from 'vitest'
import { createVerifier, defineScheme, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const OTHER = 'whsec_dGhlIG90aGVyIGVuZHBvaW50IHNlY3JldCE='

// The Go library's published v1a vector (standard-webhooks libraries/go/webhook_asymmetric_test.go,
// TestAsymmetricWebhookSign); the public key is derived from its seed by node:crypto.
const GO = {
  seed: Buffer.from('VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=', 'base64'),
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  ts: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
}
const goPrivate = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), GO.seed]), format: 'der', type: 'pkcs8' })
const goPublicRaw = Buffer.from(createPublicKey(goPrivate).export({ format: 'jwk' }).x as string, 'base64url')
const WHPK = `whpk_${goPublicRaw.toString('base64')}`
const goHeaders = (signature = GO.signature) => ({ 'webhook-id': GO.id, 'webhook-timestamp': String(GO.ts), 'webhook-signature': signature })
const goNow = GO.ts * 1000 + 2000

const bodies: Record<string, Uint8Array> = {
  'JSON': Buffer.from('{"type":"invoice.paid","timestamp":"2025-06-01T12:00:00Z","data":{"id":"inv_1042"}}'),
  'emoji': Buffer.from('{"text":"ship it 🚀🎉","name":"Zoë","flag":"🏳️‍🌈"}\n'),
  'CRLF': Buffer.from('line one\r\nline two\r\n\r\n'),
  'empty': new Uint8Array(0),
  'invalid UTF-8': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0xc0, 0x80, 0x7b, 0x7d),
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

describe('standard-webhooks ↔ standardwebhooks (v1)', () => {
  test.each(Object.entries(bodies))('our sign() → Webhook.verify accepts: %s', async (_, body) => {
    // the package reads the real clock, so the delivery is stamped now (5 min window)
    const headers = await sign('standard-webhooks', { payload: body, secret: SECRET, id: 'msg_interop_1' })
    expect(headers['webhook-signature']).toMatch(/^v1,/)
    expect(() => new Webhook(SECRET).verify(body, headers, { jsonParse: false })).not.toThrow()
    expect(() => new Webhook(OTHER).verify(body, headers, { jsonParse: false })).toThrow()
  })

  test.each(Object.entries(bodies))('Webhook.sign → verifyWebhook accepts: %s', async (_, body) => {
    const ts = 1_748_779_200
    const headers = { 'webhook-id': 'msg_interop_2', 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(SECRET).sign('msg_interop_2', new Date(ts * 1000), body) }
    const result = await verifyWebhook({ headers, body }, 'standard-webhooks', SECRET, { now: ts * 1000 })
    expect(result.provider).toBe('standard-webhooks')
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    expect(result.id).toBe('msg_interop_2')
    expect(result.timestamp?.getTime()).toBe(ts * 1000)
    expect(result.matchedSecret).toBe(0)
    expect(await codeOf(verifyWebhook({ headers, body }, 'standard-webhooks', OTHER, { now: ts * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('standard-webhooks signatures that are not base64', () => {
  // An HMAC signature is checked as it is compared (src/core/encoding.ts equalsBase64); only when
  // none matches is the header looked at again to tell a malformed one from a wrong one.
  const ts = 1_748_779_200
  const body = bodies.JSON!
  const good = new Webhook(SECRET).sign('msg_b64', new Date(ts * 1000), body)
  const headers = (signature: string) => ({ 'webhook-id': 'msg_b64', 'webhook-timestamp': String(ts), 'webhook-signature': signature })
  const check = (signature: string) => verifyWebhook({ headers: headers(signature), body }, 'standard-webhooks', SECRET, { now: ts * 1000 })

  test('a well-formed signature beside a malformed one still verifies, in either order', async () => {
    await expect(check(`${good} v1,not*base64!`)).resolves.toMatchObject({ kind: 'event' })
    await expect(check(`v1,not*base64! ${good}`)).resolves.toMatchObject({ kind: 'event' })
  })

  test.each([
    ['a character outside the alphabet', 'v1,not*base64!'],
    ['non-zero trailing bits', `${good.slice(0, -2)}B=`],
    ['a character whose low byte is a base64 digit', `${good.slice(0, 4)}\u0141${good.slice(5)}`],
  ])('only malformed ones (%s): malformed, not a mismatch', async (_name, signature) => {
    const error = await check(signature).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
    expect((error as Error).message).toMatch(/found a signature that is not base64/)
  })

  test('a well-formed but wrong signature is a mismatch', async () => {
    expect(await codeOf(check(`v1,${Buffer.alloc(32).toString('base64')}`))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('standard-webhooks secrets', () => {
  const ts = 1_748_779_200
  const body = '{"type":"ping"}'
  const headersFor = (secret: string) => ({ 'webhook-id': 'msg_s', 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(secret).sign('msg_s', new Date(ts * 1000), body) })

  test('raw base64 without whsec_ is the same key, as in the package', async () => {
    const raw = SECRET.slice('whsec_'.length)
    expect(new Webhook(raw).sign('msg_s', new Date(ts * 1000), body)).toBe(new Webhook(SECRET).sign('msg_s', new Date(ts * 1000), body))
    for (const [signedWith, verifiedWith] of [[SECRET, raw], [raw, SECRET], [raw, raw]] as const) {
      const result = await verifyWebhook({ headers: headersFor(signedWith), body }, 'standard-webhooks', verifiedWith, { now: ts * 1000 })
      expect(result.matchedSecret).toBe(0)
    }
  })

  test.each([
    ['whsec_ then not base64', 'whsec_not base64!'],
    ['unprefixed, not base64', 'not base64!'],
    ['URL-safe alphabet', 'whsec_ab-_'],
    ['empty after the prefix', 'whsec_'],
  ])('a bad secret (%s) is a TypeError when the verifier is created, as the package throws', (_, secret) => {
    expect(() => new Webhook(secret)).toThrow()
    expect(() => createVerifier('standard-webhooks', secret)).toThrow(TypeError)
    expect(() => createVerifier('svix', secret)).toThrow(TypeError)
  })

  test('a whpk_ key with a bad body is a TypeError too', () => {
    expect(() => createVerifier('standard-webhooks', 'whpk_not base64!')).toThrow(TypeError)
    expect(() => createVerifier('standard-webhooks', 'whpk_AAAA')).toThrow(TypeError) // 3 bytes, not 32
  })
})

describe('standard-webhooks v1a (Ed25519)', () => {
  test('the Go library vector verifies with its whpk_ key, and not with another body', async () => {
    const result = await verifyWebhook({ headers: goHeaders(), body: GO.body }, 'standard-webhooks', WHPK, { now: goNow })
    expect(result.id).toBe(GO.id)
    expect(result.matchedSecret).toBe(0)
    expect(await codeOf(verifyWebhook({ headers: goHeaders(), body: GO.body.replace('2432', '2433') }, 'standard-webhooks', WHPK, { now: goNow }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('a KeyObject public key works for v1a', async () => {
    const result = await verifyWebhook({ headers: goHeaders(), body: GO.body }, 'standard-webhooks', createPublicKey(goPrivate), { now: goNow })
    expect(result.matchedSecret).toBe(0)
  })

  test('our sign() with the whsk_ signing key reproduces the Go vector, and node:crypto accepts it', async () => {
    const headers = await sign('standard-webhooks', { payload: GO.body, secret: `whsk_${GO.seed.toString('base64')}`, id: GO.id, timestamp: GO.ts })
    expect(headers['webhook-signature']).toBe(GO.signature)
    const content = Buffer.from(`${GO.id}.${GO.ts}.${GO.body}`)
    expect(edVerify(null, content, createPublicKey(goPrivate), Buffer.from(headers['webhook-signature']!.slice(4), 'base64'))).toBe(true)
  })

  test('whsec_ signs v1 and whsk_ signs v1a', async () => {
    expect((await sign('standard-webhooks', { payload: 'x', secret: SECRET }))['webhook-signature']).toMatch(/^v1,/)
    expect((await sign('standard-webhooks', { payload: 'x', secret: `whsk_${GO.seed.toString('base64')}` }))['webhook-signature']).toMatch(/^v1a,/)
  })
})

describe('standard-webhooks rotation arrays mixing whsec_ and whpk_', () => {
  const v1 = new Webhook(SECRET).sign(GO.id, new Date(GO.ts * 1000), GO.body)
  const verify = (signature: string, secrets: string[]) => verifyWebhook({ headers: goHeaders(signature), body: GO.body }, 'standard-webhooks', secrets, { now: goNow })

  test('a v1 delivery matches the whsec_ entry, a v1a delivery the whpk_ entry, in either order', async () => {
    expect((await verify(v1, [SECRET, WHPK])).matchedSecret).toBe(0)
    expect((await verify(GO.signature, [SECRET, WHPK])).matchedSecret).toBe(1)
    expect((await verify(v1, [WHPK, SECRET])).matchedSecret).toBe(1)
    expect((await verify(GO.signature, [WHPK, SECRET])).matchedSecret).toBe(0)
  })

  test('with both signatures in the list, the first secret that matches any entry wins', async () => {
    expect((await verify(`${v1} ${GO.signature}`, [SECRET, WHPK])).matchedSecret).toBe(0)
    expect((await verify(`${GO.signature} ${v1}`, [WHPK, SECRET])).matchedSecret).toBe(0)
  })

  test('neither key: mismatch', async () => {
    expect(await codeOf(verify(v1, [OTHER, `whpk_${Buffer.alloc(32, 7).toString('base64')}`]))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('a public key is never an HMAC secret', () => {
  // Anyone holding the whpk_ key (it is public) can compute this v1 entry.
  const forged = `v1,${createHmac('sha256', goPublicRaw).update(`${GO.id}.${GO.ts}.${GO.body}`).digest('base64')}`

  test.each([
    ['whpk_ text', () => WHPK],
    ['a KeyObject', () => createPublicKey(goPrivate)],
  ])('a v1 entry keyed with the public key bytes does not verify with the key as %s', async (_, key) => {
    expect(await codeOf(verifyWebhook({ headers: goHeaders(forged), body: GO.body }, 'standard-webhooks', key(), { now: goNow }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('a scheme mixing HMAC and Ed25519 must say which prefix marks which key', () => {
    const spec = {
      id: 'mixed',
      signatureHeader: 'x-sig',
      separator: ' ',
      labelSeparator: ',',
      algorithms: { v1: 'hmac-sha256', v1a: 'ed25519' },
      encoding: 'base64',
      signedContent: '{body}',
    } as const
    expect(() => defineScheme(spec)).toThrow(TypeError)
    expect(() => defineScheme({ ...spec, keyPrefixes: { hmac: 'sec_', ed25519: 'pub_' } })).not.toThrow()
  })
})
