// Interop both ways, per preset: what hookseal's sign() sends is accepted by the provider's
// official SDK, and what the SDK (or, where the provider ships no signer, node:crypto / tweetnacl
// in the provider's documented format) signs is accepted by verifyWebhook. Bodies include emoji,
// CRLF, the empty body and, where the SDK takes bytes, invalid UTF-8. Each direction also has a
// control that must fail, so a check that always says yes is caught.
import { createHmac, createPrivateKey, createPublicKey, sign as edSign } from 'node:crypto'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import { verifyKey } from 'discord-interactions'
import Stripe from 'stripe'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import { hub, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const bodies: Record<string, Uint8Array> = {
  'JSON': Buffer.from('{"action":"opened","number":1347,"sender":{"login":"octocat"}}'),
  'emoji': Buffer.from('{"text":"ship it 🚀🎉","name":"Zoë","flag":"🏳️‍🌈"}\n'),
  'CRLF': Buffer.from('line one\r\nline two\r\n\r\n'),
  'empty': new Uint8Array(0),
  'invalid UTF-8': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0xc0, 0x80, 0x7b, 0x7d),
}
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8')
const isUtf8 = (b: Uint8Array) => Buffer.from(text(b), 'utf8').equals(Buffer.from(b))
const cases = (filter: (name: string, body: Uint8Array) => boolean) => Object.entries(bodies).filter(([n, b]) => filter(n, b))

/** Header value by case-insensitive name from the record sign() returns. */
function headerOf(headers: Record<string, string>, name: string): string {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())
  expect(found, `sign() returned no ${name}`).toBeDefined()
  return found![1]
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

const NOW_S = 1_748_779_200 // 2025-06-01T12:00:00Z

