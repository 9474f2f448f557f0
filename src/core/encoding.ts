// Strict, allocation-light codecs that run on every runtime (no Buffer). Decoding is strict in the
// way noble-hashes is: a character outside the alphabet, an odd hex length or bad base64 padding is
// an error (`undefined` here), never silently truncated the way Buffer.from(s, 'hex') does.

const encoder = new TextEncoder()

/**
 * UTF-8 bytes of a string. Short ASCII strings (timestamps, ids, labels: the signed parts of every
 * request) are copied by hand, which costs a fraction of a TextEncoder call; anything else goes to it.
 */
export function utf8(text: string): Uint8Array {
  if (text.length <= 64) {
    const out = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code > 127) return encoder.encode(text)
      out[i] = code
    }
    return out
  }
  return encoder.encode(text)
}

const HEX = '0123456789abcdef'

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    out += HEX[b >> 4]! + HEX[b & 15]!
  }
  return out
}

// Value of each hex digit (either case) by char code, -1 for every other code below 256.
const HEX_VALUE = new Int8Array(256).fill(-1)
for (let i = 0; i < 16; i++) {
  HEX_VALUE[HEX.charCodeAt(i)] = i
  HEX_VALUE[HEX.toUpperCase().charCodeAt(i)] = i
}

/**
 * Decodes hex (either case) from text[start, end), so a signature is read in place in its header
 * value without a substring; `undefined` on an odd length or any non-hex character.
 */
export function fromHex(text: string, start = 0, end = text.length): Uint8Array | undefined {
  const n = end - start
  if (n % 2 !== 0) return undefined
  const out = new Uint8Array(n / 2)
  // Without a branch per character: anything that is not a hex digit makes `bad` negative (a table
  // value of -1, or a char code above 255 through 255 - code).
  let bad = 0
  for (let i = 0, j = start; j < end; i++, j += 2) {
    const a = text.charCodeAt(j)
    const b = text.charCodeAt(j + 1)
    const hi = HEX_VALUE[a & 0xff]!
    const lo = HEX_VALUE[b & 0xff]!
    bad |= hi | lo | (255 - (a | b))
    out[i] = (hi << 4) | lo
  }
  return bad < 0 ? undefined : out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
// Value of each base64 character by char code, -1 for every other code below 256.
const B64_INDEX = new Int32Array(256).fill(-1)
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i

export function toBase64(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '='
  }
  return out
}

/**
 * Decodes standard base64 (RFC 4648 §4) from text[start, end). Padding is optional but, when
 * present, must be right; unused trailing bits must be zero so that one byte string has exactly one
 * accepted encoding. `undefined` on anything else.
 */
export function fromBase64(text: string, start = 0, end = text.length): Uint8Array | undefined {
  const length = end - start
  let last = end
  if (length % 4 === 0 && length > 0) {
    if (text.charCodeAt(last - 1) === 61) last--
    if (text.charCodeAt(last - 1) === 61) last--
  }
  const rem = (last - start) % 4
  if (rem === 1) return undefined
  if (last !== end && length % 4 !== 0) return undefined
  const out = new Uint8Array(Math.floor(((last - start) * 3) / 4))
  let o = 0
  // Four characters (three bytes) at a time, without a branch per character: any character outside
  // the alphabet makes `bad` negative (a table value of -1, or a char code above 255 through 255 - code).
  let bad = 0
  for (let i = start; i < last - rem; i += 4) {
    const a = text.charCodeAt(i)
    const b = text.charCodeAt(i + 1)
    const c = text.charCodeAt(i + 2)
    const d = text.charCodeAt(i + 3)
    const n = (B64_INDEX[a & 0xff]! << 18) | (B64_INDEX[b & 0xff]! << 12) | (B64_INDEX[c & 0xff]! << 6) | B64_INDEX[d & 0xff]!
    bad |= n | (255 - (a | b | c | d))
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }
  if (bad < 0) return undefined
  if (rem > 0) {
    const a = sextet(text, last - rem)
    const b = sextet(text, last - rem + 1)
    const c = rem === 3 ? sextet(text, last - 1) : 0
    // the bits past the last whole byte must be zero (4 of b's when 2 characters remain, 2 of c's when 3)
    if ((a | b | c) < 0 || (rem === 2 ? b & 15 : c & 3) !== 0) return undefined
    out[o++] = (a << 2) | (b >> 4)
    if (rem === 3) out[o++] = ((b & 15) << 4) | (c >> 2)
  }
  return out
}

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c < 256 ? B64_INDEX[c]! : -1
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/**
 * Whether two byte strings are equal, in constant time for a given length: every byte is XOR-ed and
 * OR-ed into one accumulator, with no early exit (the length itself is public: a MAC's is fixed by
 * its hash). Used by every backend. On Node this replaces crypto.timingSafeEqual, which does the same
 * work but first has V8 move small on-heap byte arrays off the heap, about half a microsecond per call.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array')
}
