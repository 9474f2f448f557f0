// The shape of a verified delivery: the exact bytes, a payload parsed only after verification and
// only when read, the signed timestamp as a Date, the delivery id, and which secret matched.
// Signatures are computed here with node:crypto from the providers' documented formulas.
import { createHmac, generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { inspect } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createVerifier, verifyWebhook } from '../../src/index.js'

const hmacHex = (secret: string | Uint8Array, content: string | Uint8Array) => createHmac('sha256', secret).update(content).digest('hex')

/** A GitHub delivery: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>. */
function github(body: string | Uint8Array, secret: string | Uint8Array, extra: Record<string, string> = {}) {
  return { headers: { 'x-hub-signature-256': `sha256=${hmacHex(secret, body)}`, ...extra }, body }
}

/** A Stripe delivery: Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of `${t}.${body}`>. */
function stripe(body: string, secrets: string[], t: number) {
  const v1 = secrets.map((s) => `v1=${hmacHex(s, `${t}.${body}`)}`).join(',')
  return { headers: { 'stripe-signature': `t=${t},${v1}` }, body }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('rawBody', () => {
  test('is exactly the bytes received: invalid UTF-8, CRLF, BOM, NUL, emoji', async () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0x0d, 0x0a, 0x00, 0xff, 0xfe, 0xf0, 0x9f, 0x98, 0x80, 0xc3])
    const event = await verifyWebhook(github(body, 'k'), 'github', 'k')
    expect(event.rawBody).toEqual(body)
    expect(event.payload).toBeUndefined()
  })

  test('a view at an offset verifies and rawBody is that view\'s bytes only', async () => {
    const content = new TextEncoder().encode('{"zen":"Design for failure."}')
    const backing = new Uint8Array(content.length + 16).fill(0x41)
    backing.set(content, 7)
    const view = backing.subarray(7, 7 + content.length)
    const event = await verifyWebhook({ headers: github(content, 'k').headers, body: view }, 'github', 'k')
    expect(event.rawBody).toEqual(content)
    expect(event.rawBody.byteLength).toBe(content.length)
    expect(event.payload).toEqual({ zen: 'Design for failure.' })
  })

  test('a string body is taken as its UTF-8 bytes', async () => {
    const body = '{"emoji":"😀","accent":"é"}\r\n'
    const event = await verifyWebhook(github(body, 'k'), 'github', 'k')
    expect(event.rawBody).toEqual(new Uint8Array(Buffer.from(body, 'utf8')))
  })

  test('an empty body verifies', async () => {
    const event = await verifyWebhook(github('', 'k'), 'github', 'k')
    expect(event.rawBody).toHaveLength(0)
    expect(event.payload).toBeUndefined()
  })
})

describe('payload', () => {
  test('is parsed after verification, on first access, once', async () => {
    const parse = vi.spyOn(JSON, 'parse')
    const body = '{"action":"opened","number":1}'
    const event = await verifyWebhook(github(body, 'k'), 'github', 'k')
    expect(parse).not.toHaveBeenCalled()
    const first = event.payload
    expect(first).toEqual({ action: 'opened', number: 1 })
    expect(event.payload).toBe(first)
    expect(parse).toHaveBeenCalledTimes(1)
  })

  test('is never parsed for a request that fails verification', async () => {
    const parse = vi.spyOn(JSON, 'parse')
    const body = '{"action":"opened"}'
    await expect(verifyWebhook({ headers: github(body, 'k').headers, body: body + ' ' }, 'github', 'k')).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
    await expect(verifyWebhook(github(body, 'wrong'), 'github', 'k')).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
    expect(parse).not.toHaveBeenCalled()
  })

  test.each<[string, string, unknown]>([
    ['JSON object', '{"a":[1,2,{"b":null}]}', { a: [1, 2, { b: null }] }],
    ['JSON array', '[1,"two"]', [1, 'two']],
    ['JSON number', '42', 42],
    ['JSON null', 'null', null],
    ['JSON with surrounding whitespace', ' \n{"a":1}\n', { a: 1 }],
    ['form-encoded body', 'payload=%7B%22a%22%3A1%7D', undefined],
    ['plain text', 'hello', undefined],
    ['truncated JSON', '{"a":', undefined],
    ['empty', '', undefined],
  ])('%s', async (_name, body, want) => {
    const event = await verifyWebhook(github(body, 'k'), 'github', 'k')
    expect(event.payload).toEqual(want)
  })

  test('JSON that is not valid UTF-8 is not a payload', async () => {
    const body = new Uint8Array([0x22, 0xff, 0x22]) // "\xff"
    const event = await verifyWebhook(github(body, 'k'), 'github', 'k')
    expect(event.payload).toBeUndefined()
  })

  test('is a getter that destructuring, JSON.stringify and console.log see (a spread copies only own fields)', async () => {
    const event = await verifyWebhook(github('{"a":1}', 'k', { 'X-GitHub-Delivery': 'd1' }), 'github', 'k')
    const { payload, id } = event
    expect(payload).toEqual({ a: 1 })
    expect(id).toBe('d1')
    expect(JSON.parse(JSON.stringify(event))).toMatchObject({ kind: 'event', provider: 'github', id: 'd1', matchedSecret: 0, payload: { a: 1 } })
    expect(inspect(event)).toContain("payload: { a: 1 }")
    expect({ ...event }.payload).toBeUndefined()
  })

  test('Stripe: the id read from the verified body shows in JSON.stringify and console.log too', async () => {
    const t = 1_700_000_000
    const event = await verifyWebhook(stripe('{"id":"evt_9"}', ['whsec_a'], t), 'stripe', 'whsec_a', { now: t * 1000 })
    expect(event.id).toBe('evt_9')
    expect(JSON.parse(JSON.stringify(event))).toMatchObject({ id: 'evt_9', payload: { id: 'evt_9' }, timestamp: new Date(t * 1000).toISOString() })
    expect(inspect(event)).toContain("id: 'evt_9'")
  })
})

