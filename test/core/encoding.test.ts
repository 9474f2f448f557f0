// Strict hex and base64 (src/core/encoding.ts). Node's Buffer is the oracle for the alphabet and the
// bytes; our decoders must be stricter than it (Buffer.from('zz', 'hex') silently yields nothing,
// Buffer.from('QR==', 'base64') silently drops the non-zero trailing bits).
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { base64Length, concatBytes, constantTimeEqual, equalsBase64, equalsHex, fromBase64, fromBinary, fromHex, hexLength, isBytes, toBase64, toBinary, toHex, utf8 } from '../../src/core/encoding.js'

const hasBuffer = typeof Buffer !== 'undefined'
const bytesArb = fc.uint8Array({ maxLength: 200 })

describe('hex', () => {
  test.each([
    ['', []],
    ['00', [0]],
    ['ff', [255]],
    ['FF', [255]],
    ['0aFb', [0x0a, 0xfb]],
  ])('decodes %j', (text, want) => {
    expect(fromHex(text)).toEqual(new Uint8Array(want))
  })

  test.each([
    ['odd length', 'abc'],
    ['single nibble', 'a'],
    ['non-hex letter', 'zz'],
    ['g just past f', '0g'],
    ['G just past F', '0G'],
    ['space inside', 'ab cd'],
    ['leading space', ' abcd'],
    ['0x prefix', '0xab'],
    ['sign', '-1'],
    ['non-ASCII digit', '٠١'],
    ['full-width digits', '１２'],
    ['NUL', 'a\0'],
  ])('refuses %s', (_name, text) => {
    expect(fromHex(text)).toBeUndefined()
  })

  test('toHex is lower-case, two digits per byte', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff')
    expect(toHex(new Uint8Array(0))).toBe('')
  })

  test.runIf(hasBuffer)('agrees with Buffer on every byte string, both cases', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const hex = toHex(bytes)
        expect(hex).toBe(Buffer.from(bytes).toString('hex'))
        expect(fromHex(hex)).toEqual(bytes)
        expect(fromHex(hex.toUpperCase())).toEqual(bytes)
      }),
    )
  })

  test.runIf(hasBuffer)('whatever it accepts, Buffer decodes to the same bytes; whatever it refuses is not clean hex', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgxz =\n'), maxLength: 40 }), (text) => {
        const ours = fromHex(text)
        const clean = /^([0-9a-fA-F]{2})*$/.test(text)
        expect(ours !== undefined).toBe(clean)
        if (ours !== undefined) expect(ours).toEqual(new Uint8Array(Buffer.from(text, 'hex')))
      }),
    )
  })
})

describe('base64', () => {
  test.each([
    ['', []],
    ['QQ==', [0x41]],
    ['QUI=', [0x41, 0x42]],
    ['QUJD', [0x41, 0x42, 0x43]],
    // padding is optional, but when present it must be right
    ['QQ', [0x41]],
    ['QUI', [0x41, 0x42]],
    ['+/+/', [0xfb, 0xff, 0xbf]],
  ])('decodes %j', (text, want) => {
    expect(fromBase64(text)).toEqual(new Uint8Array(want))
  })

  test.each([
    ['one character', 'Q'],
    ['five characters', 'QUJDR'],
    ['non-zero trailing bits (1 byte)', 'QR=='],
    ['non-zero trailing bits (2 bytes)', 'QUJ='],
    ['non-zero trailing bits, unpadded', 'QR'],
    ['too much padding', 'Q==='],
    ['short padding', 'QQ='],
    ['padding only', '===='],
    ['padding in the middle', 'QQ==QUJD'],
    ['padding then data', 'QQ=a'],
    ['url-safe alphabet -', 'a-b_'],
    ['space inside', 'QU JD'],
    ['newline', 'QUJD\n'],
    ['non-ASCII', 'QUJé'],
    ['NUL', 'QUJ\0'],
  ])('refuses %s', (_name, text) => {
    expect(fromBase64(text)).toBeUndefined()
  })

  test.runIf(hasBuffer)('toBase64 matches Buffer and round-trips, padded or not', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const b64 = toBase64(bytes)
        expect(b64).toBe(Buffer.from(bytes).toString('base64'))
        expect(fromBase64(b64)).toEqual(bytes)
        expect(fromBase64(b64.replace(/=+$/, ''))).toEqual(bytes)
      }),
    )
  })

  test.runIf(hasBuffer)('one accepted encoding per byte string: anything accepted re-encodes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCQRabc09+/=-_ '), maxLength: 24 }), (text) => {
        const ours = fromBase64(text)
        if (ours === undefined) return
        expect(toBase64(ours).replace(/=+$/, '')).toBe(text.replace(/=+$/, ''))
        // and Buffer, lenient as it is, agrees on the bytes
        expect(ours).toEqual(new Uint8Array(Buffer.from(text, 'base64')))
      }),
    )
  })

  test.runIf(hasBuffer)('every canonical encoding Buffer produces is accepted', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCQRabc09+/='), maxLength: 24 }), (text) => {
        const canonical = Buffer.from(Buffer.from(text, 'base64')).toString('base64')
        if (canonical !== text) return
        expect(fromBase64(text)).toEqual(new Uint8Array(Buffer.from(text, 'base64')))
      }),
    )
  })
})

