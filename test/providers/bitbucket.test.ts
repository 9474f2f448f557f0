// Bitbucket Cloud: interop both ways with the documented recipe (sha256= + hex HMAC-SHA256 of the
// body in X-Hub-Signature), which must first reproduce the docs' "Hello World" example; the
// delivery id is X-Request-UUID, never the webhook's constant X-Hook-UUID.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const bitbucketSign = (secret: string, body: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))

describe('bitbucket', () => {
  test("the recipe reproduces the Bitbucket docs' example", () => {
    expect(bitbucketSign("It's a Secret to Everybody", 'Hello World!')).toBe('sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9')
  })

  test.each(['{"push":{"changes":[]},"actor":{"display_name":"Zoë"}}', 'a\r\n', ''])('both ways for %j', async (body) => {
    const ours = await sign('bitbucket', { payload: body, secret: 'bb-secret', id: 'req-1' })
    expect(ours).toEqual({ 'X-Request-UUID': 'req-1', 'X-Hub-Signature': bitbucketSign('bb-secret', body) })
    const headers = { 'X-Hub-Signature': bitbucketSign('bb-secret', body), 'X-Hook-UUID': 'hook-constant', 'X-Request-UUID': 'req-2', 'X-Event-Key': 'repo:push' }
    const result = await verifyWebhook({ headers, body }, 'bitbucket', 'bb-secret')
    expect(result.id).toBe('req-2')
    expect(await code(verifyWebhook({ headers, body }, 'bitbucket', 'bb-secret-2'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('only sha256= is accepted in X-Hub-Signature; X-Hub-Signature-256 is not read', async () => {
    const body = 'Hello World!'
    const secret = "It's a Secret to Everybody"
    const sha1 = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`
    expect(await code(verifyWebhook({ headers: { 'X-Hub-Signature': sha1 }, body }, 'bitbucket', secret))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await code(verifyWebhook({ headers: { 'X-Hub-Signature-256': bitbucketSign(secret, body) }, body }, 'bitbucket', secret))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook({ headers: { 'X-Hub-Signature': bitbucketSign(secret, body).toUpperCase().replace('SHA256', 'sha256') }, body }, 'bitbucket', secret))).toBe('accepted')
  })
})
