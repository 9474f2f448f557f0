// The error contract: one class with a literal name, a stable code and an HTTP status; every
// verification failure is one, and no message ever carries the secret, the expected signature or the
// body. Each code is produced here through verifyWebhook, not by constructing the error by hand.
import { createHmac, generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError, type WebhookErrorCode } from '../../src/index.js'

const SECRET = 'Zebra-Quokka-Secret-7f3a9c'
const BODY_MARKER = 'Platypus-Body-Marker-41c2'
const BODY = JSON.stringify({ note: BODY_MARKER, amount: 4200 })
const T = 1_700_000_000

const hmacHex = (content: string, secret = SECRET) => createHmac('sha256', secret).update(content).digest('hex')
const githubSig = hmacHex(BODY)
const stripeSig = hmacHex(`${T}.${BODY}`)

/** Everything that must never appear in an error: the secret, the expected signatures, the body. */
const forbidden = [SECRET, BODY_MARKER, BODY, githubSig, githubSig.toUpperCase(), stripeSig, Buffer.from(githubSig, 'hex').toString('base64'), Buffer.from(stripeSig, 'hex').toString('base64')]

const DISCORD_KEY = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12)).toString('hex')

async function failure(request: unknown, provider: string, options = {}): Promise<WebhookVerificationError> {
  try {
    await verifyWebhook(request, provider, provider === 'discord' ? DISCORD_KEY : SECRET, options)
  } catch (error) {
    return error as WebhookVerificationError
  }
  throw new Error('expected a rejection')
}

const cases: [string, WebhookErrorCode, number, () => Promise<WebhookVerificationError>][] = [
  ['missing header', 'ERR_WEBHOOK_MISSING_HEADER', 400, () => failure({ headers: {}, body: BODY }, 'github')],
  ['missing timestamp header (Discord)', 'ERR_WEBHOOK_MISSING_HEADER', 400, () => failure({ headers: { 'x-signature-ed25519': 'ab'.repeat(64) }, body: BODY }, 'discord')],
  ['malformed signature (not hex)', 'ERR_WEBHOOK_MALFORMED_SIGNATURE', 400, () => failure({ headers: { 'x-hub-signature-256': 'sha256=not-hex' }, body: BODY }, 'github')],
  ['malformed signature (wrong label)', 'ERR_WEBHOOK_MALFORMED_SIGNATURE', 400, () => failure({ headers: { 'x-hub-signature-256': `md5=${githubSig}` }, body: BODY }, 'github')],
  ['malformed timestamp', 'ERR_WEBHOOK_MALFORMED_HEADER', 400, () => failure({ headers: { 'stripe-signature': `t=soon,v1=${stripeSig}` }, body: BODY }, 'stripe')],
  ['signature mismatch (wrong body)', 'ERR_WEBHOOK_SIGNATURE_MISMATCH', 401, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: BODY + ' ' }, 'github')],
  ['signature mismatch (truncated)', 'ERR_WEBHOOK_SIGNATURE_MISMATCH', 401, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig.slice(0, 40)}` }, body: BODY }, 'github')],
  ['signature mismatch (over-long)', 'ERR_WEBHOOK_SIGNATURE_MISMATCH', 401, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}00` }, body: BODY }, 'github')],
  ['timestamp too old', 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD', 401, () => failure({ headers: { 'stripe-signature': `t=${T},v1=${stripeSig}` }, body: BODY }, 'stripe', { now: (T + 301) * 1000 })],
  ['timestamp in the future', 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE', 401, () => failure({ headers: { 'stripe-signature': `t=${T},v1=${stripeSig}` }, body: BODY }, 'stripe', { now: (T - 301) * 1000 })],
  ['body not raw', 'ERR_WEBHOOK_BODY_NOT_RAW', 400, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: JSON.parse(BODY) }, 'github')],
  ['body too large', 'ERR_WEBHOOK_BODY_TOO_LARGE', 413, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: BODY }, 'github', { maxBodyBytes: 10 })],
  ['body unreadable (bad base64)', 'ERR_WEBHOOK_BODY_UNREADABLE', 400, () => failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: BODY, isBase64Encoded: true }, 'github')],
  ['invalid request', 'ERR_WEBHOOK_INVALID_REQUEST', 400, () => failure(null, 'github')],
]

