// The Google Cloud Functions adapter. The Functions Framework is not installed here; it is an Express
// app whose body parsers keep the exact bytes in req.rawBody through body-parser's verify hook
// (https://github.com/GoogleCloudPlatform/functions-framework-nodejs, docs/ "rawBody"), so the test
// runs the wrapped function on real Express 4 with json/text/urlencoded/raw parsers that do the same.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express4'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { withWebhook } from '../../src/adapters/gcf.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

let server: Server
let origin = ''

beforeAll(async () => {
  const keep = (req: object, _res: unknown, buf: Buffer) => {
    ;(req as { rawBody?: Buffer }).rawBody = buf
  }
  const app = express()
  app.use(express.json({ verify: keep, limit: '10mb' }))
  app.use(express.text({ verify: keep, limit: '10mb' }))
  app.use(express.urlencoded({ verify: keep, extended: true, limit: '10mb' }))
  app.use(express.raw({ verify: keep, type: '*/*', limit: '10mb' }))
  const reply = (webhook: Parameters<typeof eventReply>[0], req: express.Request, res: express.Response) =>
    void res.json({ ...eventReply(webhook), parsed: typeof req.body === 'object' && !Buffer.isBuffer(req.body) })
  app.post('/github', withWebhook('github', GITHUB_SECRET, reply, { maxBodyBytes: MAX_BODY_BYTES }))
  app.post('/slack', withWebhook('slack', SLACK_SECRET, reply))
  // without the verify hook, as in an Express app that is not the Functions Framework
  app.post('/no-raw', (req, _res, next) => {
    delete (req as { rawBody?: Buffer }).rawBody
    next()
  }, withWebhook('github', GITHUB_SECRET, reply, { onError: () => {} }))
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

adapterSuite((route) => `${origin}/${route}`, { awkwardType: 'application/octet-stream' })

test('the parsed body stays available to the handler', async () => {
  const res = await post(`${origin}/github`, github('{"action":"opened"}'))
  expect(res.status).toBe(200)
  expect(JSON.parse(res.text)).toMatchObject({ handler: true, parsed: true })
})

test('a parsed body without rawBody: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const res = await post(`${origin}/no-raw`, github('{"action":"opened"}'))
  expect(res.status).toBe(400)
  expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('configuration mistakes throw a TypeError when the function is created', () => {
  expect(() => withWebhook('no-such-preset', 'x', () => {})).toThrow(TypeError)
})
