// Template schemes' signed content (src/core/content.ts): whatever the values hold, the parts joined
// are exactly the UTF-8 of the template with the values put in, and the body stays its own part
// (never copied). The expected bytes are built here with TextEncoder, independently of the code.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fillTemplate, planTemplate } from '../../src/core/content.js'
import { concatBytes } from '../../src/core/encoding.js'
import { defineScheme } from '../../src/index.js'

const encoder = new TextEncoder()
const fill = (s: ReturnType<typeof scheme>, input: Parameters<typeof fillTemplate>[2]) => fillTemplate(s, planTemplate(s.parts!), input)
const scheme = (signedContent: string) =>
  defineScheme({ id: 'acme', signatureHeader: 'x-sig', algorithms: { '': 'hmac-sha256' }, encoding: 'hex', timestamp: { header: 'x-ts', unit: 's', toleranceSeconds: 300 }, idHeader: 'x-id', signedContent })

describe('fillTemplate', () => {
  test.each(['{body}', '{timestamp}.{body}', '{id}.{timestamp}.{body}', 'v0:{timestamp}:{body}', '{method}{url}{body}{timestamp}', '{body}.{id}', 'pre{body}mid{body}post', 'é:{timestamp}→{body}'])('%s: the joined parts are the template filled in, the body is its own part', (template) => {
    const text = fc.string({ unit: fc.constantFrom('a', '0', '.', ':', 'é', '😀', '\u007f', '\u0080'), maxLength: 12 })
    fc.assert(
      fc.property(text, text, text, text, fc.uint8Array({ maxLength: 40 }), (timestamp, id, method, url, bytes) => {
        const parts = fill(scheme(template), { bytes, timestamp, id, method, url })
        const values: Record<string, string> = { timestamp, id, method, url }
        const expected = template.split(/(\{[a-z]+\})/).flatMap((piece) => (piece === '{body}' ? [bytes] : piece === '' ? [] : [encoder.encode(values[piece.slice(1, -1)] ?? piece)]))
        expect(concatBytes(parts)).toEqual(concatBytes(expected))
        expect(parts.filter((p) => p === bytes)).toHaveLength(template.split('{body}').length - 1)
      }),
      { seed: 7, numRuns: 150 },
    )
  })

  test('a missing id the template signs is MISSING_HEADER', () => {
    expect(() => fill(scheme('{id}.{body}'), { bytes: new Uint8Array(0), timestamp: '1', id: undefined, method: 'POST', url: undefined })).toThrow(expect.objectContaining({ code: 'ERR_WEBHOOK_MISSING_HEADER' }))
  })
})
