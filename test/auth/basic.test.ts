// verifyBasicAuth (RFC 7617): strict base64, UTF-8, the first colon splits, user and password both
// compared in constant time against every entry (spied), check functions, the challenge.
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { verifyBasicAuth } from '../../src/auth/index.js'
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

const USERS = { admin: 'correct horse battery staple', 'Zoë': 'pässwörd:with:colons' }
const REALM = { realm: 'WallyWorld' }
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="WallyWorld", charset="UTF-8"' }
// RFC 7617 §2 example: Aladdin / open sesame → QWxhZGRpbjpvcGVuIHNlc2FtZQ==
const basic = (credentials: string) => ({ headers: { authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` } })

describe('verifyBasicAuth', () => {
  test("RFC 7617's own example", async () => {
    const req = { headers: { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' } }
    expect(await verifyBasicAuth(req, { Aladdin: 'open sesame' }, REALM)).toEqual({ user: 'Aladdin' })
    expect(await verifyBasicAuth(new Request('http://127.0.0.1/', req), { Aladdin: 'open sesame' }, REALM)).toEqual({ user: 'Aladdin' })
  })

  test('UTF-8 credentials; the password may hold colons; NFC-normalised on both sides', async () => {
    expect(await verifyBasicAuth(basic('Zoë:pässwörd:with:colons'), USERS, REALM)).toEqual({ user: 'Zoë' })
    // "Zoë" with a combining diaeresis (NFD) is the same user
    expect(await verifyBasicAuth(basic('Zoe\u0308:pa\u0308sswörd:with:colons'), USERS, REALM)).toEqual({ user: 'Zoë' })
    // RFC 7617 §2.1's test vector for charset="UTF-8": test:123£ → dGVzdDoxMjPCow==
    expect(await verifyBasicAuth({ headers: { authorization: 'Basic dGVzdDoxMjPCow==' } }, { test: '123£' }, REALM)).toEqual({ user: 'test' })
  })

  test('user and password are both compared with every entry, whatever matched', async () => {
    await verifyBasicAuth(basic('admin:correct horse battery staple'), USERS, REALM)
    expect(compared.calls).toHaveLength(4)
    compared.calls.length = 0
    await rejection(verifyBasicAuth(basic('nobody:x'), USERS, REALM))
    expect(compared.calls).toHaveLength(4)
  })

  test('missing: ERR_AUTH_MISSING, 401, the Basic challenge', async () => {
    for (const req of [{ headers: {} }, { headers: { authorization: 'Bearer abc' } }, null, {}]) {
      const e = await rejection(verifyBasicAuth(req, USERS, REALM))
      expect({ code: e.code, status: e.status, headers: e.headers }).toEqual({ code: 'ERR_AUTH_MISSING', status: 401, headers: CHALLENGE })
    }
  })

  test('malformed base64, a missing colon, invalid UTF-8, control characters, wrong credentials: ERR_AUTH_INVALID', async () => {
    const raw = (value: string) => ({ headers: { authorization: value } })
    const cases = [
      raw('Basic'),
      raw('Basic !!!not-base64!!!'),
      raw('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=!'),
      raw('Basic QWxhZGRpbjpvcGVuIHNlc2FtZR=='), // non-zero trailing bits
      raw(`Basic ${'QUFB'.repeat(6000)}`),
      basic('admin-without-colon'),
      raw(`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`), // a:<invalid UTF-8>
      basic('admin:correct horse battery staple\n'),
      basic('admin:wrong'),
      basic('Admin:correct horse battery staple'),
      basic(':'),
      basic('admin:correct horse battery staple, Basic x'),
    ]
    for (const req of cases) {
      const e = await rejection(verifyBasicAuth(req, USERS, REALM))
      expect({ code: e.code, status: e.status, headers: e.headers }, req.headers.authorization.slice(0, 40)).toEqual({ code: 'ERR_AUTH_INVALID', status: 401, headers: CHALLENGE })
      expect(e.message.includes('correct horse')).toBe(false)
    }
  })

  test('a check function decides (only true accepts); its own errors are not turned into 401s', async () => {
    const check = vi.fn(async (user: string, password: string) => user === 'svc' && password === 'p4ss')
    expect(await verifyBasicAuth(basic('svc:p4ss'), check, REALM)).toEqual({ user: 'svc' })
    expect(check).toHaveBeenCalledWith('svc', 'p4ss')
    expect((await rejection(verifyBasicAuth(basic('svc:nope'), check, REALM))).code).toBe('ERR_AUTH_INVALID')
    const truthy = (() => 'yes') as never
    expect((await rejection(verifyBasicAuth(basic('svc:p4ss'), truthy, REALM))).code).toBe('ERR_AUTH_INVALID')
    const broken = () => Promise.reject(new Error('database down'))
    await expect(verifyBasicAuth(basic('svc:p4ss'), broken, REALM)).rejects.toThrow('database down')
  })

  test('configuration mistakes are TypeErrors', async () => {
    const req = basic('a:b')
    for (const users of [{}, { a: '' }, { 'a:b': 'c' }, null, [], 'a:b']) await expect(verifyBasicAuth(req, users as never, REALM)).rejects.toThrow(TypeError)
    await expect(verifyBasicAuth(req, USERS, {} as never)).rejects.toThrow(TypeError)
    await expect(verifyBasicAuth(req, USERS, { realm: 'x\ny' })).rejects.toThrow(TypeError)
  })
})
