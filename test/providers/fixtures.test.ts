// Every recorded fixture (fixtures/**/*.json) through verifyWebhook, in every request shape a
// platform hands over, on every crypto backend: it must resolve or reject exactly as the fixture's
// `expect` says (code and status), and a verified delivery must carry the exact bytes received.
import { describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError, type VerifiedWebhook } from '../../src/index.js'
import { hasBody, jsonOf, loadFixtures, methodOf, STATUS, type Fixture } from './load-fixtures.js'

const fixtures = loadFixtures()

const shapes: Record<string, (f: Fixture) => unknown> = {
  // OpenFaaS node templates, express.raw(), tests: the body as the string or Buffer the platform holds
  'plain event': (f) => ({ method: methodOf(f), headers: f.headers, body: f.body ?? Buffer.from(f.bytes) }),
  // the same bytes as a view into a larger buffer, at a non-zero offset, with other bytes around it
  'Uint8Array view at an offset': (f) => {
    const backing = new Uint8Array(f.bytes.length + 29).fill(0x7b)
    backing.set(f.bytes, 13)
    return { method: methodOf(f), headers: f.headers, body: backing.subarray(13, 13 + f.bytes.length) }
  },
  // AWS Lambda / API Gateway / Function URL: lower-cased header names, base64 body
  'Lambda base64 event': (f) => ({
    headers: Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: f.bytes.toString('base64'),
    isBase64Encoded: true,
    requestContext: { http: { method: methodOf(f) } },
  }),
  // Workers, Deno, Bun, Next.js route handlers
  'Web Request': (f) => new Request('http://127.0.0.1/webhook', { method: methodOf(f), headers: f.headers, body: hasBody(f) ? new Uint8Array(f.bytes) : null }),
}

async function expectOutcome(f: Fixture, outcome: Promise<VerifiedWebhook>): Promise<void> {
  if (f.expect === 'ok') {
    const result = await outcome
    expect(result.provider).toBe(f.preset)
    expect(result.rawBody).toBeInstanceOf(Uint8Array)
    expect(result.rawBody.byteLength).toBe(f.bytes.length)
    expect(Buffer.compare(Buffer.from(result.rawBody.buffer, result.rawBody.byteOffset, result.rawBody.byteLength), f.bytes)).toBe(0)
    expect(result.kind).toBe(f.expectKind ?? 'event')
    if (f.expectId !== undefined) expect(result.id).toBe(f.expectId)
    if (f.expectResponseBody !== undefined) expect(result.response?.body).toBe(f.expectResponseBody)
    else expect(result.response).toBeUndefined()
    expect(result.payload).toEqual(jsonOf(f))
    return
  }
  const error: unknown = await outcome.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'expected a rejection').toBeInstanceOf(WebhookVerificationError)
  const { code, status } = error as WebhookVerificationError
  expect({ code, status }).toEqual({ code: f.expect, status: STATUS[f.expect] })
}

test('the fixtures are there: every preset, genuine and tampered', () => {
  for (const preset of ['github', 'stripe', 'discord', 'hub']) {
    const mine = fixtures.filter((f) => f.preset === preset)
    expect(mine.some((f) => f.expect === 'ok')).toBe(true)
    expect(mine.some((f) => f.expect !== 'ok')).toBe(true)
  }
  // the bodies the issue asks for: empty, CRLF, invalid UTF-8, emoji, 256 KiB
  const ok = fixtures.filter((f) => f.expect === 'ok')
  expect(ok.some((f) => f.bytes.length === 0)).toBe(true)
  expect(ok.some((f) => f.bytes.includes('\r\n'))).toBe(true)
  expect(ok.some((f) => f.body === undefined)).toBe(true)
  expect(ok.some((f) => /\p{Extended_Pictographic}/u.test(f.body ?? ''))).toBe(true)
  expect(ok.some((f) => f.bytes.length === 256 * 1024)).toBe(true)
})

describe.each(fixtures.map((f) => [`${f.preset}/${f.name} → ${f.expect}`, f] as const))('%s', (_, f) => {
  test.each(Object.keys(shapes))('%s', async (shape) => {
    await expectOutcome(f, verifyWebhook(shapes[shape]!(f), f.preset, f.secret, { ...f.options, now: f.now }))
  })
})