describe('decoding a range of a string in place', () => {
  // verify.ts decodes a signature where it sits in its header value; a range must decode exactly as
  // the same text cut out would. '\u0141' and '\u0130' have the low bytes of 'A' and '0', so a
  // decoder that looked at the low byte alone would take them for those characters.
  const units = fc.constantFrom(...'ABCQRabcf09+/=-_, ', '\u0141', '\u0130')
  const sliced = fc.tuple(fc.string({ unit: units, maxLength: 40 }), fc.nat(), fc.nat()).map(([text, a, b]) => {
    const start = text.length === 0 ? 0 : a % (text.length + 1)
    const end = start + (text.length === 0 ? 0 : b % (text.length - start + 1))
    return { text, start, end }
  })

  test('fromHex(text, start, end) is fromHex of that slice', () => {
    fc.assert(
      fc.property(sliced, ({ text, start, end }) => {
        expect(fromHex(text, start, end)).toEqual(fromHex(text.slice(start, end)))
      }),
    )
  })

  test('fromBase64(text, start, end) is fromBase64 of that slice', () => {
    fc.assert(
      fc.property(sliced, ({ text, start, end }) => {
        expect(fromBase64(text, start, end)).toEqual(fromBase64(text.slice(start, end)))
      }),
    )
  })

  test('a character whose low byte is a valid digit is refused, in range and whole', () => {
    expect(fromHex('ab\u0130f')).toBeUndefined()
    expect(fromHex('xxab\u0130fyy', 2, 6)).toBeUndefined()
    expect(fromBase64('QUJD\u0141A==')).toBeUndefined()
    expect(fromBase64('--QUJD\u0141A==--', 2, 10)).toBeUndefined()
    expect(fromBase64('--QUJD--', 2, 6)).toEqual(new Uint8Array([65, 66, 67]))
  })
})