describe('other fields', () => {
  test('GitHub: provider, kind, id from X-GitHub-Delivery, no timestamp', async () => {
    const event = await verifyWebhook(github('{}', 'k', { 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' }), 'github', 'k')
    expect(event.kind).toBe('event')
    expect(event.provider).toBe('github')
    expect(event.id).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958')
    expect('timestamp' in event).toBe(false)
    expect(event.response).toBeUndefined()
  })

  test('no id header, no id property', async () => {
    const event = await verifyWebhook(github('{}', 'k'), 'github', 'k')
    expect('id' in event).toBe(false)
  })

  test('Stripe: timestamp is the signed t= as a Date; now accepted as a number or a Date', async () => {
    const t = 1_700_000_000
    const req = stripe('{"id":"evt_1"}', ['whsec_a'], t)
    for (const now of [t * 1000 + 5000, new Date(t * 1000 - 5000)]) {
      const event = await verifyWebhook(req, 'stripe', 'whsec_a', { now })
      expect(event.timestamp).toBeInstanceOf(Date)
      expect(event.timestamp!.getTime()).toBe(t * 1000)
      expect(event.provider).toBe('stripe')
    }
  })

  test('Discord: timestamp from X-Signature-Timestamp', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const body = '{"type":2}'
    const signature = nodeSign(null, Buffer.from('1700000000' + body), privateKey).toString('hex')
    const event = await verifyWebhook({ headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': '1700000000' }, body }, 'discord', publicKey, { now: 1_700_000_000_000 })
    expect(event.timestamp).toEqual(new Date(1_700_000_000_000))
    expect(event.matchedSecret).toBe(0)
  })
})

describe('several secrets (rotation)', () => {
  test('matchedSecret is the index of the secret that verified', async () => {
    const body = '{"rotate":true}'
    expect((await verifyWebhook(github(body, 'old'), 'github', ['old', 'new'])).matchedSecret).toBe(0)
    expect((await verifyWebhook(github(body, 'new'), 'github', ['old', 'new'])).matchedSecret).toBe(1)
    expect((await verifyWebhook(github(body, 'new'), 'github', 'new')).matchedSecret).toBe(0)
    const bytesSecret = new Uint8Array([1, 2, 3, 250])
    expect((await verifyWebhook(github(body, Buffer.from(bytesSecret)), 'github', ['old', bytesSecret])).matchedSecret).toBe(1)
  })

  test('none of the secrets matching is a mismatch', async () => {
    await expect(verifyWebhook(github('{}', 'retired'), 'github', ['old', 'new'])).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test('Stripe rolling its secret sends two v1 signatures; either of ours may match either', async () => {
    const t = 1_700_000_000
    const now = t * 1000
    const body = '{"id":"evt_roll"}'
    expect((await verifyWebhook(stripe(body, ['whsec_old', 'whsec_new'], t), 'stripe', 'whsec_new', { now })).matchedSecret).toBe(0)
    expect((await verifyWebhook(stripe(body, ['whsec_old', 'whsec_new'], t), 'stripe', ['whsec_x', 'whsec_old'], { now })).matchedSecret).toBe(1)
    await expect(verifyWebhook(stripe(body, ['whsec_old', 'whsec_new'], t), 'stripe', ['whsec_x', 'whsec_y'], { now })).rejects.toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  })

  test('Ed25519: two application keys', async () => {
    const a = generateKeyPairSync('ed25519')
    const b = generateKeyPairSync('ed25519')
    const body = '{"type":2}'
    const signature = nodeSign(null, Buffer.from('1700000000' + body), b.privateKey).toString('hex')
    const event = await verifyWebhook({ headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': '1700000000' }, body }, 'discord', [a.publicKey, b.publicKey], { now: 1_700_000_000_000 })
    expect(event.matchedSecret).toBe(1)
  })

  test('a verifier is reusable: each request gets its own result', async () => {
    const verifier = createVerifier('github', ['old', 'new'])
    const [x, y] = await Promise.all([verifier.verify(github('{"n":1}', 'old')), verifier.verify(github('{"n":2}', 'new'))])
    expect([x.matchedSecret, x.payload]).toEqual([0, { n: 1 }])
    expect([y.matchedSecret, y.payload]).toEqual([1, { n: 2 }])
  })
})
