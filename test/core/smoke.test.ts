import { expect, test } from 'vitest'
import { sign, verifyWebhook } from '../../src/index.js'

test('github docs vector', async () => {
  const r = await verifyWebhook(
    { headers: { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }, body: 'Hello, World!' },
    'github',
    "It's a Secret to Everybody",
  )
  expect(r.kind).toBe('event')
  const h = await sign('stripe', { payload: '{"a":1}', secret: 'whsec_x', timestamp: 1000 })
  const r2 = await verifyWebhook({ headers: h, body: '{"a":1}' }, 'stripe', 'whsec_x', { now: 1000_000 })
  expect(r2.payload).toEqual({ a: 1 })
})
