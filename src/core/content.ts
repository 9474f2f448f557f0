// The bytes a scheme signs, shared by verification and signing so the two can never drift.
import { backend } from '#crypto'
import { fail } from './errors.js'
import { concatBytes, utf8 } from './encoding.js'
import type { ContentTools, Scheme, SignedContentInput } from './types.js'

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
 * The parts of a template scheme's signed content, in order. The parts around the body (literals,
 * timestamp, id, method, URL) are joined into one: a hash update per part cost more than the copy.
 */
export function fillTemplate(scheme: Scheme, input: TemplateInput): Uint8Array[] {
  const template = scheme.parts!
  const parts: Uint8Array[] = []
  let run: Uint8Array[] | undefined
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!
    if (part === 'body') {
      if (run !== undefined) parts.push(concatBytes(run))
      run = undefined
      parts.push(input.bytes)
    } else {
      ;(run ??= []).push(typeof part === 'string' ? valueOf(scheme, part, input) : part)
    }
  }
  if (run !== undefined) parts.push(concatBytes(run))
  return parts
}

function valueOf(scheme: Scheme, part: 'timestamp' | 'id' | 'method' | 'url', input: TemplateInput): Uint8Array {
  switch (part) {
    case 'timestamp':
      return utf8(input.timestamp!)
    case 'id':
      if (input.id === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${displayHeader(scheme.idHeader)} header is missing; the signature covers it.`)
      return utf8(input.id)
    case 'method':
      return utf8(input.method ?? 'POST')
    case 'url':
      return utf8(input.url!)
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
