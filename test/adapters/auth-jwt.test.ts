// The JWT forms of the auth helpers: requireJwt on a real Express 5 server and a Hono app (over
// 127.0.0.1) with a local JWKS, and withJwt (Lambda, Next App Router) with an HS256 key. Tokens are
// made by jose's SignJWT, not by hookseal. A good token reaches the handler with `{ payload,
// protectedHeader }`; a missing, foreign-key or forbidden one is answered 401/403 with the RFC 6750
// challenge and `{"error":"<code>"}`, and the handler is not called.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireJwt as expressJwt, type AuthRequest } from '../../src/adapters/express.js'
import { requireJwt as honoJwt } from '../../src/adapters/hono.js'
import { withJwt as lambdaJwt } from '../../src/adapters/lambda.js'
import { withJwt as nextJwt } from '../../src/adapters/next.js'
import type { VerifiedJwt } from '../../src/auth/jwt.js'
import type { JSONWebKeySet } from '../../src/auth/jwt.js'
import type { WebhookVerificationError } from '../../src/index.js'

const ISS = 'https://gw.example.com'
const NOW = 1_750_000_000 // seconds
const HS_KEY = new TextEncoder().encode('hs256-test-secret-0123456789abcdef')
let privateKey: CryptoKey
let foreignKey: CryptoKey
let jwks: JSONWebKeySet

async function token(claims: Record<string, unknown> = {}, key: CryptoKey | Uint8Array = privateKey, alg = 'ES256'): Promise<string> {
  return new SignJWT({ sub: 'svc-reports', ...claims })
    .setProtectedHeader({ alg, kid: 'k1' })
    .setIssuer(ISS)
    .setAudience(ISS)
    .setIssuedAt(NOW - 10)
    .setExpirationTime(NOW + 300)
    .sign(key)
}

beforeAll(async () => {
  ;({ privateKey } = await generateKeyPair('ES256', { extractable: true }))
  foreignKey = (await generateKeyPair('ES256', { extractable: true })).privateKey
  const pub = await exportJWK(privateKey)
  jwks = { keys: [{ kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid: 'k1', alg: 'ES256', use: 'sig' }] }
})

type Served = { origin: string; reported: WebhookVerificationError[]; close(): Promise<void> }

function listening(server: Server | ServerType, reported: WebhookVerificationError[]): Served {
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reported,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function expressApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = express()
  const options = { issuer: ISS, audience: ISS, jwks, now: NOW * 1000, realm: 'fn', onError: (e: WebhookVerificationError) => reported.push(e) }
  const reply = (req: unknown, res: express.Response) => void res.json({ auth: (req as AuthRequest).auth })
  app.post('/jwt', expressJwt(options), reply)
  app.post('/iam', expressJwt({ ...options, functionName: 'openfaas-fn:reports' }), reply)
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return listening(server, reported)
}

async function honoApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = new Hono<{ Variables: { auth: { matched: number } | { user: string } | VerifiedJwt } }>()
  const options = { issuer: ISS, audience: ISS, jwks, now: NOW * 1000, realm: 'fn', onError: (e: WebhookVerificationError) => reported.push(e) }
  app.post('/jwt', honoJwt(options), (c) => c.json({ auth: c.get('auth') }))
  app.post('/iam', honoJwt({ ...options, functionName: 'openfaas-fn:reports' }), (c) => c.json({ auth: c.get('auth') }))
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  return listening(server, reported)
}

describe.each([
  ['express 5', expressApp],
  ['hono', honoApp],
] as const)('requireJwt on %s', (_, start) => {
  let app: Served
  beforeAll(async () => {
    app = await start()
  })
  afterAll(() => app.close())

  const post = (path: string, headers: Record<string, string>) => fetch(app.origin + path, { method: 'POST', headers, body: '{}' })

  test('a token signed by the JWKS key reaches the handler with its payload and protected header', async () => {
    const res = await post('/jwt', { authorization: `Bearer ${await token()}` })
    expect(res.status).toBe(200)
    const { auth } = (await res.json()) as { auth: VerifiedJwt }
    expect(auth.payload).toMatchObject({ sub: 'svc-reports', iss: ISS, aud: ISS })
    expect(auth.protectedHeader).toEqual({ alg: 'ES256', kid: 'k1' })
  })

  test('no token: 401 ERR_AUTH_MISSING with a Bearer challenge', async () => {
    const res = await post('/jwt', {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="fn"')
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_MISSING' })
  })

  test('a token signed by another key: 401 ERR_AUTH_INVALID with invalid_token, reported to onError', async () => {
    const before = app.reported.length
    const res = await post('/jwt', { authorization: `Bearer ${await token({}, foreignKey)}` })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
    expect(app.reported.slice(before).map((e) => e.code)).toEqual(['ERR_AUTH_INVALID'])
  })

  test('OpenFaaS IAM: a permitted function passes, another one is 403 insufficient_scope', async () => {
    const ok = await post('/iam', { authorization: `Bearer ${await token({ function: { permissions: ['openfaas-fn:*'] } })}` })
    expect(ok.status).toBe(200)
    const res = await post('/iam', { authorization: `Bearer ${await token({ function: { permissions: ['openfaas-fn:billing'] } })}` })
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="fn", error="insufficient_scope"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_FORBIDDEN' })
  })
})

describe('withJwt (HS256 key)', () => {
  const options = { issuer: ISS, audience: ISS, key: HS_KEY, algorithms: ['HS256'], now: NOW * 1000, realm: 'fn' }

  test('lambda: the handler gets the verified token; a bad one is 401 and the handler is not called', async () => {
    const calls: VerifiedJwt[] = []
    const handler = lambdaJwt(options, (auth) => {
      calls.push(auth)
      return { statusCode: 204 }
    })
    const good = await handler({ headers: { authorization: `Bearer ${await token({}, HS_KEY, 'HS256')}` }, body: '{}' }, undefined)
    expect(good).toEqual({ statusCode: 204 })
    expect(calls.map((a) => [a.payload.sub, a.protectedHeader.alg])).toEqual([['svc-reports', 'HS256']])
    const bad = await handler({ headers: { authorization: `Bearer ${await token({}, privateKey)}` }, body: '{}' }, undefined)
    expect(bad).toMatchObject({ statusCode: 401, body: JSON.stringify({ error: 'ERR_AUTH_INVALID' }) })
    expect((bad as { headers: Record<string, string> }).headers['WWW-Authenticate'] ?? (bad as { headers: Record<string, string> }).headers['www-authenticate']).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(calls).toHaveLength(1)
  })

  test('next: the handler gets the verified token; no token is 401 ERR_AUTH_MISSING', async () => {
    const route = nextJwt(options, (auth) => Response.json({ sub: auth.payload.sub }))
    const good = await route(new Request('http://127.0.0.1/api', { method: 'POST', headers: { authorization: `Bearer ${await token({}, HS_KEY, 'HS256')}` } }), {})
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ sub: 'svc-reports' })
    const missing = await route(new Request('http://127.0.0.1/api', { method: 'POST' }), {})
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="fn"')
    expect(await missing.json()).toEqual({ error: 'ERR_AUTH_MISSING' })
  })
})