describe('WebhookVerificationError', () => {
  test.each(cases)('%s → %s, status %i', async (_name, code, status, run) => {
    const error = await run()
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('WebhookVerificationError')
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
    expect(typeof error.message).toBe('string')
    expect(error.message.length).toBeGreaterThan(0)
    expect(Object.prototype.toString.call(error)).toBe('[object Error]')
    // nothing sensitive in what gets logged: message, stack, String(), JSON
    const logged = [error.message, String(error), error.stack ?? '', JSON.stringify(error)]
    for (const text of logged) for (const secret of forbidden) expect(text).not.toContain(secret)
  })

  test('a request object that throws becomes our error, with the original as cause', async () => {
    const boom = new Error('platform object exploded')
    const hostile = new Proxy({}, { get: () => { throw boom }, has: () => { throw boom } })
    const error = await failure(hostile, 'github')
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect(error.code).toBe('ERR_WEBHOOK_INVALID_REQUEST')
    expect(error.cause).toBe(boom)
  })

  test('a mismatch never depends on the secret to decide the code: wrong secret and wrong body give the same code', async () => {
    const wrongSecret = await failure({ headers: { 'x-hub-signature-256': `sha256=${hmacHex(BODY, 'other')}` }, body: BODY }, 'github')
    const wrongBody = await failure({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: BODY.replace('4200', '4201') }, 'github')
    expect([wrongSecret.code, wrongSecret.status]).toEqual([wrongBody.code, wrongBody.status])
  })

  test('a secret with whitespace gets a shape hint, never the secret itself', async () => {
    const padded = `${SECRET}\n`
    try {
      await verifyWebhook({ headers: { 'x-hub-signature-256': `sha256=${githubSig}` }, body: BODY }, 'github', padded)
      throw new Error('expected a rejection')
    } catch (error) {
      expect((error as WebhookVerificationError).code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      expect((error as Error).message).not.toContain(SECRET)
    }
  })

  test('TypeErrors for configuration do not echo the secret or key either', async () => {
    const keyLike = 'Zebra-Quokka-Not-A-Key-7f3a9c'
    const errors: unknown[] = []
    for (const [provider, secret] of [
      ['discord', keyLike],
      ['discord', 'ab'.repeat(31) + 'Zebra'],
      ['github', [SECRET, '']],
    ] as const) {
      try {
        await verifyWebhook({ headers: {}, body: '' }, provider, secret as string)
      } catch (error) {
        errors.push(error)
      }
    }
    expect(errors).toHaveLength(3)
    for (const error of errors) {
      expect(error).toBeInstanceOf(TypeError)
      for (const secret of [keyLike, SECRET, 'Zebra']) expect((error as Error).message).not.toContain(secret)
    }
  })
})

describe('secret-format hints in the mismatch message (never the secret itself)', () => {
  const body = '{"id":"evt_1"}'
  const mismatch = async (provider: string, secret: string, headers: Record<string, string>) => {
    try {
      await verifyWebhook({ headers, body }, provider, secret, { now: 1_000_000 })
      return 'accepted'
    } catch (error) {
      expect((error as WebhookVerificationError).code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      expect((error as Error).message).not.toContain(secret.trim())
      return (error as Error).message
    }
  }
  const stripeHeaders = { 'stripe-signature': `t=1000,v1=${'0'.repeat(64)}` }
  const githubHeaders = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }
  test.each([
    ['whitespace around the secret', 'github', 'gh-secret-value\n', githubHeaders, /whitespace/],
    ['a Stripe secret API key', 'stripe', 'sk_test_51Habcdefghijkl', stripeHeaders, /API key/],
    ['a Stripe restricted key', 'stripe', 'rk_live_51Habcdefghijkl', stripeHeaders, /restricted/],
    ['a Stripe signing secret with its whsec_ cut off', 'stripe', 'abcdefghijklmnopqrstuvwxyz012345', stripeHeaders, /start with whsec_/],
    ['a whsec_ secret given to a preset that does not use one', 'github', 'whsec_abcdefghijklmnop', githubHeaders, /whsec_ secret belongs to Stripe/],
    ['a PEM key given where a shared secret belongs', 'github', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----', githubHeaders, /PEM key/],
  ])('%s', async (_, provider, secret, headers, hint) => {
    expect(await mismatch(provider, secret, headers)).toMatch(hint)
  })
  test('a correct-looking Stripe secret gets no hint', async () => {
    const message = await mismatch('stripe', 'whsec_abcdefghijklmnop', stripeHeaders)
    expect(message).not.toMatch(/whsec_|API key|whitespace/)
  })
})
