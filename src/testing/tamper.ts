// Tampering: any one change of a signed part (body, signature, timestamp, id), a signature of the
// wrong length, and a character outside the encoding's alphabet each fail with their exact code.
import fc from 'fast-check'
import type { Scheme } from '../core/types.js'
import { idHeaderName, readTimestamp, withSignatureBytes, withSignatureText, withTimestamp } from './delivery.js'
import { always, attempt, event, expectCode, MALFORMED_SIGNATURE, MISMATCH, type PropertyDefinition } from './harness.js'

const byteEdit = fc.record({ kind: fc.constantFrom('flip', 'insert', 'delete'), at: fc.nat(), value: fc.integer({ min: 1, max: 255 }) })

function editBytes(bytes: Uint8Array, edit: { kind: string; at: number; value: number }): Uint8Array {
  const kind = bytes.length === 0 ? 'insert' : edit.kind
  if (kind === 'flip') {
    const out = bytes.slice()
    const i = edit.at % bytes.length
    out[i] = out[i]! ^ edit.value
    return out
  }
  if (kind === 'delete') {
    const i = edit.at % bytes.length
    const out = new Uint8Array(bytes.length - 1)
    out.set(bytes.subarray(0, i))
    out.set(bytes.subarray(i + 1), i)
    return out
  }
  const i = edit.at % (bytes.length + 1)
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes.subarray(0, i))
  out[i] = edit.value - 1
  out.set(bytes.subarray(i), i + 1)
  return out
}

export const bodyTamper: PropertyDefinition = {
  name: 'body-tamper',
  summary: 'any one-byte change of the body (flip, insert, delete) fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(fc.record({ delivery: ctx.arbs.delivery, edit: byteEdit }), async ({ delivery, edit }) => {
      const signed = await ctx.sign(delivery)
      const body = editBytes(delivery.body, edit)
      const outcome = await attempt(ctx, signed, event(signed.headers, body), signed.verifyKey, { now: signed.nowMs })
      expectCode(outcome, MISMATCH, `the body with one byte changed (${edit.kind})`)
    }),
}

export const signatureTamper: PropertyDefinition = {
  name: 'signature-tamper',
  summary: 'a change of one byte of the decoded signature, re-encoded, fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      async ({ delivery, at, xor }) => {
        const signed = await ctx.sign(delivery)
        const headers = withSignatureBytes(ctx.scheme, signed.headers, (sig) => {
          const out = sig.slice()
          const i = at % out.length
          out[i] = out[i]! ^ xor
          return out
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MISMATCH, 'a signature with one byte changed')
      },
    ),
}

const timestampEdit = fc.record({
  kind: fc.constantFrom('digit', 'shift', 'zero-pad', 'same-instant'),
  at: fc.nat(),
  digit: fc.integer({ min: 0, max: 9 }),
  shift: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((n) => n !== 0),
})

/** A different timestamp text that is still a valid timestamp of the scheme's unit. */
function editTimestamp(scheme: Scheme, text: string, edit: { kind: string; at: number; digit: number; shift: number }): string {
  const unit = scheme.timestamp!.unit
  if (unit === 'rfc3339') {
    const ms = Date.parse(text)
    switch (edit.kind) {
      case 'shift':
        return new Date(ms + edit.shift * 1000).toISOString()
      case 'zero-pad': // the same instant written with one more fraction digit
        return text.replace(/(\.\d+)?Z$/, (_m, frac: string | undefined) => `${frac ?? '.'}0Z`)
      case 'same-instant': // the same instant with a numeric offset
        return text.replace(/Z$/, '+00:00')
      default: {
        // a digit of the seconds (any digit 0-9 keeps the last one valid)
        const i = 18
        const d = String(edit.digit) === text[i] ? (edit.digit + 1) % 10 : edit.digit
        return text.slice(0, i) + d + text.slice(i + 1)
      }
    }
  }
  const maxDigits = unit === 's' ? 12 : 15
  if (edit.kind === 'shift') {
    let n = BigInt(text) + BigInt(edit.shift)
    if (n < 0n) n = BigInt(text) - BigInt(edit.shift)
    return String(n)
  }
  if ((edit.kind === 'zero-pad' || edit.kind === 'same-instant') && text.length < maxDigits) return `0${text}` // same number, other digits
  const i = edit.at % text.length
  const d = String(edit.digit) === text[i] ? (edit.digit + 1) % 10 : edit.digit
  return text.slice(0, i) + d + text.slice(i + 1)
}

