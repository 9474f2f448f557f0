// The auth forms of the fastify (preHandler hooks), koa (middleware) and gcf (wrappers, on real
// Express 4 as the Functions Framework is) adapters, each on its real framework over 127.0.0.1:
// bearer, Basic and JWT (local JWKS; tokens made by jose's SignJWT). A good credential reaches the
// handler with its match; a missing or wrong one is answered 401/403 with the RFC 6750 / RFC 7617
// WWW-Authenticate challenge and `{"error":"<code>"}`, and the handler is not called.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express4'
import Fastify from 'fastify'
import Koa from 'koa'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as fastifyAuth from '../../src/adapters/fastify.js'
import * as koaAuth from '../../src/adapters/koa.js'
import * as gcfAuth from '../../src/adapters/gcf.js'
import type { JSONWebKeySet, VerifiedJwt } from '../../src/auth/jwt.js'
import type { WebhookVerificationError } from '../../src/index.js'

const TOKENS = ['tok-old-3f9a1c', 'tok-new-8e2b7d']
const USERS = { 'zoë': 'pässwörd-41c2' }
const ISS = 'https://gw.example.com'
const NOW = 1_750_000_000 // seconds
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64')

let privateKey: CryptoKey
let foreignKey: CryptoKey
let jwks: JSONWebKeySet

const token = (key: CryptoKey = privateKey) =>
  new SignJWT({ sub: 'svc-reports' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISS).setAudience(ISS).setIssuedAt(NOW - 10).setExpirationTime(NOW + 300).sign(key)

beforeAll(async () => {
  ;({ privateKey } = await generateKeyPair('ES256', { extractable: true }))
  foreignKey = (await generateKeyPair('ES256', { extractable: true })).privateKey
  const pub = await exportJWK(privateKey)
  jwks = { keys: [{ kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid: 'k1', alg: 'ES256', use: 'sig' }] }
})

type Served = { origin: string; reported: WebhookVerificationError[]; close(): Promise<void> }
const jwtOptions = () => ({ issuer: ISS, audience: ISS, jwks, now: NOW * 1000, realm: 'fn' })

async function fastifyApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = Fastify()
  const reply = async (request: unknown) => ({ auth: (request as fastifyAuth.AuthRequest).auth })
  app.post('/bearer', { preHandler: fastifyAuth.requireBearer(TOKENS, { realm: 'fn', onError: (e) => reported.push(e) }) }, reply)
  app.post('/basic', { preHandler: fastifyAuth.requireBasicAuth(USERS, { realm: 'admin' }) }, reply)
  app.post('/jwt', { preHandler: fastifyAuth.requireJwt(jwtOptions()) }, reply)
  const origin = await app.listen({ port: 0, host: '127.0.0.1' })
  return { origin, reported, close: () => app.close() }
}

function listening(server: Server, reported: WebhookVerificationError[]): Served {
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reported,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function koaApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = new Koa()
  const routes: Record<string, ReturnType<typeof koaAuth.requireBearer>> = {
    '/bearer': koaAuth.requireBearer(TOKENS, { realm: 'fn', onError: (e) => reported.push(e) }),
    '/basic': koaAuth.requireBasicAuth(USERS, { realm: 'admin' }),
    '/jwt': koaAuth.requireJwt(jwtOptions()),
  }
  app.use(async (ctx, next) => {
    const check = routes[ctx.path]
    if (check === undefined) return next()
    await check(ctx, async () => {
      ctx.body = { auth: ctx.state.auth }
    })
  })
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return listening(server, reported)
}

async function gcfApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = express()
  app.use(express.json())
  const reply = (auth: unknown, _req: express.Request, res: express.Response) => void res.json({ auth })
  app.post('/bearer', gcfAuth.withBearer(TOKENS, reply, { realm: 'fn', onError: (e) => reported.push(e) }))
  app.post('/basic', gcfAuth.withBasicAuth(USERS, reply, { realm: 'admin' }))
  app.post('/jwt', gcfAuth.withJwt(jwtOptions(), reply))
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return listening(server, reported)
}

describe.each([
  ['fastify', fastifyApp],
  ['koa', koaApp],
  ['gcf (express 4)', gcfApp],
] as const)('%s', (_, start) => {
  let app: Served
  beforeAll(async () => {
    app = await start()
  })
  afterAll(() => app.close())

  const post = (path: string, headers: Record<string, string>) => fetch(app.origin + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })

  test('a configured bearer token reaches the handler with its index', async () => {
    const res = await post('/bearer', { authorization: `Bearer ${TOKENS[1]}` })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ auth: { matched: 1 } })
  })

  test('no token: 401 ERR_AUTH_MISSING with a Bearer challenge', async () => {
    const res = await post('/bearer', {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="fn"')
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_MISSING' })
  })

  test('a wrong token: 401 ERR_AUTH_INVALID with invalid_token, reported to onError', async () => {
    const before = app.reported.length
    const res = await post('/bearer', { authorization: 'Bearer tok-new-8e2b7e' })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
    expect(app.reported.slice(before).map((e) => e.code)).toEqual(['ERR_AUTH_INVALID'])
  })

  test('Basic: UTF-8 credentials reach the handler; a wrong password is 401 with the Basic challenge', async () => {
    const ok = await post('/basic', { authorization: basic('zoë', 'pässwörd-41c2') })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ auth: { user: 'zoë' } })
    const res = await post('/basic', { authorization: basic('zoë', 'pässwörd-41c3') })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="admin", charset="UTF-8"')
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
  })

  test('JWT: a token of the JWKS key reaches the handler; another key is 401 invalid_token', async () => {
    const ok = await post('/jwt', { authorization: `Bearer ${await token()}` })
    expect(ok.status).toBe(200)
    const { auth } = (await ok.json()) as { auth: VerifiedJwt }
    expect(auth.payload).toMatchObject({ sub: 'svc-reports', iss: ISS })
    expect(auth.protectedHeader).toEqual({ alg: 'ES256', kid: 'k1' })
    const res = await post('/jwt', { authorization: `Bearer ${await token(foreignKey)}` })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
  })
})
