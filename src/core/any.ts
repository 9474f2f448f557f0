import { captureRequest } from '../body/index.js'
import { fail } from './errors.js'
import type { HeaderLookup } from './headers.js'
import type { SecretInput, VerifiedWebhook, VerifyOptions } from './types.js'
import { asVerificationError, prepareVerifier, type PreparedVerifier } from './verify.js'

function lower(name: string | readonly string[] | undefined): string[] {
  return name === undefined ? [] : (typeof name === 'string' ? [name] : [...name]).map((n) => n.toLowerCase())
}

/** How many of a scheme's own headers the request carries; 0 when its signature header is absent. */
function score(verifier: PreparedVerifier, headers: HeaderLookup): number {
  const { scheme } = verifier
  if (!scheme.signatureHeaders.some((h) => headers(h) !== undefined)) return 0
  const others = [...lower(scheme.timestamp?.headers ?? scheme.timestamp?.header), ...lower(scheme.idHeader)]
  return 1 + others.filter((h) => headers(h) !== undefined).length
}

/**
 * Verifies a request from any of several providers: the preset is recognised from its headers
 * (the one whose signature, timestamp and id headers the request carries most of) and checked
 * with that preset's secret. No match, or a tie, rejects with ERR_WEBHOOK_UNKNOWN_PROVIDER.
 *
 * @example
 * const event = await verifyAny(req, { github: env.GITHUB_SECRET, stripe: env.STRIPE_SECRET })
 * console.log(event.provider)
 */
export async function verifyAny<T = unknown>(request: unknown, secrets: Readonly<Record<string, SecretInput>>, options: VerifyOptions = {}): Promise<VerifiedWebhook<T>> {
  if (typeof secrets !== 'object' || secrets === null || Object.keys(secrets).length === 0) {
    throw new TypeError('verifyAny needs a record of preset id → secret, e.g. { github: secretA, stripe: secretB }.')
  }
  const verifiers = Object.entries(secrets).map(([id, secret]) => prepareVerifier(id, secret, options))
  const maxBodyBytes = Math.max(...verifiers.map((v) => v.maxBodyBytes))
  try {
    const captured = await captureRequest(request, maxBodyBytes, Math.max(...verifiers.map((v) => v.bodyTimeoutMs)))
    const scores = verifiers.map((v) => score(v, captured.headers))
    const best = Math.max(...scores)
    const winners = verifiers.filter((_, i) => scores[i] === best)
    if (best === 0) fail('ERR_WEBHOOK_UNKNOWN_PROVIDER', `The request carries the signature headers of none of: ${Object.keys(secrets).join(', ')}.`)
    if (winners.length > 1) {
      fail('ERR_WEBHOOK_UNKNOWN_PROVIDER', `The request's headers fit ${winners.map((v) => v.scheme.id).join(' and ')} equally; verify with the one preset you expect on this route.`)
    }
    return (await winners[0]!.check(captured)) as VerifiedWebhook<T>
  } catch (error) {
    throw asVerificationError(error)
  }
}
