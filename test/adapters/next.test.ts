// The Next.js adapter. App Router: the wrapped route handler served over 127.0.0.1 by
// @hono/node-server, which hands it a real Web Request (as Next does), plus Node's own fetch
// Request directly. Pages API: the wrapped route on a node:http server (Next gives Pages API routes
// Node's IncomingMessage/ServerResponse; with bodyParser: false it leaves the stream unread), and a
// server that parses the body first, as Next does without that config.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { withWebhook, withWebhookApi } from '../../src/adapters/next.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

const json = (webhook: Parameters<typeof eventReply>[0]) => Response.json(eventReply(webhook))
const routes: Record<string, (request: Request, context: { params: Promise<object> }) => Promise<Response>> = {
  '/github': withWebhook('github', GITHUB_SECRET, json, { maxBodyBytes: MAX_BODY_BYTES }),
  '/slack': withWebhook('slack', SLACK_SECRET, json),
}
const api: Record<string, ReturnType<typeof withWebhookApi>> = {
  '/github': withWebhookApi('github', GITHUB_SECRET, (webhook, _req, res) => res.end(JSON.stringify(eventReply(webhook))), { maxBodyBytes: MAX_BODY_BYTES }),
  '/slack': withWebhookApi('slack', SLACK_SECRET, (webhook, _req, res) => res.end(JSON.stringify(eventReply(webhook)))),
  '/parsed': withWebhookApi('github', GITHUB_SECRET, (webhook, _req, res) => res.end(JSON.stringify(eventReply(webhook))), { onError: () => {} }),
}

let app: ServerType
let pages: Server
let appOrigin = ''
let pagesOrigin = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    app = serve({ fetch: (request) => routes[new URL(request.url).pathname]!(request, { params: Promise.resolve({}) }), port: 0, hostname: '127.0.0.1' }, () => resolve())
  })
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  pages = createServer(async (req, res) => {
    if (req.url === '/parsed') {
      // what Next's default API body parser leaves: the stream read, req.body an object
      let text = ''
      for await (const chunk of req) text += chunk
      ;(req as { body?: unknown }).body = JSON.parse(text)
    }
    await api[req.url!]!(req, res)
  })
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
  pagesOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()))
  await new Promise<void>((resolve) => pages.close(() => resolve()))
})

test.describe('App Router route handler', () => adapterSuite((route) => `${appOrigin}/${route}`))
test.describe('Pages API route (bodyParser: false)', () => adapterSuite((route) => `${pagesOrigin}/${route}`))

test('App Router: a Node fetch Request built in memory', async () => {
  const d = github('{"zen":"in memory"}')
  const res = await routes['/github']!(new Request('https://example.com/api/webhooks/github', { method: 'POST', headers: d.headers, body: new Uint8Array(d.body) }), { params: Promise.resolve({}) })
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ handler: true, provider: 'github' })
})

test('App Router: a Request whose body was already read: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const d = github('{"a":1}')
  const request = new Request('https://example.com/api/webhooks/github', { method: 'POST', headers: d.headers, body: new Uint8Array(d.body) })
  await request.text()
  const res = await withWebhook('github', GITHUB_SECRET, json, { onError: () => {} })(request, {})
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('Pages API route whose body Next parsed (no bodyParser: false): 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const res = await post(`${pagesOrigin}/parsed`, github('{"a":1}'))
  expect(res.status).toBe(400)
  expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('configuration mistakes throw a TypeError when the route module loads', () => {
  expect(() => withWebhook('no-such-preset', 'x', json)).toThrow(TypeError)
  expect(() => withWebhookApi('github', '', () => {})).toThrow(TypeError)
})
