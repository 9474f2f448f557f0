// Hostile input for the auth helpers: a bad-type table for the request (Proxies, throwing getters,
// typed arrays, lone surrogates) and random Authorization values (fast-check, fixed seed): only
// AuthError ever comes out, and nothing random is accepted.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { AuthError, verifyBasicAuth, verifyBearer, verifyJwt } from '../../src/auth/index.js'

const throwing = new Proxy({}, {
  get: () => {
    throw new Error('getter')
  },
  ownKeys: () => {
    throw new Error('ownKeys')
  },
})
const BAD: unknown[] = [
  null,
  undefined,
  0,
  'Bearer x',
  Symbol('x'),
  [],
  new Uint16Array(2),
  throwing,
  { headers: throwing },
  {
    get headers() {
      throw new Error('boom')
    },
  },
  { headers: { authorization: '\ud800' } },
  { headers: { authorization: 'Bearer \udfff' } },
  { headers: { authorization: 'Basic \ud800' } },
  { headers: { authorization: ['Bearer a', 'Bearer b'] } },
  { headers: { authorization: 42 } },
  { headers: new Map([['authorization', 'Bearer x']]) },
  { headers: { get: () => { throw new Error('get') }, forEach: () => {} } },
]

const helpers: [string, (request: unknown) => Promise<unknown>][] = [
  ['verifyBearer', (r) => verifyBearer(r, ['tok_8f3a9c2e'], { realm: 'r' })],
  ['verifyBearer (API key)', (r) => verifyBearer(r, ['tok_8f3a9c2e'], { header: 'x-api-key' })],
  ['verifyBasicAuth', (r) => verifyBasicAuth(r, { admin: 'pw' }, { realm: 'r' })],
  ['verifyJwt', (r) => verifyJwt(r, { issuer: 'i', audience: 'a', key: new TextEncoder().encode('k'.repeat(32)) })],
]

async function onlyAuthError(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => 'accepted',
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AuthError)
  expect(['ERR_AUTH_MISSING', 'ERR_AUTH_INVALID']).toContain((error as AuthError).code)
}

describe.each(helpers)('%s', (_, call) => {
  test('the bad-type table only ever rejects with AuthError', async () => {
    for (const request of BAD) await onlyAuthError(call(request))
  })

  test('random Authorization and X-Api-Key values are refused with AuthError', async () => {
    const scheme = fc.constantFrom('Bearer ', 'bearer ', 'Basic ', 'BASIC  ', '', 'Bearer', 'Digest ')
    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.base64String({ maxLength: 60 }))
    await fc.assert(
      fc.asyncProperty(scheme, value, async (s, v) => {
        await onlyAuthError(call({ headers: { authorization: s + v, 'x-api-key': v } }))
      }),
      { numRuns: 300, seed: 5 },
    )
  })
})
