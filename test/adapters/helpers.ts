// Shared by the adapter tests: deliveries signed with node:crypto from the providers' documented
// formulas (not with hookseal's sign()), and one suite every adapter's server must pass over real HTTP.
// - GitHub: X-Hub-Signature-256 = 'sha256=' + hex HMAC-SHA256(secret, body)
//   https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
// - Slack: X-Slack-Signature = 'v0=' + hex HMAC-SHA256(secret, `v0:${timestamp}:${body}`), and the
//   Events API url_verification is answered with {"challenge": …}
//   https://api.slack.com/authentication/verifying-requests-from-slack
//   https://api.slack.com/events/url_verification
import { createHmac } from 'node:crypto'
import { expect, test } from 'vitest'
import type { VerifiedWebhook } from '../../src/index.js'

export const GITHUB_SECRET = 'adapter-github-secret'
export const SLACK_SECRET = 'adapter-slack-signing-secret'
/** Every adapter server mounts GitHub with this limit, to test BODY_TOO_LARGE. */
export const MAX_BODY_BYTES = 1024

export interface Delivery {
  headers: Record<string, string>
  body: Uint8Array
}

/** JSON with an emoji, then bytes that are not UTF-8: any decode/re-encode on the way breaks the signature. */
export const AWKWARD_BODY = new Uint8Array([...Buffer.from('{"zen":"Keep it logically awesome 🎉","n":1}'), 0x20, 0xff, 0xfe])

export function github(body: Uint8Array | string = AWKWARD_BODY, contentType = 'application/json'): Delivery {
  return signedGithub(body, contentType)
}

function signedGithub(body: Uint8Array | string = AWKWARD_BODY, contentType = 'application/json'): Delivery {
  const bytes = typeof body === 'string' ? new Uint8Array(Buffer.from(body)) : body
  return {
    headers: {
      'content-type': contentType,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': 'sha256=' + createHmac('sha256', GITHUB_SECRET).update(bytes).digest('hex'),
    },
    body: bytes,
  }
}

export function slackChallenge(challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'): Delivery {
  const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge, type: 'url_verification' })
  const timestamp = String(Math.floor(Date.now() / 1000))
  return {
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': 'v0=' + createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex'),
    },
    body: new Uint8Array(Buffer.from(body)),
  }
}

/** What every test handler answers for a verified event: enough to check the bytes arrived intact. */
export function eventReply(event: VerifiedWebhook | undefined): { handler: true; provider?: string; kind?: string; id?: string; rawBody?: string } {
  return { handler: true, provider: event?.provider, kind: event?.kind, id: event?.id, rawBody: event && Buffer.from(event.rawBody).toString('base64') }
}

export async function post(url: string, delivery: Delivery): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: delivery.headers, body: new Uint8Array(delivery.body) })
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() }
}

/**
 * The suite every adapter passes: `url(route)` gives the address of the 'github' route (GitHub,
 * maxBodyBytes MAX_BODY_BYTES, handler answers eventReply) and of the 'slack' route (Slack).
 */
export function adapterSuite(url: (route: 'github' | 'slack') => string, suite: { awkwardType?: string } = {}): void {
  // Platforms that parse JSON themselves before the function runs (Cloud Functions) refuse a JSON
  // body that is not UTF-8; they get the same bytes under another content type.
  const github = (body?: Uint8Array | string, type = body === undefined ? suite.awkwardType : undefined) => signedGithub(body, type)
  test('a verified delivery reaches the handler with its exact bytes', async () => {
    const res = await post(url('github'), github())
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text)).toMatchObject({ handler: true, provider: 'github', kind: 'event', id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', rawBody: Buffer.from(AWKWARD_BODY).toString('base64') })
  })

  test('a form body is verified as bytes too', async () => {
    const res = await post(url('github'), signedGithub('payload=%7B%22a%22%3A1%7D&x=%C3%A9', 'application/x-www-form-urlencoded'))
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text).rawBody).toBe(Buffer.from('payload=%7B%22a%22%3A1%7D&x=%C3%A9').toString('base64'))
  })

  test('a wrong signature is 401 {"error":"ERR_WEBHOOK_SIGNATURE_MISMATCH"} and the handler never runs', async () => {
    const d = github()
    d.headers['x-hub-signature-256'] = 'sha256=' + createHmac('sha256', 'another-secret').update(d.body).digest('hex')
    const res = await post(url('github'), d)
    expect(res.status).toBe(401)
    expect(res.type).toMatch(/^application\/json/)
    expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  })

  test('one changed body byte is 401', async () => {
    const d = github()
    const body = new Uint8Array(d.body)
    body[3]! ^= 1
    const res = await post(url('github'), { headers: d.headers, body })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  })

  test('a missing signature header is 400 {"error":"ERR_WEBHOOK_MISSING_HEADER"}', async () => {
    const d = github()
    delete d.headers['x-hub-signature-256']
    const res = await post(url('github'), d)
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_MISSING_HEADER' })
  })

  test('a body over maxBodyBytes is 413 {"error":"ERR_WEBHOOK_BODY_TOO_LARGE"}', async () => {
    const res = await post(url('github'), github(JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES * 4) })))
    expect(res.status).toBe(413)
    expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_TOO_LARGE' })
  })

  test('a handshake is answered with the provider reply, without the handler', async () => {
    const res = await post(url('slack'), slackChallenge('challenge-for-this-test'))
    expect(res.status).toBe(200)
    expect(res.type).toMatch(/^application\/json/)
    expect(JSON.parse(res.text)).toEqual({ challenge: 'challenge-for-this-test' })
  })
}