describe('github ↔ @octokit/webhooks-methods', () => {
  const secrets = ['hookseal interop secret', 's3cr3t-ünïcødé-🔑']
  // octokit's sign/verify take the payload as a string and refuse an empty one, so only
  // non-empty UTF-8 bodies go through it (the empty body is covered by the hub preset below).
  const usable = cases((_, b) => b.length > 0 && isUtf8(b))

  test.each(usable.flatMap(([n, b]) => secrets.map((s) => [n, b, s] as const)))('our sign() → octokit verify(): %s, secret %s', async (_, body, secret) => {
    const headers = await sign('github', { payload: body, secret })
    const signature = headerOf(headers, 'X-Hub-Signature-256')
    expect(await octokitVerify(secret, text(body), signature)).toBe(true)
    expect(await octokitVerify(`${secret}!`, text(body), signature)).toBe(false)
  })

  test.each(usable.flatMap(([n, b]) => secrets.map((s) => [n, b, s] as const)))('octokit sign() → verifyWebhook: %s, secret %s', async (_, body, secret) => {
    const headers = { 'X-Hub-Signature-256': await octokitSign(secret, text(body)), 'X-GitHub-Delivery': 'a1b2c3d4-0000-11f0-8000-000000000001' }
    const result = await verifyWebhook({ headers, body: text(body) }, 'github', secret)
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    expect(result.id).toBe('a1b2c3d4-0000-11f0-8000-000000000001')
    expect(await rejection(verifyWebhook({ headers, body: text(body) }, 'github', `${secret}!`))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('stripe ↔ stripe-node', () => {
  const secrets = ['whsec_hooksealInteropSecret0123456789', 'whsec_ünïcødé']
  const webhooks = Stripe.webhooks
  const header = webhooks.signature! // typed nullable, always set by stripe-node
  // stripe-node decodes the payload as UTF-8 text, and refuses an empty payload when verifying.
  const verifiable = cases((_, b) => b.length > 0 && isUtf8(b))
  const signable = cases((_, b) => isUtf8(b))

  test.each(verifiable.flatMap(([n, b]) => secrets.map((s) => [n, b, s] as const)))('our sign() → verifyHeader/constructEvent: %s, secret %s', async (name, body, secret) => {
    const headers = await sign('stripe', { payload: body, secret, timestamp: NOW_S - 5 })
    const signature = headerOf(headers, 'Stripe-Signature')
    expect(header.verifyHeader(text(body), signature, secret, 300, undefined, NOW_S * 1000)).toBe(true)
    if (name !== 'CRLF') {
      const event = webhooks.constructEvent(text(body), signature, secret, 300, undefined, NOW_S * 1000)
      expect(event).toEqual(JSON.parse(text(body)))
    }
    expect(() => header.verifyHeader(text(body), signature, `${secret}x`, 300, undefined, NOW_S * 1000)).toThrow()
    // the SDK's own clock check sees our timestamp too: 301 s later it is outside its tolerance
    expect(() => header.verifyHeader(text(body), signature, secret, 300, undefined, (NOW_S + 296) * 1000)).toThrow()
  })

  test.each(signable.flatMap(([n, b]) => secrets.map((s) => [n, b, s] as const)))('generateTestHeaderString → verifyWebhook: %s, secret %s', async (_, body, secret) => {
    const signature = webhooks.generateTestHeaderString({ payload: text(body), secret, timestamp: NOW_S - 5 })
    const headers = { 'Stripe-Signature': signature }
    const result = await verifyWebhook({ headers, body: text(body) }, 'stripe', secret, { now: NOW_S * 1000 })
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    expect(result.timestamp?.getTime()).toBe((NOW_S - 5) * 1000)
    expect(await rejection(verifyWebhook({ headers, body: text(body) }, 'stripe', `${secret}x`, { now: NOW_S * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('discord ↔ discord-interactions', () => {
  // Ed25519 keys from fixed seeds; the public key is derived by node:crypto, not by hookseal.
  const seeds = ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb']
  const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')
  const privateKey = (seed: string) => createPrivateKey({ key: Buffer.concat([PKCS8, Buffer.from(seed, 'hex')]), format: 'der', type: 'pkcs8' })
  const publicHex = (seed: string) => Buffer.from(createPublicKey(privateKey(seed)).export({ format: 'jwk' }).x!, 'base64url').toString('hex')
  const all = Object.entries(bodies)

  test('the fixed seeds give RFC 8032 §7.1 test 1 and 2 public keys (node:crypto is the reference here)', () => {
    expect(publicHex(seeds[0]!)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
    expect(publicHex(seeds[1]!)).toBe('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c')
  })

  test.each(all.flatMap(([n, b]) => seeds.map((s, i) => [n, b, s, i] as const)))('our sign() → verifyKey: %s, key %#', async (_, body, seed) => {
    const headers = await sign('discord', { payload: body, secret: seed, timestamp: NOW_S - 5 })
    const signature = headerOf(headers, 'X-Signature-Ed25519')
    const timestamp = headerOf(headers, 'X-Signature-Timestamp')
    expect(timestamp).toBe(String(NOW_S - 5))
    expect(await verifyKey(body, signature, timestamp, publicHex(seed))).toBe(true)
    expect(await verifyKey(body, signature, String(NOW_S - 4), publicHex(seed))).toBe(false)
  })

  test.each(all.flatMap(([n, b]) => seeds.map((s, i) => [n, b, s, i] as const)))('node:crypto and tweetnacl signatures → verifyWebhook: %s, key %#', async (_, body, seed) => {
    const ts = String(NOW_S - 5)
    const message = Buffer.concat([Buffer.from(ts), body])
    const byNode = edSign(null, message, privateKey(seed)).toString('hex')
    const byNacl = Buffer.from(nacl.sign.detached(message, nacl.sign.keyPair.fromSeed(Buffer.from(seed, 'hex')).secretKey)).toString('hex')
    expect(byNacl).toBe(byNode) // Ed25519 is deterministic: two independent signers agree
    // the signature discord-interactions accepts is the one we are asked to accept
    expect(await verifyKey(body, byNode, ts, publicHex(seed))).toBe(true)
    const headers = { 'X-Signature-Ed25519': byNode, 'X-Signature-Timestamp': ts }
    const result = await verifyWebhook({ headers, body: Buffer.from(body) }, 'discord', publicHex(seed), { now: NOW_S * 1000 })
    expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
    const other = publicHex(seeds[seeds.indexOf(seed) === 0 ? 1 : 0]!)
    expect(await rejection(verifyWebhook({ headers, body: Buffer.from(body) }, 'discord', other, { now: NOW_S * 1000 }))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('hub ↔ faas-cli invoke --sign format', () => {
  // faas-cli (commands/invoke.go) sends `<Header>: sha256=<hex HMAC-SHA256(key, body)>`, and
  // `sha1=<hex>` before 0.17.1; alexellis/hmac validates the same strings.
  const keys = ['KeySet', 'faas-cli-ünïcødé-🔑']
  const faasCli = (hash: 'sha256' | 'sha1', key: string, body: Uint8Array) => `${hash}=${createHmac(hash, key).update(body).digest('hex')}`
  const all = Object.entries(bodies)

  test("faas-cli's published vector: key KeySet, empty message", () => {
    expect(faasCli('sha256', 'KeySet', new Uint8Array(0))).toBe('sha256=51846d8900847a40a129743c98742c83a56c3cbc4f5aec188d7eb2de629d11df')
  })

  test.each(all.flatMap(([n, b]) => keys.map((k) => [n, b, k] as const)))('our sign() → recomputed faas-cli header: %s, key %s', async (_, body, key) => {
    const preset = await sign('hub', { payload: body, secret: key })
    expect(headerOf(preset, 'X-Hub-Signature-256')).toBe(faasCli('sha256', key, body))
    const custom = await sign(hub({ header: 'X-Hub-Signature' }), { payload: body, secret: key })
    expect(headerOf(custom, 'X-Hub-Signature')).toBe(faasCli('sha256', key, body))
    expect(headerOf(custom, 'X-Hub-Signature')).not.toBe(faasCli('sha256', `${key}!`, body))
  })

  test.each(all.flatMap(([n, b]) => keys.map((k) => [n, b, k] as const)))('faas-cli-format signatures (sha256 and legacy sha1) → verifyWebhook: %s, key %s', async (_, body, key) => {
    for (const hash of ['sha256', 'sha1'] as const) {
      const headers = { 'X-Hub-Signature': faasCli(hash, key, body) }
      const result = await verifyWebhook({ headers, body: Buffer.from(body) }, 'hub', key)
      expect(Buffer.from(result.rawBody).equals(Buffer.from(body))).toBe(true)
      expect(await rejection(verifyWebhook({ headers, body: Buffer.from(body) }, 'hub', `${key}!`))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    }
    // a caller that opts out of SHA-1 refuses the legacy header
    const legacy = { 'X-Hub-Signature': faasCli('sha1', key, body) }
    expect(await rejection(verifyWebhook({ headers: legacy, body: Buffer.from(body) }, hub({ sha1: false }), key))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })
})
