// The Koa adapter on a real Koa 3 server over 127.0.0.1.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import Koa from 'koa'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { verifyWebhooks } from '../../src/adapters/koa.js'
import type { VerifiedWebhook } from '../../src/index.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

let server: Server
let origin = ''

beforeAll(async () => {
  const app = new Koa()
  const routes: Record<string, ReturnType<typeof verifyWebhooks>> = {
    '/github': verifyWebhooks('github', GITHUB_SECRET, { maxBodyBytes: MAX_BODY_BYTES }),
    '/slack': verifyWebhooks('slack', SLACK_SECRET),
    '/consumed': verifyWebhooks('github', GITHUB_SECRET, { onError: () => {} }),
  }
  app.use(async (ctx, next) => {
    // a body parser that read the stream first, as koa-bodyparser would
    if (ctx.path === '/consumed') for await (const _ of ctx.req) void _
    await next()
  })
  app.use(async (ctx, next) => {
    const verify = routes[ctx.path]
    if (verify === undefined) return next()
    await verify(ctx, async () => {
      ctx.body = eventReply(ctx.state.webhook as VerifiedWebhook)
    })
  })
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

adapterSuite((route) => `${origin}/${route}`)

test('a stream already read by another middleware: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const res = await post(`${origin}/consumed`, github('{"a":1}'))
  expect(res.status).toBe(400)
  expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('configuration mistakes throw a TypeError when the middleware is created', () => {
  expect(() => verifyWebhooks('no-such-preset', 'x')).toThrow(TypeError)
})
