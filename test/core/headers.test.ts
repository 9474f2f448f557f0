// Every header container a platform hands over (src/core/headers.ts), and what duplicates mean
// end to end: a header sent twice is joined with ", " (as Node and the Fetch standard do), so a
// second copy can only make the value malformed, never give a stale or wrong signature a second chance.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { toHeaderLookup } from '../../src/core/headers.js'
import { verifyWebhook, WebhookVerificationError } from '../../src/index.js'

describe('toHeaderLookup', () => {
  test('Web Headers: case-insensitive, duplicates joined', () => {
    const h = new Headers()
    h.append('X-Hub-Signature-256', 'sha256=aa')
    h.append('x-hub-signature-256', 'sha256=bb')
    h.set('Content-Type', 'application/json')
    const get = toHeaderLookup(h)
    expect(get('x-hub-signature-256')).toBe('sha256=aa, sha256=bb')
    expect(get('content-type')).toBe('application/json')
    expect(get('x-missing')).toBeUndefined()
  })

  test('record of strings and string[]: names folded, arrays joined, values trimmed', () => {
    const get = toHeaderLookup({
      'X-Hub-Signature-256': '  sha256=aa\t',
      'x-github-delivery': ['  id-1 ', 'id-2'],
      'Content-Length': 12,
    })
    expect(get('x-hub-signature-256')).toBe('sha256=aa')
    expect(get('x-github-delivery')).toBe('id-1, id-2')
    expect(get('content-length')).toBe('12')
  })

  test('record with the same name in two cases (plain objects from Lambda, OpenFaaS) joins them', () => {
    const get = toHeaderLookup({ 'Stripe-Signature': 't=1,v1=aa', 'stripe-signature': 't=2,v1=bb' })
    expect(get('stripe-signature')).toBe('t=1,v1=aa, t=2,v1=bb')
  })

  test('values that are not header text are ignored', () => {
    const get = toHeaderLookup({ a: undefined, b: null, c: { toString: () => 'x' }, d: [1, 2], e: true })
    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(get(name)).toBeUndefined()
  })

  test("Node's flat rawHeaders array, original case, duplicates kept", () => {
    const get = toHeaderLookup(['Host', '127.0.0.1', 'X-Signature-Ed25519', ' ab ', 'x-signature-ed25519', 'cd'])
    expect(get('host')).toBe('127.0.0.1')
    expect(get('x-signature-ed25519')).toBe('ab, cd')
  })

  test('an array of [name, value] pairs (Headers#entries, undici)', () => {
    const get = toHeaderLookup([
      ['X-A', ' 1 '],
      ['x-a', '2'],
      ['X-B', '3'],
    ])
    expect(get('x-a')).toBe('1, 2')
    expect(get('x-b')).toBe('3')
  })

  test('no headers at all is an empty lookup; a non-object is our error', () => {
    expect(toHeaderLookup(undefined)('x-a')).toBeUndefined()
    expect(toHeaderLookup(null)('x-a')).toBeUndefined()
    for (const bad of ['x-a: 1', 42, true]) {
      expect(() => toHeaderLookup(bad)).toThrow(WebhookVerificationError)
    }
  })

  test('prototype names are not headers', () => {
    const get = toHeaderLookup({})
    expect(get('constructor')).toBeUndefined()
    expect(get('__proto__')).toBeUndefined()
    expect(get('tostring')).toBeUndefined()
  })
})

// End to end with GitHub's documented vector: secret "It's a Secret to Everybody", body "Hello, World!".
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
const SECRET = "It's a Secret to Everybody"
const BODY = 'Hello, World!'
const GOOD = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
const WRONG = 'sha256=' + createHmac('sha256', 'another secret').update(BODY).digest('hex')

async function code(headers: unknown, provider = 'github', secret = SECRET, body: string = BODY, options = {}): Promise<string> {
  try {
    await verifyWebhook({ headers, body }, provider, secret, options)
    return 'ok'
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code
    throw error
  }
}

