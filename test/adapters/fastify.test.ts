// The Fastify adapter on a real Fastify 5 server over 127.0.0.1: webhook routes in a scope with the
// plugin, a JSON route outside it that keeps Fastify's own parser.
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { verifyWebhooks, type WebhookRequest } from '../../src/adapters/fastify.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

let app: FastifyInstance
let origin = ''

beforeAll(async () => {
  app = Fastify()
  await app.register(async (scope) => {
    await scope.register(verifyWebhooks('github', GITHUB_SECRET, { maxBodyBytes: MAX_BODY_BYTES }))
    scope.post('/github', async (request) => eventReply((request as WebhookRequest).webhook))
    scope.get('/github', async (request) => eventReply((request as WebhookRequest).webhook))
  })
  await app.register(async (scope) => {
    await scope.register(verifyWebhooks('slack', SLACK_SECRET))
    scope.post('/slack', async (request) => eventReply((request as WebhookRequest).webhook))
  })
  app.post('/json', async (request) => ({ parsed: request.body }))
  origin = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => app.close())

adapterSuite((route) => `${origin}/${route}`)

test('a request without a content type is read as bytes too', async () => {
  const d = github('{"no":"content-type"}')
  delete d.headers['content-type']
  const res = await post(`${origin}/github`, d)
  expect(res.status).toBe(200)
  expect(JSON.parse(res.text)).toMatchObject({ handler: true, provider: 'github' })
})

test('routes outside the scope keep Fastify parsers', async () => {
  const res = await fetch(`${origin}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ parsed: { a: 1 } })
})

test('a bodiless GET in the scope is verified as an empty body', async () => {
  const d = github('')
  const res = await fetch(`${origin}/github`, { headers: { 'x-hub-signature-256': d.headers['x-hub-signature-256']! } })
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ handler: true, rawBody: '' })
})

test('configuration mistakes throw a TypeError when the plugin is created', () => {
  expect(() => verifyWebhooks('no-such-preset', 'x')).toThrow(TypeError)
})
