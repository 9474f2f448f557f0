// The adapter forms of the auth helpers (requireBearer, requireBasicAuth) on real Express 4 and 5
// servers and a Hono app served by @hono/node-server, all over 127.0.0.1: a good credential reaches
// the handler with the match, a missing or wrong one is answered 401 with the RFC 6750 / RFC 7617
// WWW-Authenticate challenge and `{"error":"<code>"}`, and the handler is not called.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express4 from 'express4'
import express5 from 'express'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireBasicAuth as expressBasic, requireBearer as expressBearer, type AuthRequest } from '../../src/adapters/express.js'
import { requireBasicAuth as honoBasic, requireBearer as honoBearer } from '../../src/adapters/hono.js'
import type { WebhookVerificationError } from '../../src/index.js'

const TOKENS = ['tok-old-3f9a1c', 'tok-new-8e2b7d']
const USERS = { 'zoë': 'pässwörd-41c2' }
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64')

type Served = { origin: string; reported: WebhookVerificationError[]; close(): Promise<void> }

async function expressApp(express: typeof express5): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = express()
  const reply = (req: unknown, res: express5.Response) => void res.json({ auth: (req as AuthRequest).auth })
  app.post('/bearer', expressBearer(TOKENS, { realm: 'fn', onError: (e) => reported.push(e) }), reply)
  app.post('/api-key', expressBearer(TOKENS, { header: 'x-api-key' }), reply)
  app.post('/basic', expressBasic(USERS, { realm: 'admin' }), reply)
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reported,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function honoApp(): Promise<Served> {
  const reported: WebhookVerificationError[] = []
  const app = new Hono<{ Variables: { auth: { matched: number } | { user: string } } }>()
  app.post('/bearer', honoBearer(TOKENS, { realm: 'fn', onError: (e) => reported.push(e) }), (c) => c.json({ auth: c.get('auth') }))
  app.post('/api-key', honoBearer(TOKENS, { header: 'x-api-key' }), (c) => c.json({ auth: c.get('auth') }))
  app.post('/basic', honoBasic(USERS, { realm: 'admin' }), (c) => c.json({ auth: c.get('auth') }))
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reported,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const APPS: [string, () => Promise<Served>][] = [
  ['express 4', () => expressApp(express4 as unknown as typeof express5)],
  ['express 5', () => expressApp(express5)],
  ['hono', honoApp],
]

describe.each(APPS)('%s', (_, start) => {
  let app: Served
  beforeAll(async () => {
    app = await start()
  })
  afterAll(() => app.close())

  const post = (path: string, headers: Record<string, string>) => fetch(app.origin + path, { method: 'POST', headers, body: '{}' })

  test('a configured bearer token reaches the handler with its index', async () => {
    const res = await post('/bearer', { authorization: `Bearer ${TOKENS[1]}` })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ auth: { matched: 1 } })
  })

  test('no token: 401 ERR_AUTH_MISSING with a Bearer challenge and no error attribute', async () => {
    const res = await post('/bearer', {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="fn"')
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_MISSING' })
  })

  test('a wrong token: 401 ERR_AUTH_INVALID with error="invalid_token", reported to onError', async () => {
    const before = app.reported.length
    const res = await post('/bearer', { authorization: 'Bearer tok-new-8e2b7e' })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
    expect(app.reported.slice(before).map((e) => e.code)).toEqual(['ERR_AUTH_INVALID'])
  })

  test('an API-key header', async () => {
    expect((await post('/api-key', { 'x-api-key': TOKENS[0]! })).status).toBe(200)
    expect((await post('/api-key', { authorization: `Bearer ${TOKENS[0]}` })).status).toBe(401)
  })

  test('Basic with UTF-8 credentials reaches the handler with the user', async () => {
    const res = await post('/basic', { authorization: basic('zoë', 'pässwörd-41c2') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ auth: { user: 'zoë' } })
  })

  test('Basic with a wrong password: 401 with the Basic challenge', async () => {
    const res = await post('/basic', { authorization: basic('zoë', 'pässwörd-41c3') })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="admin", charset="UTF-8"')
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
  })
})
