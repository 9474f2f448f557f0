// What every property shares: the context a property runs in, one verification attempt and the
// checks of its outcome. A property breaks by throwing PropertyViolation, whose message says what
// was expected and what the verifier did; the codes are asserted exactly (never messages).
import type fc from 'fast-check'
import { isBytes, WebhookVerificationError } from '../internal.js'
import type { KeyInput, Scheme, SecretInput, VerifiedWebhook, VerifyOptions } from '../core/types.js'
import type { SchemeArbitraries } from './arbitraries.js'
import { bytesEqual, idHeaderName, signatureHeaderName, type GeneratedDelivery, type KeyMode, type SignedDelivery } from './delivery.js'

/** The shape of `verifyWebhook`; a custom one lets the kit test other verifiers (or broken ones). */
export type VerifyFunction = (request: unknown, scheme: Scheme, secret: SecretInput, options: VerifyOptions) => Promise<VerifiedWebhook>

/**
 * Every property of the suite, in the order they run.
 *
 * @example
 * const skip = new Set(['garbage'])
 * await checkScheme(scheme, { properties: PROPERTY_NAMES.filter((p) => !skip.has(p)) })
 */
export const PROPERTY_NAMES = [
  'round-trip',
  'body-tamper',
  'signature-tamper',
  'timestamp-tamper',
  'id-tamper',
  'signature-length',
  'malformed-signature',
  'header-case',
  'body-view',
  'timestamp-window',
  'rotation',
  'wrong-secret',
  'garbage',
] as const

/** The name of one property of the suite (an entry of `PROPERTY_NAMES`); failures report it. */
export type PropertyName = (typeof PROPERTY_NAMES)[number]

export interface PropertyContext {
  scheme: Scheme
  mode: KeyMode
  verify: VerifyFunction
  arbs: SchemeArbitraries
  /** Signs a delivery with `sign()` and resolves the verifier's key for it. */
  sign: (delivery: GeneratedDelivery) => Promise<SignedDelivery>
  verifyKeyOf: (secret: KeyInput) => Promise<KeyInput>
}

/** Thrown inside a property when the verifier broke it; its message is the failure's `error`. */
export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation'
}

export type Outcome = { accepted: true; result: VerifiedWebhook } | { accepted: false; error: unknown }

export const MISMATCH = 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
export const MALFORMED_SIGNATURE = 'ERR_WEBHOOK_MALFORMED_SIGNATURE'

/**
 * Our error, by class and by name (the name survives a second copy of the package, instanceof does not).
 *
 * @example
 * try { await verifyWebhook(req, 'github', secret) } catch (e) { if (isVerificationError(e)) console.log(e.code) }
 */
export function isVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof WebhookVerificationError &&
    error.name === 'WebhookVerificationError' &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_WEBHOOK_') &&
    typeof error.status === 'number'
  )
}

/** One verification; `signed.options` (the URL, for schemes that sign it) is always passed along. */
export async function attempt(ctx: PropertyContext, signed: SignedDelivery, request: unknown, secret: SecretInput, options: VerifyOptions): Promise<Outcome> {
  try {
    return { accepted: true, result: await ctx.verify(request, ctx.scheme, secret, { ...signed.options, ...options }) }
  } catch (error) {
    return { accepted: false, error }
  }
}

export function show(outcome: Outcome): string {
  if (outcome.accepted) return 'it was accepted'
  const e = outcome.error
  if (isVerificationError(e)) return `it was rejected with ${e.code} (status ${e.status})`
  if (e instanceof Error) return `it threw ${e.name}${(e as { code?: unknown }).code === undefined ? '' : ` ${String((e as { code?: unknown }).code)}`}: ${e.message}`
  return `it threw a non-error: ${String(e)}`
}

export function expectCode(outcome: Outcome, codes: string | readonly string[], what: string): void {
  const list = typeof codes === 'string' ? [codes] : codes
  if (!outcome.accepted && isVerificationError(outcome.error) && list.includes(outcome.error.code)) return
  throw new PropertyViolation(`${what}: expected ${list.join(' or ')}, but ${show(outcome)}.`)
}

export function expectAccepted(outcome: Outcome, what: string): VerifiedWebhook {
  if (outcome.accepted) return outcome.result
  throw new PropertyViolation(`${what}: expected it to verify, but ${show(outcome)}.`)
}

/** What every accepted result must say about the delivery it verified. */
export function checkResult(ctx: PropertyContext, result: VerifiedWebhook, signed: SignedDelivery, what: string, matchedSecret = 0): void {
  const problems: string[] = []
  if (result.kind !== 'event' && result.kind !== 'handshake') problems.push(`kind is ${String(result.kind)}`)
  if (result.provider !== ctx.scheme.id) problems.push(`provider is ${String(result.provider)}, not '${ctx.scheme.id}'`)
  if (!isBytes(result.rawBody) || !bytesEqual(result.rawBody, signed.delivery.body)) problems.push('rawBody differs from the bytes sent')
  if (result.matchedSecret !== matchedSecret) problems.push(`matchedSecret is ${String(result.matchedSecret)}, not ${matchedSecret}`)
  if (ctx.scheme.timestamp !== undefined && !(result.timestamp instanceof Date && result.timestamp.getTime() === signed.signedMs)) {
    problems.push(`timestamp is ${String(result.timestamp)}, not ${new Date(signed.signedMs).toISOString()}`)
  }
  if (ctx.scheme.idHeader !== undefined && result.id !== signed.delivery.id) problems.push(`id is ${String(result.id)}, not ${String(signed.delivery.id)}`)
  if (problems.length > 0) throw new PropertyViolation(`${what}: verified, but ${problems.join('; ')}.`)
}

export function event(headers: unknown, body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { headers, body, ...extra }
}

export function headerNames(ctx: PropertyContext): string[] {
  return [signatureHeaderName(ctx.scheme), ctx.scheme.timestamp?.header, idHeaderName(ctx.scheme)].filter((h): h is string => h !== undefined)
}

export interface PropertyDefinition {
  name: PropertyName
  /** One line for docs and test names. */
  summary: string
  applies: (scheme: Scheme) => boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each property has its own input tuple
  build: (ctx: PropertyContext) => fc.IAsyncPropertyWithHooks<any>
}

export const always = (): boolean => true
