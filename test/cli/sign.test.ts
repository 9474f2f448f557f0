// hookseal sign: known answers from the providers (GitHub's documented example, Stripe's own SDK
// signer as the oracle), the secret sources and the usage errors.
import { createPublicKey, verify as edVerify } from 'node:crypto'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { cli, headerLines } from './helpers.js'

// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
const GITHUB = { secret: "It's a Secret to Everybody", body: 'Hello, World!', signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }

describe('hookseal sign', () => {
  it("prints GitHub's documented signature as a Name: value line", async () => {
    const r = await cli(['sign', 'github', '--secret', GITHUB.secret, '--id', 'd1'], { stdin: GITHUB.body })
    expect(r.code).toBe(0)
    expect(headerLines(r.stdout)).toEqual({ 'X-Hub-Signature-256': GITHUB.signature, 'X-GitHub-Delivery': 'd1' })
    expect(r.stderr).toBe('')
  })

  it('--json prints an object', async () => {
    const r = await cli(['sign', 'github', '--secret', GITHUB.secret, '--json', '--id', 'd1'], { stdin: GITHUB.body })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ 'X-Hub-Signature-256': GITHUB.signature, 'X-GitHub-Delivery': 'd1' })
  })

  it('matches the Stripe SDK signer at a given --timestamp', async () => {
    const secret = 'whsec_test_secret'
    const body = '{\n  "id": "evt_1",\r\n  "type": "charge.succeeded"\n}'
    const expected = new Stripe('sk_test_dummy').webhooks.generateTestHeaderString({ payload: body, secret, timestamp: 1_700_000_123 })
    const r = await cli(['sign', 'stripe', '--secret', secret, '--timestamp', '1700000123'], { stdin: body })
    expect(r.code).toBe(0)
    expect(headerLines(r.stdout)).toEqual({ 'Stripe-Signature': expected })
  })

  it('signs Discord deliveries with the private key; node:crypto verifies with the RFC 8032 test 1 public key', async () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url') }, format: 'jwk' })
    const body = '{"type":1}'
    const r = await cli(['sign', 'discord', '--secret', seed, '--timestamp', '1700000000', '--json'], { stdin: body })
    expect(r.code).toBe(0)
    const headers = JSON.parse(r.stdout) as Record<string, string>
    expect(headers['X-Signature-Timestamp']).toBe('1700000000')
    expect(edVerify(null, Buffer.from(`1700000000${body}`), publicKey, Buffer.from(headers['X-Signature-Ed25519']!, 'hex'))).toBe(true)
  })

  it('reads the secret from --secret-file (one trailing line ending removed) and from $HOOKSEAL_SECRET', async () => {
    const fromFile = await cli(['sign', 'github', '--secret-file', 'secret.txt', '--id', 'd1'], { stdin: GITHUB.body, files: { 'secret.txt': `${GITHUB.secret}\r\n` } })
    expect(fromFile.code).toBe(0)
    expect(headerLines(fromFile.stdout)['X-Hub-Signature-256']).toBe(GITHUB.signature)
    const fromEnv = await cli(['sign', 'github', '--id', 'd1'], { stdin: GITHUB.body, env: { HOOKSEAL_SECRET: GITHUB.secret } })
    expect(fromEnv.code).toBe(0)
    expect(headerLines(fromEnv.stdout)['X-Hub-Signature-256']).toBe(GITHUB.signature)
    // --secret wins over the environment
    const flag = await cli(['sign', 'github', '--secret', 'other', '--id', 'd1'], { stdin: GITHUB.body, env: { HOOKSEAL_SECRET: GITHUB.secret } })
    expect(headerLines(flag.stdout)['X-Hub-Signature-256']).not.toBe(GITHUB.signature)
  })

  it.each([
    ['no preset', ['sign']],
    ['an unknown preset', ['sign', 'nope', '--secret', 's']],
    ['no secret at all', ['sign', 'github']],
    ['--secret and --secret-file together', ['sign', 'github', '--secret', 's', '--secret-file', 'f']],
    ['an unreadable --secret-file', ['sign', 'github', '--secret-file', 'missing']],
    ['a timestamp that is not whole seconds', ['sign', 'stripe', '--secret', 's', '--timestamp', '17e8']],
    ['a preset that signs the URL without --url', ['sign', 'square', '--secret', 's']],
    ['a relative --url', ['sign', 'square', '--secret', 's', '--url', '/hook']],
    ['a preset whose signature travels in the body', ['sign', 'mailgun', '--secret', 's']],
    ['an Ed25519 preset with a key that is no private key', ['sign', 'discord', '--secret', 'not-a-key']],
    ['an unknown option', ['sign', 'github', '--secret', 's', '--colour']],
  ])('%s is a usage error (exit 2, message on stderr)', async (_, argv) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('hookseal sign')
  })
})
