// The bytes a scheme signs, shared by verification and signing so the two can never drift.
import { backend } from '#crypto'
import { fail } from './errors.js'
import { utf8 } from './encoding.js'
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

/** The parts of a template scheme's signed content, in order (the literal parts are bytes already). */
export function fillTemplate(scheme: Scheme, input: TemplateInput): Uint8Array[] {
  const template = scheme.parts!
  const parts = new Array<Uint8Array>(template.length)
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!
    switch (part) {
      case 'body':
        parts[i] = input.bytes
        break
      case 'timestamp':
        parts[i] = utf8(input.timestamp!)
        break
      case 'id':
        if (input.id === undefined) fail('ERR_WEBHOOK_MISSING_HEADER', `The ${displayHeader(scheme.idHeader)} header is missing; the signature covers it.`)
        parts[i] = utf8(input.id)
        break
      case 'method':
        parts[i] = utf8(input.method ?? 'POST')
        break
      case 'url':
        parts[i] = utf8(input.url!)
        break
      default:
        parts[i] = part
    }
  }
  return parts
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
