// verifyJwt against a JWKS served by a test server on 127.0.0.1 (fetched once, then cached), a
// local JWKS, a single key: tokens made by jose's SignJWT; expiry, issuer, audience, foreign keys,
// `alg: none`, required claims, and OpenFaaS IAM function claims (permissions/audience with `*`).
import { createServer, type Server } from 'node:http'
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyJwt, type JwtOptions } from '../../src/auth/index.js'
import { rejection } from './rejection.js'

const ISS = 'https://gw.example.com'
const NOW = 1_750_000_000 // seconds
let server: Server
let jwksUrl: string
let fetches = 0
let privateKey: CryptoKey
let otherKey: CryptoKey
let jwk: JWK

beforeAll(async () => {
  ;({ privateKey } = await generateKeyPair('ES256', { extractable: true }))
  const pair = await generateKeyPair('ES256', { extractable: true })
  otherKey = pair.privateKey
  const pub = await exportJWK(privateKey)
  jwk = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid: 'k1', alg: 'ES256', use: 'sig' }
  server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      fetches++
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
    } else res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

async function token(claims: Record<string, unknown> = {}, opts: { key?: CryptoKey | Uint8Array; alg?: string; iss?: string; aud?: string; exp?: number; kid?: string } = {}): Promise<string> {
  return new SignJWT({ sub: 'svc-reports', ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'ES256', kid: opts.kid ?? 'k1' })
    .setIssuer(opts.iss ?? ISS)
    .setAudience(opts.aud ?? ISS)
    .setIssuedAt(NOW - 10)
    .setExpirationTime(opts.exp ?? NOW + 300)
    .sign(opts.key ?? privateKey)
}

const req = (t: string) => ({ headers: { authorization: `Bearer ${t}` } })
const base = (): JwtOptions => ({ issuer: ISS, audience: ISS, jwksUrl, now: NOW * 1000, realm: 'functions' })

describe('verifyJwt', () => {
  test('a token verifies against the remote JWKS, fetched once and then cached', async () => {
    const before = fetches
    const out = await verifyJwt(req(await token()), base())
    expect(out.payload.sub).toBe('svc-reports')
    expect(out.protectedHeader.kid).toBe('k1')
    await verifyJwt(new Request('http://127.0.0.1/', { headers: { Authorization: `Bearer ${await token({ n: 2 })}` } }), base())
    await verifyJwt(req(await token({ n: 3 })), { ...base(), jwksUrl: new URL(jwksUrl) })
    expect(fetches - before).toBe(1)
  })

  test('a local JWKS and a single key work the same', async () => {
    const t = await token()
    await verifyJwt(req(t), { issuer: ISS, audience: ISS, jwks: { keys: [jwk] }, now: NOW * 1000 })
    await verifyJwt(req(t), { issuer: ISS, audience: ISS, key: jwk, now: NOW * 1000 })
    const secret = new TextEncoder().encode('a-shared-hs256-secret-of-32-bytes!')
    await verifyJwt(req(await token({}, { key: secret, alg: 'HS256' })), { issuer: ISS, audience: ISS, key: secret, now: NOW * 1000 })
  })

  test('no token: ERR_AUTH_MISSING, 401, Bearer challenge without an error code', async () => {
    for (const r of [{ headers: {} }, { headers: { authorization: 'Basic YTpi' } }, null]) {
      const e = await rejection(verifyJwt(r, base()))
      expect({ code: e.code, status: e.status, headers: e.headers }).toEqual({ code: 'ERR_AUTH_MISSING', status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="functions"' } })
    }
  })

  test('expired, not yet valid, wrong issuer or audience, foreign key, alg none, tampered, garbage: ERR_AUTH_INVALID with invalid_token', async () => {
    const good = await token()
    const [h, p, s] = good.split('.')
    const tamperedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' })).toString('base64url')
    const bad = [
      await token({}, { exp: NOW - 1 }),
      await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISS).setAudience(ISS).setNotBefore(NOW + 60).sign(privateKey),
      await token({}, { iss: 'https://evil.example.com' }),
      await token({}, { aud: 'https://other.example.com' }),
      await token({}, { key: otherKey }),
      new UnsecuredJWT({ sub: 'svc' }).setIssuer(ISS).setAudience(ISS).encode(),
      `${h}.${tamperedPayload}.${s}`,
      'not.a.jwt',
      'Zm9v',
    ]
    for (const t of bad) {
      const e = await rejection(verifyJwt(req(t), base()))
      expect({ code: e.code, status: e.status }).toEqual({ code: 'ERR_AUTH_INVALID', status: 401 })
      expect(e.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="functions", error="invalid_token"' })
      expect(e.message.includes(t)).toBe(false)
    }
  })

  test('clock tolerance and required claims', async () => {
    const expired = await token({}, { exp: NOW - 5 })
    await verifyJwt(req(expired), { ...base(), clockToleranceSeconds: 10 })
    const e = await rejection(verifyJwt(req(await token()), { ...base(), requiredClaims: ['email'] }))
    expect(e.code).toBe('ERR_AUTH_INVALID')
  })

  test('a JWKS endpoint that is down fails closed', async () => {
    const e = await rejection(verifyJwt(req(await token()), { ...base(), jwksUrl: 'http://127.0.0.1:1/jwks.json' }))
    expect(e.code).toBe('ERR_AUTH_INVALID')
  })

  describe('OpenFaaS IAM function tokens (the `function` claim)', () => {
    const fn = (permissions?: unknown, audience?: unknown) => ({ function: { permissions, audience } })
    const opts = (): JwtOptions => ({ ...base(), functionName: 'openfaas-fn:reports' })

    test('permissions naming the function, or a wildcard, are accepted; audience empty or matching', async () => {
      for (const claims of [fn(['openfaas-fn:reports']), fn(['openfaas-fn:*']), fn(['*']), fn(['dev:x', 'openfaas-fn:rep*']), fn(['openfaas-fn:reports'], []), fn(['openfaas-fn:reports'], ['openfaas-fn:*'])]) {
        await verifyJwt(req(await token(claims)), opts())
      }
    })

    test('a valid token without the permission: ERR_AUTH_FORBIDDEN, 403, insufficient_scope', async () => {
      for (const claims of [{}, fn(), fn([]), fn(['dev:reports']), fn(['openfaas-fn:rep']), fn(['openfaas-fn:reports-v2']), fn('openfaas-fn:reports'), fn([1]), fn(['openfaas-fn:reports'], ['dev:*']), { function: 'openfaas-fn:reports' }]) {
        const e = await rejection(verifyJwt(req(await token(claims)), opts()))
        expect({ code: e.code, status: e.status, headers: e.headers }, JSON.stringify(claims)).toEqual({
          code: 'ERR_AUTH_FORBIDDEN',
          status: 403,
          headers: { 'WWW-Authenticate': 'Bearer realm="functions", error="insufficient_scope"' },
        })
      }
    })
  })

  test('configuration mistakes are TypeErrors', async () => {
    const r = req('x')
    for (const bad of [{ issuer: ISS, audience: ISS }, { issuer: ISS, audience: ISS, jwksUrl, jwks: { keys: [] } }, { audience: ISS, jwksUrl }, { ...base(), functionName: 'reports' }, { ...base(), jwksUrl: 'not a url' }]) {
      await expect(verifyJwt(r, bad as never)).rejects.toThrow(TypeError)
    }
  })
})