describe('headers through verifyWebhook', () => {
  test('every container shape and any name case verifies the documented vector', async () => {
    const shapes: [string, unknown][] = [
      ['record, lower case', { 'x-hub-signature-256': GOOD }],
      ['record, canonical case', { 'X-Hub-Signature-256': GOOD }],
      ['record, upper case', { 'X-HUB-SIGNATURE-256': GOOD }],
      ['record, string[]', { 'x-hub-signature-256': [GOOD] }],
      ['record, padded value', { 'x-hub-signature-256': ` \t${GOOD} ` }],
      ['Headers', new Headers({ 'X-Hub-Signature-256': GOOD })],
      ['rawHeaders', ['Host', 'example', 'X-Hub-Signature-256', GOOD]],
      ['pairs', [['X-Hub-Signature-256', GOOD]]],
    ]
    for (const [name, headers] of shapes) expect([name, await code(headers)]).toEqual([name, 'ok'])
  })

  test('a duplicated signature header never passes, whatever the order or container', async () => {
    const dupes: unknown[] = [
      { 'x-hub-signature-256': [GOOD, WRONG] },
      { 'x-hub-signature-256': [WRONG, GOOD] },
      { 'x-hub-signature-256': [GOOD, GOOD] },
      { 'X-Hub-Signature-256': WRONG, 'x-hub-signature-256': GOOD },
      ['X-Hub-Signature-256', WRONG, 'x-hub-signature-256', GOOD],
      [
        ['x-hub-signature-256', GOOD],
        ['x-hub-signature-256', WRONG],
      ],
      (() => {
        const h = new Headers()
        h.append('x-hub-signature-256', WRONG)
        h.append('x-hub-signature-256', GOOD)
        return h
      })(),
    ]
    for (const headers of dupes) expect(await code(headers)).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })

  test('Stripe: a second Stripe-Signature with another timestamp cannot smuggle a stale one through', async () => {
    const secret = 'whsec_headers_test'
    const body = '{"id":"evt_1"}'
    const v1 = (t: number) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    const now = 1_700_000_000
    const stale = `t=${now - 3600},v1=${v1(now - 3600)}`
    const fresh = `t=${now},v1=${'0'.repeat(64)}`
    expect(await code({ 'stripe-signature': [stale, fresh] }, 'stripe', secret, body, { now: now * 1000 })).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await code({ 'stripe-signature': [fresh, stale] }, 'stripe', secret, body, { now: now * 1000 })).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    // alone, the stale one is a valid signature that is too old
    expect(await code({ 'stripe-signature': stale }, 'stripe', secret, body, { now: now * 1000 })).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('a duplicated timestamp header is malformed, not the first or the last one', async () => {
    const headers = { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': ['1700000000', '1700000001'] }
    expect(await code(headers, 'discord', 'a'.repeat(64))).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
  })
})

describe('optional whitespace is spaces and tabs only (RFC 9110 §5.6.3)', () => {
  const hex = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' // GitHub docs vector
  const docs = async (value: string) => {
    try {
      await verifyWebhook({ headers: { 'x-hub-signature-256': value }, body: 'Hello, World!' }, 'github', "It's a Secret to Everybody")
      return 'ok'
    } catch (error) {
      return (error as { code?: string }).code
    }
  }
  test('spaces and tabs around the value are ignored', async () => {
    expect(await docs(` \tsha256=${hex}\t `)).toBe('ok')
  })
  test.each([
    ['a no-break space', '\u00a0'],
    ['a byte-order mark', '\ufeff'],
    ['a line separator', '\u2028'],
    ['an ideographic space', '\u3000'],
  ])('%s around the value is not whitespace: malformed', async (_, ch) => {
    expect(await docs(`${ch}sha256=${hex}`)).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await docs(`sha256=${hex}${ch}`)).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })
})
