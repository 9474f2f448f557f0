// Configuration mistakes are TypeErrors raised when the verifier is created (createVerifier throws;
// verifyWebhook rejects), before the request is even looked at. Request problems are never TypeErrors.
import { createPublicKey, generateKeyPairSync, createSecretKey } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createVerifier, defineScheme, verifyWebhook, type SecretInput, type VerifyOptions } from '../../src/index.js'

// A request that fails the test if anything reads it: configuration is checked first.
const untouchable = new Proxy(
  {},
  {
    get(_t, key) {
      throw new Error(`the request was read (${String(key)}) before the configuration was checked`)
    },
    has() {
      throw new Error('the request was read before the configuration was checked')
    },
  },
)

function expectConfigError(provider: unknown, secret: unknown, options?: unknown) {
  expect(() => createVerifier(provider as string, secret as SecretInput, options as VerifyOptions)).toThrow(TypeError)
  // verifyWebhook reports it as a rejection (never a synchronous throw), still a TypeError
  let promise: Promise<unknown> | undefined
  expect(() => {
    promise = verifyWebhook(untouchable, provider as string, secret as SecretInput, options as VerifyOptions)
  }).not.toThrow()
  return expect(promise).rejects.toBeInstanceOf(TypeError)
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const { publicKey: edPublic, privateKey: edPrivate } = generateKeyPairSync('ed25519')
const edRaw = new Uint8Array(edPublic.export({ format: 'der', type: 'spki' }).subarray(12))

describe('provider', () => {
  test.each<[string, unknown]>([
    ['unknown id', 'no-such-provider'],
    ['id in the wrong case', 'GitHub'],
    ['empty id', ''],
    ['prototype name __proto__', '__proto__'],
    ['prototype name toString', 'toString'],
    ['prototype name constructor', 'constructor'],
    ['number', 42],
    ['null', null],
    ['plain object', {}],
    ['a spec that was not passed through defineScheme', { id: 'acme', signatureHeader: 'X-Sig', algorithms: { '': 'hmac-sha256' }, encoding: 'hex', signedContent: '{body}' }],
  ])('%s', async (_name, provider) => {
    await expectConfigError(provider, 'secret')
  })
})

describe('HMAC secret', () => {
  test.each<[string, unknown]>([
    ['empty string', ''],
    ['empty bytes', new Uint8Array(0)],
    ['empty list', []],
    ['list with an empty secret', ['good-secret', '']],
    ['undefined', undefined],
    ['null', null],
    ['number', 12345],
    ['plain object', { secret: 'x' }],
    ['list with a number', ['good-secret', 1]],
  ])('%s', async (_name, secret) => {
    await expectConfigError('github', secret)
  })
})

describe('Ed25519 public key (discord)', () => {
  const smallOrder = {
    'all zeros': '00'.repeat(32),
    identity: '01' + '00'.repeat(31),
    'order 2': 'ec' + 'ff'.repeat(30) + '7f',
    'order 8': '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    'order 8 (other)': 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  }

  test.each<[string, unknown]>([
    ['31 bytes (hex)', hex(edRaw).slice(0, 62)],
    ['33 bytes (hex)', hex(edRaw) + '00'],
    ['63 hex digits', hex(edRaw).slice(0, 63)],
    ['31 bytes', edRaw.subarray(0, 31)],
    ['64 bytes (a seed and key pasted together)', new Uint8Array(64)],
    ['empty string', ''],
    ['whitespace only', '   '],
    ['not hex, base64 or PEM', 'not-an-ed25519-key!'],
    ['PEM with the wrong label', edPrivate.export({ format: 'pem', type: 'pkcs8' })],
    ['PEM of another key type (X25519)', generateKeyPairSync('x25519').publicKey.export({ format: 'pem', type: 'spki' })],
    ['number', 42],
    ['null', null],
    // non-canonical encodings: y ≥ p
    ['y = p + 2 (non-canonical)', 'ef' + 'ff'.repeat(30) + '7f'],
    ['y = 2^255 − 1 (non-canonical)', 'ff'.repeat(31) + '7f'],
    ['base64 with non-zero trailing bits', (() => {
      const b64 = Buffer.from(edRaw).toString('base64') // 43 characters and one '='
      const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
      return b64.slice(0, 42) + last[(last.indexOf(b64[42]!) & ~3) | 1] + '='
    })()],
    ...Object.entries(smallOrder).map(([name, key]) => [`small order: ${name}`, key] as [string, unknown]),
    ...Object.entries(smallOrder).map(([name, key]) => [`small order as bytes: ${name}`, new Uint8Array(Buffer.from(key, 'hex'))] as [string, unknown]),
    ['small order as a KeyObject', createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.alloc(32)]), format: 'der', type: 'spki' })],
    ['a private KeyObject where the public key is needed', edPrivate],
    ['an X25519 KeyObject', generateKeyPairSync('x25519').publicKey],
    ['an RSA KeyObject', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
    ['a secret KeyObject', createSecretKey(Buffer.alloc(32, 1))],
    ['a list with one bad key', [hex(edRaw), '00'.repeat(32)]],
  ])('%s', async (_name, key) => {
    await expectConfigError('discord', key)
  })

  test('CryptoKeys: non-extractable, private, or another algorithm', async () => {
    const nonExtractable = await crypto.subtle.importKey('raw', edRaw, { name: 'Ed25519' }, false, ['verify'])
    await expectConfigError('discord', nonExtractable)
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair
    await expectConfigError('discord', pair.privateKey)
    const hmacKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])
    await expectConfigError('discord', hmacKey)
  })

  test('a small-order key as an extractable CryptoKey is refused as a TypeError on first use (export is async)', async () => {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(Buffer.from('01' + '00'.repeat(31), 'hex')), { name: 'Ed25519' }, true, ['verify'])
    const forged = { headers: { 'x-signature-ed25519': '01' + '00'.repeat(63), 'x-signature-timestamp': '1700000000' }, body: '{"type":1}' }
    await expect(verifyWebhook(forged, 'discord', key, { now: 1_700_000_000_000 })).rejects.toBeInstanceOf(TypeError)
    const verifier = createVerifier('discord', key, { now: 1_700_000_000_000 })
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(TypeError)
  })
})

