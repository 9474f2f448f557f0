// Every way a user can hand over an Ed25519 public key verifies the same Discord-style delivery.
// The delivery is signed with node:crypto (Ed25519 over timestamp + body, as Discord documents:
// https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers)
// and checked with Discord's own library (discord-interactions verifyKey), never with our sign().
import { createPublicKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { verifyKey } from 'discord-interactions'
import { beforeAll, describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError, type KeyInput } from '../../src/index.js'

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
const spkiDer = publicKey.export({ format: 'der', type: 'spki' })
const raw = new Uint8Array(spkiDer.subarray(12))
const hex = Buffer.from(raw).toString('hex')

const TIMESTAMP = '1700000000'
const BODY = '{"type":2,"data":{"name":"ping","options":[{"name":"text","value":"héllo 👋"}]}}'
const SIGNATURE = nodeSign(null, Buffer.from(TIMESTAMP + BODY), privateKey).toString('hex')
const NOW = 1_700_000_030_000
const delivery = () => ({ headers: { 'X-Signature-Ed25519': SIGNATURE, 'X-Signature-Timestamp': TIMESTAMP }, body: BODY })

let cryptoKey: CryptoKey
beforeAll(async () => {
  cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, true, ['verify'])
})

describe('Ed25519 key formats (discord preset)', () => {
  test('the delivery is genuine by Discord\'s own library', async () => {
    expect(await verifyKey(BODY, SIGNATURE, TIMESTAMP, hex)).toBe(true)
  })

  const formats: [string, () => KeyInput][] = [
    ['hex, lower case', () => hex],
    ['hex, upper case', () => hex.toUpperCase()],
    ['hex with surrounding whitespace (env var with a newline)', () => `  ${hex}\n`],
    ['base64', () => Buffer.from(raw).toString('base64')],
    ['base64 without padding', () => Buffer.from(raw).toString('base64').replace(/=+$/, '')],
    ['base64 of the SPKI DER', () => spkiDer.toString('base64')],
    ['PEM SPKI', () => publicKey.export({ format: 'pem', type: 'spki' }) as string],
    ['PEM SPKI with CRLF line ends', () => (publicKey.export({ format: 'pem', type: 'spki' }) as string).replace(/\n/g, '\r\n')],
    ['Uint8Array', () => raw],
    ['Uint8Array view at an offset', () => {
      const backing = new Uint8Array(40)
      backing.set(raw, 5)
      return backing.subarray(5, 37)
    }],
    ['Buffer', () => Buffer.from(raw)],
    ['KeyObject', () => publicKey],
    ['KeyObject rebuilt from PEM', () => createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }))],
    ['extractable CryptoKey', () => cryptoKey],
  ]

  test.each(formats)('%s verifies', async (_name, key) => {
    const event = await verifyWebhook(delivery(), 'discord', key(), { now: NOW })
    expect(event.kind).toBe('event')
    expect(event.provider).toBe('discord')
    expect(event.timestamp).toEqual(new Date(Number(TIMESTAMP) * 1000))
    expect(event.payload).toEqual(JSON.parse(BODY))
  })

  test.each(formats)('%s still rejects a tampered body', async (_name, key) => {
    const tampered = { ...delivery(), body: BODY.replace('ping', 'pong') }
    await expect(verifyWebhook(tampered, 'discord', key(), { now: NOW })).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  })

  test('another valid key in the same formats does not verify', async () => {
    const other = generateKeyPairSync('ed25519').publicKey
    for (const key of [other, other.export({ format: 'pem', type: 'spki' }) as string, Buffer.from(other.export({ format: 'der', type: 'spki' }).subarray(12)).toString('hex')]) {
      const error = await verifyWebhook(delivery(), 'discord', key, { now: NOW }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WebhookVerificationError)
      expect((error as WebhookVerificationError).code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    }
  })

  test('a PING verified with a CryptoKey is the handshake with its PONG', async () => {
    const body = '{"type":1}'
    const signature = nodeSign(null, Buffer.from(TIMESTAMP + body), privateKey).toString('hex')
    expect(await verifyKey(body, signature, TIMESTAMP, hex)).toBe(true)
    const event = await verifyWebhook({ headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': TIMESTAMP }, body }, 'discord', cryptoKey, { now: NOW })
    expect(event.kind).toBe('handshake')
    expect(event.response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"type":1}' })
  })
})
