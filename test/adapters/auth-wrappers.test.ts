// The wrapper forms of the auth helpers for the handler-wrapping adapters: Lambda (API Gateway /
// Function URL events, as Lambda hands them over) and the Next.js App Router (a Web Request). A good
// credential runs the handler with the match; anything else is a 401 with the challenge, and the
// handler does not run. Also OpenFaaS (the node template's event and context) and Cloudflare Workers
// (credentials read from env).
import { describe, expect, test } from 'vitest'
import { withBasicAuth as lambdaBasic, withBearer as lambdaBearer, type LambdaHttpResult } from '../../src/adapters/lambda.js'
import { withBasicAuth as nextBasic, withBearer as nextBearer } from '../../src/adapters/next.js'
import { withBasicAuth as faasBasic, withBearer as faasBearer, type FunctionContext } from '../../src/adapters/openfaas.js'
import { withBasicAuth as workerBasic, withBearer as workerBearer } from '../../src/adapters/cloudflare.js'

const TOKENS = ['tok-old-3f9a1c', 'tok-new-8e2b7d']
const USERS = { 'zoë': 'pässwörd-41c2' }
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64')

describe('lambda', () => {
  const calls: unknown[] = []
  const bearer = lambdaBearer(TOKENS, async (auth) => (calls.push(auth), { statusCode: 204 }), { realm: 'fn' })
  const admin = lambdaBasic(USERS, async (auth) => ({ statusCode: 200, body: auth.user }), { realm: 'admin' })
  const event = (headers: Record<string, string>) => ({ version: '2.0', rawPath: '/', headers, body: null, isBase64Encoded: false })

  test('a configured token runs the handler with its index', async () => {
    expect(await bearer(event({ authorization: `Bearer ${TOKENS[0]}` }), {})).toEqual({ statusCode: 204 })
    expect(calls).toEqual([{ matched: 0 }])
  })

  test('a wrong or missing token: 401 with the challenge, the handler not run', async () => {
    const wrong = (await bearer(event({ authorization: 'Bearer nope' }), {})) as LambdaHttpResult
    expect(wrong.statusCode).toBe(401)
    expect(wrong.headers?.['WWW-Authenticate'] ?? wrong.headers?.['www-authenticate']).toMatch(/^Bearer realm="fn", error="invalid_token"/)
    expect(JSON.parse(wrong.body!)).toEqual({ error: 'ERR_AUTH_INVALID' })
    const missing = (await bearer(event({}), {})) as LambdaHttpResult
    expect(JSON.parse(missing.body!)).toEqual({ error: 'ERR_AUTH_MISSING' })
    expect(calls).toHaveLength(1)
  })

  test('Basic', async () => {
    expect(await admin(event({ authorization: basic('zoë', 'pässwörd-41c2') }), {})).toEqual({ statusCode: 200, body: 'zoë' })
    const wrong = (await admin(event({ authorization: basic('zoë', 'x') }), {})) as LambdaHttpResult
    expect(wrong.statusCode).toBe(401)
    expect(Object.values(wrong.headers ?? {})).toContain('Basic realm="admin", charset="UTF-8"')
  })
})

describe('next (App Router)', () => {
  const bearer = nextBearer(TOKENS, async (auth, request) => Response.json({ auth, body: await request.text() }), { realm: 'api' })
  const admin = nextBasic(USERS, (auth) => new Response(auth.user), { realm: 'admin' })
  const request = (headers: Record<string, string>) => new Request('http://127.0.0.1/api', { method: 'POST', headers, body: 'hello' })

  test('a configured token runs the handler, which can still read the body', async () => {
    const res = await bearer(request({ authorization: `Bearer ${TOKENS[1]}` }), {})
    expect(await res.json()).toEqual({ auth: { matched: 1 }, body: 'hello' })
  })

  test('a wrong token: 401 with the challenge', async () => {
    const res = await bearer(request({ authorization: 'Bearer nope' }), {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/)
    expect(await res.json()).toEqual({ error: 'ERR_AUTH_INVALID' })
  })

  test('Basic', async () => {
    expect(await (await admin(request({ authorization: basic('zoë', 'pässwörd-41c2') }), {})).text()).toBe('zoë')
    const res = await admin(request({}), {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="admin", charset="UTF-8"')
  })
})

/** The node template's context, recording what the wrapper answered. */
function faasContext() {
  const sent: { status?: number; headers?: Record<string, string>; value?: unknown } = {}
  const context: FunctionContext = {
    status(code) {
      sent.status = code
      return context
    },
    headers(values) {
      sent.headers = values
      return context
    },
    succeed(value) {
      sent.value = value
      return value
    },
  }
  return { context, sent }
}

describe('openfaas', () => {
  const bearer = faasBearer(TOKENS, (auth, _event, context) => context.status(200).succeed(auth), { realm: 'fn' })
  const admin = faasBasic(USERS, (auth, _event, context) => context.status(200).succeed(auth.user), { realm: 'admin' })
  const event = (headers: Record<string, string>) => ({ body: { parsed: true }, headers, method: 'POST' })

  test('a configured token runs the handler (a parsed body does not matter)', async () => {
    const { context, sent } = faasContext()
    await bearer(event({ authorization: `Bearer ${TOKENS[1]}` }), context)
    expect(sent).toEqual({ status: 200, value: { matched: 1 } })
  })

  test('a wrong token: 401 with the challenge through the context', async () => {
    const { context, sent } = faasContext()
    await bearer(event({ authorization: 'Bearer nope' }), context)
    expect(sent.status).toBe(401)
    expect(Object.values(sent.headers ?? {}).some((v) => /^Bearer realm="fn", error="invalid_token"/.test(v))).toBe(true)
    expect(sent.value).toEqual({ error: 'ERR_AUTH_INVALID' })
  })

  test('Basic', async () => {
    const ok = faasContext()
    await admin(event({ authorization: basic('zoë', 'pässwörd-41c2') }), ok.context)
    expect(ok.sent.value).toBe('zoë')
    const wrong = faasContext()
    await admin(event({}), wrong.context)
    expect(wrong.sent.status).toBe(401)
    expect(Object.values(wrong.sent.headers ?? {})).toContain('Basic realm="admin", charset="UTF-8"')
  })
})

describe('cloudflare', () => {
  type Env = { API_TOKEN: string; ADMIN_PASSWORD: string }
  const env: Env = { API_TOKEN: TOKENS[0]!, ADMIN_PASSWORD: 'pässwörd-41c2' }
  const bearer = workerBearer((e: Env) => [e.API_TOKEN], (auth) => Response.json(auth), { realm: 'api' })
  const admin = workerBasic((e: Env) => ({ 'zoë': e.ADMIN_PASSWORD }), (auth) => new Response(auth.user), { realm: 'admin' })
  const request = (headers: Record<string, string>) => new Request('http://127.0.0.1/', { headers })

  test('tokens read from env', async () => {
    expect(await (await bearer(request({ authorization: `Bearer ${TOKENS[0]}` }), env, {})).json()).toEqual({ matched: 0 })
    const res = await bearer(request({ authorization: `Bearer ${TOKENS[1]}` }), env, {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/)
  })

  test('Basic users read from env', async () => {
    expect(await (await admin(request({ authorization: basic('zoë', 'pässwörd-41c2') }), env, {})).text()).toBe('zoë')
    const res = await admin(request({ authorization: basic('zoë', 'x') }), env, {})
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="admin", charset="UTF-8"')
  })
})