export const timestampTamper: PropertyDefinition = {
  name: 'timestamp-tamper',
  summary: 'a change of the timestamp that keeps it valid fails with ERR_WEBHOOK_SIGNATURE_MISMATCH (the signature is checked before the window)',
  applies: (scheme) => scheme.timestamp !== undefined,
  build: (ctx) =>
    fc.asyncProperty(fc.record({ delivery: ctx.arbs.delivery, edit: timestampEdit }), async ({ delivery, edit }) => {
      const signed = await ctx.sign(delivery)
      const original = readTimestamp(ctx.scheme, signed.headers)
      const changed = editTimestamp(ctx.scheme, original, edit)
      if (changed === original) throw new Error(`the kit failed to change the timestamp ${original} (${edit.kind})`)
      const headers = withTimestamp(ctx.scheme, signed.headers, changed)
      const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.signedMs })
      expectCode(outcome, MISMATCH, `the timestamp changed from ${original} to ${changed}`)
    }),
}

export const idTamper: PropertyDefinition = {
  name: 'id-tamper',
  summary: 'where the id is signed, a change of the id fails with ERR_WEBHOOK_SIGNATURE_MISMATCH',
  applies: (scheme) => scheme.parts?.includes('id') === true,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, kind: fc.constantFrom('replace', 'append', 'delete'), at: fc.nat(), char: fc.integer({ min: 0x21, max: 0x7e }) }),
      async ({ delivery, kind, at, char }) => {
        const signed = await ctx.sign(delivery)
        const id = delivery.id!
        let c = String.fromCharCode(char)
        let changed: string
        if (kind === 'append' || (kind === 'delete' && id.length < 2)) {
          changed = id + c
        } else if (kind === 'delete') {
          const i = at % id.length
          changed = id.slice(0, i) + id.slice(i + 1)
        } else {
          const i = at % id.length
          if (c === id[i]) c = String.fromCharCode(c === '~' ? 0x21 : char + 1)
          changed = id.slice(0, i) + c + id.slice(i + 1)
        }
        const headers = { ...signed.headers, [idHeaderName(ctx.scheme)!]: changed }
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MISMATCH, `the id changed from ${JSON.stringify(id)} to ${JSON.stringify(changed)}`)
      },
    ),
}

export const signatureLength: PropertyDefinition = {
  name: 'signature-length',
  summary: 'a truncated or over-long signature fails with ERR_WEBHOOK_SIGNATURE_MISMATCH (an empty one is refused too)',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, truncate: fc.boolean(), keep: fc.nat(), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
      async ({ delivery, truncate, keep, extra }) => {
        const signed = await ctx.sign(delivery)
        let kept = -1
        const headers = withSignatureBytes(ctx.scheme, signed.headers, (sig) => {
          if (truncate) {
            kept = keep % sig.length
            return sig.slice(0, kept)
          }
          const out = new Uint8Array(sig.length + extra.length)
          out.set(sig)
          out.set(extra, sig.length)
          return out
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        if (kept === 0) expectCode(outcome, [MISMATCH, MALFORMED_SIGNATURE, 'ERR_WEBHOOK_MISSING_HEADER'], 'an empty signature')
        else expectCode(outcome, MISMATCH, truncate ? `the signature truncated to ${kept} bytes` : `the signature with ${extra.length} bytes appended`)
      },
    ),
}

export /** Characters that can never appear in a signature of the scheme's encoding, nor split or trim it away. */
function foreignCharacters(scheme: Scheme): string[] {
  const alphabet = scheme.encoding === 'hex' ? /[0-9a-fA-F]/ : /[A-Za-z0-9+/=]/
  const out: string[] = []
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c)
    if (alphabet.test(ch) || ch === scheme.separator?.trim()) continue
    out.push(ch)
  }
  // beyond ASCII: letters that look like hex or base64, and an emoji
  out.push('é', 'ß', '０', 'Ａ', '😀')
  return out
}

export const malformedSignature: PropertyDefinition = {
  name: 'malformed-signature',
  summary: `a character outside the encoding's alphabet in the only signature fails with ERR_WEBHOOK_MALFORMED_SIGNATURE`,
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(
      fc.record({ delivery: ctx.arbs.delivery, insert: fc.boolean(), at: fc.nat(), char: fc.constantFrom(...foreignCharacters(ctx.scheme)) }),
      async ({ delivery, insert, at, char }) => {
        const signed = await ctx.sign(delivery)
        const headers = withSignatureText(ctx.scheme, signed.headers, (text) => {
          const i = at % (text.length + (insert ? 1 : 0))
          return text.slice(0, i) + char + text.slice(insert ? i : i + 1)
        })
        const outcome = await attempt(ctx, signed, event(headers, delivery.body), signed.verifyKey, { now: signed.nowMs })
        expectCode(outcome, MALFORMED_SIGNATURE, `the signature with ${JSON.stringify(char)} ${insert ? 'inserted' : 'put in'}`)
      },
    ),
}
