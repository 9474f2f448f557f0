// A bad-type table run against every public function that takes a request: whatever the request
// is (null, numbers, Proxies whose traps throw, getters that throw, Uint16Array bodies, lone
// surrogates in header strings, frozen objects), the only thing that comes out is a rejected
// WebhookVerificationError (AuthError for the auth helpers): never another error type, never a
// synchronous throw, never an acceptance. And util.inspect of that error, `cause` included, holds
// none of the distinctive secrets, tokens or passwords configured.
import { inspect } from 'node:util'
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { AuthError, verifyBasicAuth, verifyBearer, verifyJwt } from '../../src/auth/index.js'
import { createVerifier, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const SECRET = 'Xylophone-Wombat-Secret-93be1d'
const STRIPE_SECRET = 'whsec_Narwhal-Stripe-Secret-5c7e02'
const TOKEN = 'Quetzal-Bearer-Token-2b8f6a'
const USER = 'ocelot-admin'
const PASSWORD = 'Axolotl-Password-7d41c9'
const JWT_KEY = new TextEncoder().encode('Pangolin-Jwt-Key-0e5a3f-' + 'k'.repeat(16))
const FORBIDDEN = [SECRET, STRIPE_SECRET, TOKEN, PASSWORD, 'Pangolin-Jwt-Key-0e5a3f', Buffer.from(`${USER}:${PASSWORD}`).toString('base64')]

const BODY = '{"zen":"ok"}'
const GOOD_SIG = 'sha256=' + createHmac('sha256', SECRET).update(BODY).digest('hex')

function throwingProxy(): object {
  const boom = () => {
    throw new Error('trap')
  }
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, apply: boom, construct: boom })
}

function throwingGetter(name: string, rest: Record<string, unknown> = {}): object {
  return Object.defineProperty({ ...rest }, name, {
    enumerable: true,
    get() {
      throw new Error(`getter ${name}`)
    },
  })
}

const webLike = (headers: unknown) => ({ headers, arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)), clone() {}, url: 'http://127.0.0.1/' })

