// The Hono adapter on a real Hono 4 app served by @hono/node-server over 127.0.0.1.
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { verifyWebhooks } from '../../src/adapters/hono.js'
import type { VerifiedWebhook } from '../../src/index.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

let server: ServerType
let origin = ''

beforeAll(async () => {
  const app = new Hono<{ Variables: { webhook: VerifiedWebhook } }>()
  app.post('/github', verifyWebhooks('github', GITHUB_SECRET, { maxBodyBytes: MAX_BODY_BYTES }), (c) => c.json(eventReply(c.get('webhook'))))
  app.post('/slack', verifyWebhooks('slack', SLACK_SECRET), (c) => c.json(eventReply(c.get('webhook'))))
  app.post('/json', verifyWebhooks('github', GITHUB_SECRET), async (c) => c.json({ ...eventReply(c.get('webhook')), parsed: await c.req.json() }))
  app.post(
    '/read-json-first',
    async (c, next) => {
      await c.req.json()
      await next()
    },
    verifyWebhooks('github', GITHUB_SECRET, { onError: () => {} }),
    (c) => c.json(eventReply(c.get('webhook'))),
  )
  app.post(
    '/read-bytes-first',
    async (c, next) => {
      await c.req.arrayBuffer()
      await next()
    },
    verifyWebhooks('github', GITHUB_SECRET),
    (c) => c.json(eventReply(c.get('webhook'))),
  )
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

adapterSuite((route) => `${origin}/${route}`)

test('after verification the handler can still read c.req.json()', async () => {
  const res = await post(`${origin}/json`, github('{"action":"opened","emoji":"🎉"}'))
  expect(res.status).toBe(200)
  expect(JSON.parse(res.text)).toMatchObject({ handler: true, parsed: { action: 'opened', emoji: '🎉' } })
})

test('a body an earlier middleware parsed as JSON: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const res = await post(`${origin}/read-json-first`, github('{"a":1}'))
  expect(res.status).toBe(400)
  expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('a body an earlier middleware read as bytes is verified from Hono\'s copy', async () => {
  const res = await post(`${origin}/read-bytes-first`, github())
  expect(res.status).toBe(200)
  expect(JSON.parse(res.text)).toMatchObject({ handler: true, provider: 'github' })
})

test('configuration mistakes throw a TypeError when the middleware is created', () => {
  expect(() => verifyWebhooks('no-such-preset', 'x')).toThrow(TypeError)
})
