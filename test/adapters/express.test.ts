// The Express adapter on real Express 4 and 5 servers over 127.0.0.1.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express4 from 'express4'
import express5 from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rawBodySaver, verifyWebhooks, type WebhookRequest } from '../../src/adapters/express.js'
import type { WebhookVerificationError } from '../../src/index.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

for (const [name, express] of [['express 4', express4], ['express 5', express5]] as const) {
  describe(name, () => {
    let server: Server
    let origin = ''
    const reported: WebhookVerificationError[] = []

    beforeAll(async () => {
      const createApp = express as unknown as typeof express5
      const reply = (req: unknown, res: express5.Response) => void res.json({ ...eventReply((req as WebhookRequest).webhook), parsed: (req as { body?: unknown }).body !== undefined && !Buffer.isBuffer((req as { body?: unknown }).body) })
      const app = createApp()
      app.post('/github', verifyWebhooks('github', GITHUB_SECRET, { maxBodyBytes: MAX_BODY_BYTES }), reply)
      app.post('/slack', verifyWebhooks('slack', SLACK_SECRET), reply)
      // express.raw() on the route: the middleware uses the bytes it kept
      app.post('/raw', createApp.raw({ type: '*/*' }), verifyWebhooks('github', GITHUB_SECRET), reply)

      // A global JSON parser consumed the stream: refused with BODY_NOT_RAW
      const parsed = createApp.Router()
      parsed.use(createApp.json())
      parsed.post('/github', verifyWebhooks('github', GITHUB_SECRET, { onError: (e) => reported.push(e) }), reply)
      app.use('/parsed', parsed)

      // The same parser with rawBodySaver: both the parsed body and verification
      const both = createApp.Router()
      both.use(createApp.json({ verify: rawBodySaver }))
      both.post('/github', verifyWebhooks('github', GITHUB_SECRET), reply)
      app.use('/both', both)

      await new Promise<void>((resolve) => {
        server = app.listen(0, '127.0.0.1', () => resolve())
      })
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    adapterSuite((route) => `${origin}/${route}`)

    test('express.raw() on the route: verified from the bytes it kept', async () => {
      const res = await post(`${origin}/raw`, github())
      expect(res.status).toBe(200)
      expect(JSON.parse(res.text)).toMatchObject({ handler: true, provider: 'github' })
    })

    test('a global express.json() that consumed the body: 400 ERR_WEBHOOK_BODY_NOT_RAW, reported to onError', async () => {
      const res = await post(`${origin}/parsed/github`, github('{"action":"opened"}'))
      expect(res.status).toBe(400)
      expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
      expect(reported.map((e) => [e.code, e.status])).toEqual([['ERR_WEBHOOK_BODY_NOT_RAW', 400]])
    })

    test('express.json({ verify: rawBodySaver }): verified, and the handler has the parsed body too', async () => {
      const res = await post(`${origin}/both/github`, github('{"action":"opened","emoji":"🎉"}'))
      expect(res.status).toBe(200)
      expect(JSON.parse(res.text)).toMatchObject({ handler: true, provider: 'github', parsed: true, rawBody: Buffer.from('{"action":"opened","emoji":"🎉"}').toString('base64') })
    })

    test('rawBodySaver with a tampered body still fails', async () => {
      const d = github('{"action":"opened"}')
      const res = await post(`${origin}/both/github`, { headers: d.headers, body: new Uint8Array(Buffer.from('{"action":"closed"}')) })
      expect(res.status).toBe(401)
      expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
    })
  })
}

test('configuration mistakes throw a TypeError when the middleware is created', () => {
  expect(() => verifyWebhooks('no-such-preset', 'x')).toThrow(TypeError)
  expect(() => verifyWebhooks('github', [])).toThrow(TypeError)
  expect(() => verifyWebhooks('github', 'x', { maxBodyBytes: -1 })).toThrow(TypeError)
  expect(() => verifyWebhooks('github', 'x', { onError: 'log' as never })).toThrow(TypeError)
})
