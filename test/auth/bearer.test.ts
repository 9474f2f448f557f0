// verifyBearer: RFC 6750 header parsing, constant-time comparison with every configured token
// (spied: the engine's equalSecretText runs once per token whatever matches), the error shape and
// the challenge, API-key headers, every request shape.
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { verifyBearer } from '../../src/auth/index.js'
import { rejection } from './rejection.js'

const compared = vi.hoisted(() => ({ calls: [] as [string, string][] }))
vi.mock('../../src/core/compare.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/compare.js')>()
  return {
    ...real,
    equalSecretText: (secret: string, received: string) => {
      compared.calls.push([secret, received])
      return real.equalSecretText(secret, received)
    },
  }
})
beforeEach(() => void (compared.calls.length = 0))

const TOKENS = ['tok_current_8f3a9c2e', 'tok_previous_1b7d4e0a']

describe('verifyBearer', () => {
  test('resolves the index of the matching token, whichever shape the request has', async () => {
    const shapes = (value: string) => [
      { headers: { authorization: value } },
      { headers: { Authorization: [value] } },
      new Request('http://127.0.0.1/', { headers: { Authorization: value } }),
      { headers: [['Authorization', value]] },
      { rawHeaders: [], headers: { authorization: value }, on() {}, pipe() {} },
    ]
    for (const req of shapes(`Bearer ${TOKENS[1]}`)) expect(await verifyBearer(req, TOKENS)).toEqual({ matched: 1 })
    expect(await verifyBearer({ headers: { authorization: `bearer   ${TOKENS[0]}` } }, TOKENS)).toEqual({ matched: 0 })
    expect(await verifyBearer({ headers: { authorization: `BEARER ${TOKENS[0]}` } }, TOKENS[0]!)).toEqual({ matched: 0 })
  })

  test('every configured token is compared, in constant time, whether or not one matched', async () => {
    await verifyBearer({ headers: { authorization: `Bearer ${TOKENS[0]}` } }, TOKENS)
    expect(compared.calls).toEqual([
      [TOKENS[0], TOKENS[0]],
      [TOKENS[1], TOKENS[0]],
    ])
    compared.calls.length = 0
    await rejection(verifyBearer({ headers: { authorization: 'Bearer tok_current_8f3a9c2X' } }, TOKENS))
    expect(compared.calls).toHaveLength(2)
  })

  test('missing: ERR_AUTH_MISSING, 401, a challenge without an error code', async () => {
    for (const req of [{ headers: {} }, { headers: { authorization: '' } }, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, {}, null, 'GET /', { headers: 42 }]) {
      const e = await rejection(verifyBearer(req, TOKENS, { realm: 'reports' }))
      expect({ code: e.code, status: e.status, name: e.name }).toEqual({ code: 'ERR_AUTH_MISSING', status: 401, name: 'AuthError' })
      expect(e.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="reports"' })
    }
    const e = await rejection(verifyBearer({ headers: {} }, TOKENS))
    expect(e.headers).toEqual({ 'WWW-Authenticate': 'Bearer' })
  })

  test('wrong or malformed token: ERR_AUTH_INVALID, 401, error="invalid_token"; the token never in the message', async () => {
    const sent = ['Bearer', 'Bearer ', 'Bearer tok_wrong', `Bearer ${TOKENS[0]} extra`, `Bearer ${TOKENS[0]}, Bearer ${TOKENS[1]}`, `Bearer ${TOKENS[0]!.toUpperCase()}`, `Bearer ${'a'.repeat(20_000)}`, 'Bearer tök']
    for (const value of sent) {
      const e = await rejection(verifyBearer({ headers: { authorization: value } }, TOKENS, { realm: 'a "quoted" \\ realm' }))
      expect({ code: e.code, status: e.status }, value.slice(0, 40)).toEqual({ code: 'ERR_AUTH_INVALID', status: 401 })
      expect(e.headers['WWW-Authenticate']).toBe('Bearer realm="a \\"quoted\\" \\\\ realm", error="invalid_token"')
      for (const t of TOKENS) expect(e.message.includes(t)).toBe(false)
    }
    // a duplicated header is joined, never a second chance
    const e = await rejection(verifyBearer({ headers: { authorization: ['Bearer tok_wrong', `Bearer ${TOKENS[0]}`] } }, TOKENS))
    expect(e.code).toBe('ERR_AUTH_INVALID')
  })

  test('an API-key header holds the key itself', async () => {
    expect(await verifyBearer({ headers: { 'x-api-key': TOKENS[1] } }, TOKENS, { header: 'X-Api-Key' })).toEqual({ matched: 1 })
    expect((await rejection(verifyBearer({ headers: { authorization: `Bearer ${TOKENS[1]}` } }, TOKENS, { header: 'X-Api-Key' }))).code).toBe('ERR_AUTH_MISSING')
    expect((await rejection(verifyBearer({ headers: { 'x-api-key': 'nope' } }, TOKENS, { header: 'X-Api-Key' }))).code).toBe('ERR_AUTH_INVALID')
  })

  test('configuration mistakes are TypeErrors', async () => {
    const req = { headers: { authorization: 'Bearer x' } }
    for (const tokens of [[], '', [''], [1], undefined, null]) await expect(verifyBearer(req, tokens as never)).rejects.toThrow(TypeError)
    await expect(verifyBearer(req, TOKENS, { realm: 'a\r\nSet-Cookie: x=1' })).rejects.toThrow(TypeError)
    await expect(verifyBearer(req, TOKENS, { header: 'bad header' })).rejects.toThrow(TypeError)
  })
})
