// defineScheme checks a scheme once: every mistake is a TypeError at definition, never a surprise
// on the first request; the result is frozen and independent of the spec object it came from.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { defineScheme, verifyWebhook, type SchemeSpec } from '../../src/index.js'

const base: SchemeSpec = {
  id: 'acme',
  signatureHeader: 'X-Acme-Signature',
  labelSeparator: '=',
  algorithms: { sha256: 'hmac-sha256' },
  encoding: 'hex',
  timestamp: { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: 300 },
  signedContent: '{timestamp}.{body}',
}

const spec = (patch: Record<string, unknown>) => ({ ...base, ...patch }) as unknown as SchemeSpec

describe('defineScheme', () => {
  test('a well-formed spec is accepted', () => {
    const scheme = defineScheme(base)
    expect(scheme.id).toBe('acme')
    expect(scheme.signatureHeaders).toEqual(['x-acme-signature'])
  })

  test.each<[string, unknown]>([
    ['null', null],
    ['a string', 'acme'],
    ['a number', 42],
  ])('not an object (%s)', (_name, value) => {
    expect(() => defineScheme(value as SchemeSpec)).toThrow(TypeError)
  })

  test.each<[string, unknown]>([
    ['empty', ''],
    ['upper case', 'Acme'],
    ['underscore', 'acme_hooks'],
    ['space', 'acme hooks'],
    ['leading dash', '-acme'],
    ['trailing dash', 'acme-'],
    ['double dash', 'acme--hooks'],
    ['dot', 'acme.hooks'],
    ['a number', 42],
    ['missing', undefined],
  ])('bad id: %s', (_name, id) => {
    expect(() => defineScheme(spec({ id }))).toThrow(TypeError)
  })

  test.each<[string, unknown]>([
    ['missing', undefined],
    ['empty list', []],
    ['empty name', ''],
    ['space inside', 'X Acme'],
    ['colon', 'X-Acme:'],
    ['newline', 'X-Acme\n'],
    ['non-ASCII', 'X-Acmé'],
    ['a number', 42],
    ['list with a bad name', ['X-Acme', 'X Acme']],
  ])('bad signatureHeader: %s', (_name, signatureHeader) => {
    expect(() => defineScheme(spec({ signatureHeader }))).toThrow(TypeError)
  })

  test.each<[string, Record<string, unknown>]>([
    ['no algorithms property', { algorithms: undefined }],
    ['empty algorithms', { algorithms: {} }],
    ['unknown algorithm', { algorithms: { sha256: 'hmac-md5' } }],
    ['algorithm in the wrong case', { algorithms: { sha256: 'HMAC-SHA256' } }],
    ['labels without labelSeparator', { labelSeparator: undefined }],
    ['unlabelled algorithm with a labelSeparator', { algorithms: { '': 'hmac-sha256' } }],
  ])('bad algorithms: %s', (_name, patch) => {
    expect(() => defineScheme(spec(patch))).toThrow(TypeError)
  })

  test.each<[string, unknown]>([
    ['base64url', 'base64url'],
    ['upper case', 'HEX'],
    ['missing', undefined],
  ])('bad encoding: %s', (_name, encoding) => {
    expect(() => defineScheme(spec({ encoding }))).toThrow(TypeError)
  })

  test("encoding 'text' is for token schemes only: an HMAC signature is hex or base64", () => {
    expect(() => defineScheme(spec({ encoding: 'text' }))).toThrow(/encoding 'text' is for 'token' schemes/)
    expect(() => defineScheme(spec({ algorithms: { '': 'ed25519' }, labelSeparator: undefined, encoding: 'text' }))).toThrow(TypeError)
  })

  test.each<[string, unknown]>([
    ['neither header nor label', { unit: 's', toleranceSeconds: 300 }],
    ['both header and label', { header: 'X-Acme-Timestamp', label: 't', unit: 's', toleranceSeconds: 300 }],
    ['unknown unit', { header: 'X-Acme-Timestamp', unit: 'us', toleranceSeconds: 300 }],
    ['negative tolerance', { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: -1 }],
    ['NaN tolerance', { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: Number.NaN }],
    ['infinite tolerance', { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: Number.POSITIVE_INFINITY }],
    ['tolerance as a string', { header: 'X-Acme-Timestamp', unit: 's', toleranceSeconds: '300' }],
    ['no tolerance', { header: 'X-Acme-Timestamp', unit: 's' }],
  ])('bad timestamp: %s', (_name, timestamp) => {
    expect(() => defineScheme(spec({ timestamp }))).toThrow(TypeError)
  })

  test('a timestamp label needs a labelSeparator', () => {
    expect(() =>
      defineScheme(spec({ labelSeparator: undefined, algorithms: { '': 'hmac-sha256' }, timestamp: { label: 't', unit: 's', toleranceSeconds: 300 } })),
    ).toThrow(TypeError)
  })

  test.each<[string, Record<string, unknown>]>([
    ['no {body}', { signedContent: '{timestamp}.' }],
    ['empty template', { signedContent: '' }],
    ['neither string nor function', { signedContent: 42 }],
    ['missing', { signedContent: undefined }],
    ['{timestamp} without a timestamp', { timestamp: undefined, signedContent: '{timestamp}.{body}' }],
    ['{id} without an idHeader', { signedContent: '{id}.{body}' }],
  ])('bad signedContent: %s', (_name, patch) => {
    expect(() => defineScheme(spec(patch))).toThrow(TypeError)
  })

  test.each(['handshake', 'preflight', 'read'])('%s must be a function', (hook) => {
    expect(() => defineScheme(spec({ [hook]: { status: 200 } }))).toThrow(TypeError)
  })

  test('the result is frozen and does not follow later changes to the spec', async () => {
    const mutable = {
      ...base,
      algorithms: { sha256: 'hmac-sha256' as const },
      timestamp: { header: 'X-Acme-Timestamp', unit: 's' as const, toleranceSeconds: 300 },
    }
    const scheme = defineScheme(mutable)
    expect(Object.isFrozen(scheme)).toBe(true)
    expect(Object.isFrozen(scheme.algorithms)).toBe(true)
    expect(Object.isFrozen(scheme.timestamp)).toBe(true)

    // change the spec afterwards: the scheme must verify exactly as defined
    ;(mutable.algorithms as Record<string, string>).sha256 = 'hmac-sha1'
    mutable.timestamp.toleranceSeconds = 0
    const body = '{"ok":true}'
    const t = 1_700_000_000
    const sig = createHmac('sha256', 'acme-secret').update(`${t}.${body}`).digest('hex')
    const event = await verifyWebhook(
      { headers: { 'X-Acme-Signature': `sha256=${sig}`, 'X-Acme-Timestamp': String(t) }, body },
      scheme,
      'acme-secret',
      { now: (t + 120) * 1000 },
    )
    expect(event.matchedSecret).toBe(0)
  })
})
