// The bytes a scheme signs, shared by verification and signing so the two can never drift.
import { backend } from '#crypto'
import { fail } from './errors.js'
import { concatBytes, utf8 } from './encoding.js'
import type { ContentTools, Scheme, SignedContentInput, SignedPart } from './types.js'

type Contents = readonly (readonly Uint8Array[])[]

const tools: ContentTools = {
  digest: async (hash, parts) => backend.digest(hash, parts),
}

/** What a template needs: the bytes and the values read from the request. */
export type TemplateInput = Pick<SignedContentInput, 'bytes' | 'timestamp' | 'id' | 'method' | 'url'>

/** The candidate signed contents (each a list of parts hashed in order; any candidate may match). */
export function signedContents(scheme: Scheme, input: SignedContentInput): Contents | Promise<Contents> {
  return typeof scheme.signedContent === 'function' ? scheme.signedContent(input, tools) : [fillTemplate(scheme, input)]
}

/**
 * The parts of a template scheme's signed content, in order: the body, and each run of parts
 * between bodies (literals, timestamp, id, method, URL) as one byte string, since a hash update per
 * part cost more than writing them into one array.
 */
export function fillTemplate(scheme: Scheme, input: TemplateInput): Uint8Array[] {
  const template = scheme.parts!
  // sized before it is filled: a push onto an empty array reserves 17 slots for the usual one or two
  const parts = new Array<Uint8Array>(pieceCount(template))
  let n = 0
  for (let from = 0; from <= template.length; ) {
    let to = from
    while (to < template.length && template[to] !== 'body') to++
    if (to > from) parts[n++] = joinRun(scheme, template, from, to, input)
    if (to < template.length) parts[n++] = input.bytes
    from = to + 1
  }
  return parts
}

/** How many parts fillTemplate makes: each body, and each run of other parts between bodies. */
function pieceCount(template: readonly SignedPart[]): number {
  let count = 0
  for (let i = 0; i < template.length; i++) {
    if (template[i] === 'body' || i === 0 || template[i - 1] === 'body') count++
  }
  return count
}

/** template[from, to), which holds no body, as one byte string. */
function joinRun(scheme: Scheme, template: readonly SignedPart[], from: number, to: number, input: TemplateInput): Uint8Array {
  const only = template[from]!
  if (to - from === 1 && typeof only !== 'string') return only
  let length = 0
  for (let i = from; i < to; i++) {
    const part = template[i]!
    length += typeof part === 'string' ? textOf(scheme, part as ValuePart, input).length : part.length
  }
  // ASCII values (timestamps, ids, methods, most URLs) are written in place, one byte per char
  const out = new Uint8Array(length)
  let at = 0
  for (let i = from; i < to; i++) {
    const part = template[i]!
    if (typeof part !== 'string') {
      for (let k = 0; k < part.length; k++) out[at++] = part[k]!
      continue
    }
    const text = textOf(scheme, part as ValuePart, input)
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k)
      if (code > 127) return concatBytes(template.slice(from, to).map((p) => (typeof p === 'string' ? utf8(textOf(scheme, p as ValuePart, input)) : p)))
      out[at++] = code
    }
  }
  return out
}

type ValuePart = 'timestamp' | 'id' | 'method' | 'url'

function textOf(scheme: Scheme, part: ValuePart, input: TemplateInput): string {
  switch (part) {
    case 'timestamp':
      return input.timestamp!
    case 'id':
      if (input.id === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${displayHeader(scheme.idHeader)} header is missing; the signature covers it.`)
      return input.id
    case 'method':
      return input.method ?? 'POST'
    case 'url':
      return input.url!
  }
}

/** Whether a scheme signs the URL (and so needs `options.url`). */
export function signsUrl(scheme: Scheme): boolean {
  return scheme.signsUrl === true || scheme.parts?.includes('url') === true
}

/** Display form of a header name for messages: x-hub-signature-256 → X-Hub-Signature-256. */
export function displayHeader(name: string | readonly string[] | undefined): string {
  const first = typeof name === 'string' ? name : (name?.[0] ?? '')
  return first.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
}
