// The bytes a scheme signs, shared by verification and signing so the two can never drift.
import { backend } from '#crypto'
import { fail } from './errors.js'
import { utf8 } from './encoding.js'
import type { ContentTools, Scheme, SignedContentInput } from './types.js'

type Contents = readonly (readonly Uint8Array[])[]

const tools: ContentTools = {
  digest: async (hash, parts) => backend.digest(hash, parts),
}

/** The candidate signed contents (each a list of parts hashed in order; any candidate may match). */
export function signedContents(scheme: Scheme, input: SignedContentInput): Contents | Promise<Contents> {
  if (typeof scheme.signedContent === 'function') return scheme.signedContent(input, tools)
  const parts = scheme.parts!.map((part) => {
    switch (part) {
      case 'body':
        return input.bytes
      case 'timestamp':
        return utf8(input.timestamp!)
      case 'id':
        if (input.id === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${displayHeader(scheme.idHeader)} header is missing; the signature covers it.`)
        return utf8(input.id)
      case 'method':
        return utf8(input.method ?? 'POST')
      case 'url':
        return utf8(input.url!)
      default:
        return part
    }
  })
  return [parts]
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