/** Requests that must be refused (the secret-bearing ones carry the configured secrets the wrong way). */
const BAD: [string, () => unknown][] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['NaN', () => Number.NaN],
  ['a bigint', () => 42n],
  ['a string', () => 'POST / HTTP/1.1'],
  ['a symbol', () => Symbol('request')],
  ['a function', () => () => {}],
  ['an array', () => [GOOD_SIG, BODY]],
  ['a Uint16Array', () => new Uint16Array([1, 2, 3])],
  ['a Proxy whose traps throw', throwingProxy],
  ['headers: a Proxy whose traps throw', () => ({ headers: throwingProxy(), body: BODY })],
  ['body: a Proxy whose traps throw', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG, authorization: `Bearer ${TOKEN}x` }, body: throwingProxy() })],
  ['a headers getter that throws', () => throwingGetter('headers', { body: BODY })],
  ['a body getter that throws', () => throwingGetter('body', { headers: { 'x-hub-signature-256': GOOD_SIG } })],
  ['a rawBody getter that throws', () => throwingGetter('rawBody', { headers: { 'x-hub-signature-256': GOOD_SIG }, body: BODY })],
  ['a method getter that throws', () => throwingGetter('method', { headers: { 'x-hub-signature-256': GOOD_SIG }, body: BODY })],
  ['a header value getter that throws', () => ({ headers: throwingGetter('x-hub-signature-256', { authorization: 'Basic !!' }), body: BODY })],
  ['a Uint16Array body', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, body: new Uint16Array([0x7b, 0x7d]) })],
  ['a Uint16Array rawBody', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, rawBody: new Uint16Array(8), body: {} })],
  ['a parsed-object body', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, body: { zen: 'ok' } })],
  ['a number body', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, body: 12 })],
  ['headers: null', () => ({ headers: null, body: BODY })],
  ['headers: a number', () => ({ headers: 7, body: BODY })],
  ['headers: a Uint16Array', () => ({ headers: new Uint16Array(4), body: BODY })],
  ['numbers as header values', () => ({ headers: { 'x-hub-signature-256': 256, authorization: 401, 'stripe-signature': 1 }, body: BODY })],
  ['arrays of numbers as header values', () => ({ headers: { 'x-hub-signature-256': [1, 2], authorization: [null] }, body: BODY })],
  ['lone surrogates in the header strings', () => ({ headers: { 'x-hub-signature-256': 'sha256=\ud800' + 'a'.repeat(63), 'stripe-signature': 't=1,v1=\udfff', authorization: `Bearer ${TOKEN}\ud800` }, body: BODY })],
  ['a lone surrogate in Basic credentials', () => ({ headers: { authorization: 'Basic \udc00' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64') }, body: BODY })],
  ['a lone surrogate in the body string', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, body: '{"zen":"\ud800"}' })],
  ['the secrets sent as credentials the wrong way', () => ({ headers: { 'x-hub-signature-256': `sha256=${SECRET}`, 'stripe-signature': `t=1,v1=${STRIPE_SECRET}`, authorization: `Basic ${PASSWORD}:${TOKEN}` }, body: SECRET })],
  ['a frozen request with frozen headers and a wrong signature', () => Object.freeze({ headers: Object.freeze({ 'x-hub-signature-256': 'sha256=' + '0'.repeat(64), authorization: `Bearer ${TOKEN.slice(1)}` }), body: BODY })],
  ['a frozen empty object', () => Object.freeze({})],
  ['a Web-Request look-alike whose headers.get throws', () => webLike({ get: () => { throw new Error('get') }, forEach: () => { throw new Error('forEach') } })],
  ['a Node-stream look-alike whose on() throws', () => ({ headers: { 'x-hub-signature-256': GOOD_SIG }, on: () => { throw new Error('on') }, pipe() {} })],
]

type Call = (request: unknown) => Promise<unknown>
const FUNCTIONS: [string, Call, typeof WebhookVerificationError][] = [
  ['verifyWebhook (github)', (r) => verifyWebhook(r, 'github', SECRET), WebhookVerificationError],
  ['verifyWebhook (stripe)', (r) => verifyWebhook(r, 'stripe', STRIPE_SECRET), WebhookVerificationError],
  ['verifyAny', (r) => verifyAny(r, { github: SECRET, stripe: STRIPE_SECRET }), WebhookVerificationError],
  ['createVerifier().verify', (r) => createVerifier('github', [SECRET, 'Second-' + SECRET]).verify(r), WebhookVerificationError],
  ['verifyBearer', (r) => verifyBearer(r, [TOKEN], { realm: 'r' }), AuthError],
  ['verifyBearer (API key header)', (r) => verifyBearer(r, TOKEN, { header: 'x-api-key' }), AuthError],
  ['verifyBasicAuth (record)', (r) => verifyBasicAuth(r, { [USER]: PASSWORD }, { realm: 'r' }), AuthError],
  ['verifyBasicAuth (check function)', (r) => verifyBasicAuth(r, (user, password) => user === USER && password === PASSWORD, { realm: 'r' }), AuthError],
  ['verifyJwt', (r) => verifyJwt(r, { issuer: 'https://issuer.test', audience: 'fn', key: JWT_KEY }), AuthError],
]

/** Calls without letting a synchronous throw escape, and returns what came out. */
async function outcome(call: Call, request: unknown): Promise<{ sync: boolean; value: unknown; rejected: boolean }> {
  let promise: Promise<unknown>
  try {
    promise = call(request)
  } catch (error) {
    return { sync: true, value: error, rejected: true }
  }
  return promise.then(
    (value) => ({ sync: false, value, rejected: false }),
    (error: unknown) => ({ sync: false, value: error, rejected: true }),
  )
}

describe.each(FUNCTIONS)('%s', (_, call, errorClass) => {
  test.each(BAD)('%s: rejects with its own error type only, and shows no secret', async (_name, make) => {
    const result = await outcome(call, make())
    expect(result.rejected).toBe(true)
    expect(result.sync).toBe(false)
    expect(result.value).toBeInstanceOf(errorClass)
    const error = result.value as WebhookVerificationError
    expect(error.status).toBeGreaterThanOrEqual(400)
    const shown = inspect(error, { depth: 10, showHidden: true }) + String(error.message) + JSON.stringify(error)
    for (const secret of FORBIDDEN) expect(shown).not.toContain(secret)
  })
})

describe('frozen objects are read, not written', () => {
  test('a frozen, correctly signed request verifies', async () => {
    const request = Object.freeze({ headers: Object.freeze({ 'x-hub-signature-256': GOOD_SIG }), body: BODY })
    await expect(verifyWebhook(request, 'github', SECRET)).resolves.toMatchObject({ kind: 'event' })
  })

  test('frozen credentials are accepted by the auth helpers', async () => {
    const basic = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64')
    await expect(verifyBearer(Object.freeze({ headers: Object.freeze({ authorization: `Bearer ${TOKEN}` }) }), [TOKEN])).resolves.toEqual({ matched: 0 })
    await expect(verifyBasicAuth(Object.freeze({ headers: Object.freeze({ authorization: basic }) }), { [USER]: PASSWORD }, { realm: 'r' })).resolves.toEqual({ user: USER })
  })
})