describe('options', () => {
  test.each<[string, unknown]>([
    ['options null', null],
    ['options a string', 'fast'],
    ['toleranceSeconds negative', { toleranceSeconds: -1 }],
    ['toleranceSeconds NaN', { toleranceSeconds: Number.NaN }],
    ['toleranceSeconds infinite', { toleranceSeconds: Number.POSITIVE_INFINITY }],
    ['toleranceSeconds a string', { toleranceSeconds: '300' }],
    ['toleranceSeconds null', { toleranceSeconds: null }],
    ['maxBodyBytes negative', { maxBodyBytes: -1 }],
    ['maxBodyBytes fractional', { maxBodyBytes: 1.5 }],
    ['maxBodyBytes NaN', { maxBodyBytes: Number.NaN }],
    ['maxBodyBytes infinite', { maxBodyBytes: Number.POSITIVE_INFINITY }],
    ['maxBodyBytes beyond 2^53', { maxBodyBytes: 2 ** 53 }],
    ['maxBodyBytes a string', { maxBodyBytes: '1mb' }],
    ['now NaN', { now: Number.NaN }],
    ['now infinite', { now: Number.POSITIVE_INFINITY }],
    ['now an invalid Date', { now: new Date('not a date') }],
    ['now a string', { now: '2024-01-01' }],
    ['now null', { now: null }],
    ['now a function', { now: () => 0 }],
    ['url not absolute', { url: '/webhooks' }],
    ['url not a string', { url: 42 }],
  ])('%s', async (_name, options) => {
    await expectConfigError('stripe', 'whsec_test', options)
  })

  test('valid edge values are accepted: tolerance 0, maxBodyBytes 0, now as a Date or as 0', () => {
    expect(() => createVerifier('stripe', 'whsec_test', { toleranceSeconds: 0, maxBodyBytes: 0, now: 0 })).not.toThrow()
    expect(() => createVerifier('stripe', 'whsec_test', { now: new Date(0) })).not.toThrow()
  })
})

describe('request problems are never TypeErrors', () => {
  test('a good configuration with a bad request rejects with our error', async () => {
    const scheme = defineScheme({ id: 'cfg', signatureHeader: 'X-Sig', algorithms: { '': 'hmac-sha256' }, encoding: 'hex', signedContent: '{body}' })
    for (const request of [null, undefined, 42, 'body', untouchable, { headers: 'x-sig: 00' }]) {
      await expect(verifyWebhook(request, scheme, 'secret')).rejects.toMatchObject({ name: 'WebhookVerificationError' })
    }
  })
})