describe('comparing a MAC with a signature where it sits (verify.ts)', () => {
  // equalsHex / equalsBase64 check the text and compare it with the MAC in one pass. Whatever the
  // text, the answer must be exactly "the decoder accepts text[start, end) and it decodes to the MAC":
  // a character the decoder refuses (outside the alphabet, above 255 with a digit's low byte), bad
  // padding or non-zero trailing bits never compare equal. The texts are the MAC's own encodings
  // with one character changed, inserted or removed, inside arbitrary surroundings.
  const oddUnits = ['', 'g', 'G', '=', '==', ' ', '-', '_', '\u0130', '\u0141', '\u0100', 'A', 'Q', 'R', '0', 'f', 'F']
  const cases = (encode: (bytes: Uint8Array, variant: boolean) => string) =>
    fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 70 }), fc.boolean(), fc.nat(), fc.constantFrom(...oddUnits), fc.nat(3), fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }))
      .map(([mac, variant, at, unit, edit, before, after]) => {
        let text = encode(mac, variant)
        const i = at % (text.length + 1)
        if (edit === 1) text = text.slice(0, i) + unit + text.slice(i + 1)
        else if (edit === 2) text = text.slice(0, i) + unit + text.slice(i)
        else if (edit === 3) text = text.slice(0, i) + text.slice(i + 1)
        return { mac, text: before + text + after, start: before.length, end: before.length + text.length }
      })
  const same = (decoded: Uint8Array | undefined, mac: Uint8Array) => decoded !== undefined && decoded.length === mac.length && decoded.every((b, k) => b === mac[k])

  test('equalsHex is "fromHex accepts the range and it decodes to the MAC"', () => {
    fc.assert(
      fc.property(cases((b, upper) => (upper ? toHex(b).toUpperCase() : toHex(b))), ({ mac, text, start, end }) => {
        expect(equalsHex(toBinary(mac), text, start, end)).toBe(same(fromHex(text, start, end), mac))
      }),
      { numRuns: 2000 },
    )
  })

  test('equalsBase64 is "fromBase64 accepts the range and it decodes to the MAC"', () => {
    fc.assert(
      fc.property(cases((b, unpadded) => (unpadded ? toBase64(b).replace(/=+$/, '') : toBase64(b))), ({ mac, text, start, end }) => {
        expect(equalsBase64(toBinary(mac), text, start, end)).toBe(same(fromBase64(text, start, end), mac))
      }),
      { numRuns: 2000 },
    )
  })

  test('the unedited encodings match, and the edge cases the properties may miss do not', () => {
    const mac = toBinary(new Uint8Array([0xff, 0x00, 0x41]))
    expect(equalsHex(mac, 'xxff0041yy', 2, 8)).toBe(true)
    expect(equalsHex(mac, 'FF0041', 0, 6)).toBe(true)
    expect(equalsHex(toBinary(new Uint8Array([0x00, 0x41])), '\u0130041', 0, 4)).toBe(false) // low byte of U+0130 is '0'
    expect(equalsHex(toBinary(new Uint8Array([0x00, 0x41])), '0041', 0, 4)).toBe(true)
    expect(equalsHex(mac, 'ff0041', 0, 5)).toBe(false)
    expect(equalsBase64(mac, '/wBB', 0, 4)).toBe(true)
    expect(equalsBase64(toBinary(new Uint8Array([0x41])), 'QQ==', 0, 4)).toBe(true)
    expect(equalsBase64(toBinary(new Uint8Array([0x41])), 'QQ', 0, 2)).toBe(true)
    expect(equalsBase64(toBinary(new Uint8Array([0x41])), 'QR==', 0, 4)).toBe(false) // non-zero trailing bits
    expect(equalsBase64(toBinary(new Uint8Array([0x41])), 'QQ=', 0, 3)).toBe(false)
    expect(equalsBase64(mac, '/wB\u0142', 0, 4)).toBe(false) // low byte of U+0142 is 'B'
  })

  test('hexLength and base64Length are the decoders\' verdicts and lengths', () => {
    const units = fc.constantFrom(...'ABCQRabcfg09+/=-_ ', '\u0141', '\u0130')
    fc.assert(
      fc.property(fc.string({ unit: units, maxLength: 30 }), (text) => {
        expect(hexLength(text)).toBe(fromHex(text)?.length ?? -1)
        expect(base64Length(text)).toBe(fromBase64(text)?.length ?? -1)
      }),
    )
  })

  test('toBinary and fromBinary round-trip every byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(fromBinary(toBinary(all))).toEqual(all)
    if (hasBuffer) expect(toBinary(all)).toBe(Buffer.from(all).toString('latin1'))
  })
})

describe('small helpers', () => {
  test('utf8 encodes emoji and lone surrogates the way TextEncoder does', () => {
    expect(utf8('é😀')).toEqual(new Uint8Array([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]))
    expect(utf8('\ud800')).toEqual(new Uint8Array([0xef, 0xbf, 0xbd]))
  })

  test('utf8 agrees with TextEncoder on any string, short ASCII ones (copied by hand) included', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom('0', '9', '.', '\x7f', '\x80', 'é'), maxLength: 70 })), (text) => {
        expect(utf8(text)).toEqual(encoder.encode(text))
      }),
      { seed: 6, numRuns: 500 },
    )
  })

  test('constantTimeEqual is byte equality, lengths included', () => {
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false)
    fc.assert(
      fc.property(bytesArb, bytesArb, fc.nat(), (a, b, flip) => {
        const same = new Uint8Array(a)
        expect(constantTimeEqual(a, same)).toBe(true)
        expect(constantTimeEqual(a, b)).toBe(a.length === b.length && a.every((x, i) => x === b[i]))
        if (a.length > 0) {
          const at = flip % a.length
          same[at] = same[at]! ^ (1 << flip % 8)
          expect(constantTimeEqual(a, same)).toBe(false)
        }
      }),
      { seed: 6, numRuns: 300 },
    )
  })

  test('concatBytes joins in order and respects views at an offset', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9])
    expect(concatBytes([backing.subarray(1, 3), new Uint8Array([7]), backing.subarray(3, 4)])).toEqual(new Uint8Array([1, 2, 7, 3]))
    expect(concatBytes([])).toEqual(new Uint8Array(0))
  })

  test('isBytes: Uint8Array and Buffer yes, other views and arrays no', () => {
    expect(isBytes(new Uint8Array(1))).toBe(true)
    if (hasBuffer) expect(isBytes(Buffer.from('a'))).toBe(true)
    expect(isBytes(new Uint16Array(1))).toBe(false)
    expect(isBytes(new DataView(new ArrayBuffer(1)))).toBe(false)
    expect(isBytes(new ArrayBuffer(1))).toBe(false)
    expect(isBytes([1, 2])).toBe(false)
    expect(isBytes('ab')).toBe(false)
  })
})
