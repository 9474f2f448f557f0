// The property suite every scheme runs (DESIGN.md principle 8): known answers live in the fixtures;
// these check the invariants that must hold for any body, secret, time and header spelling.
// Each property drives the verifier with plain event objects `{ headers, body }` (and Web
// `Headers`/`Request` where the container is the point) and asserts exact error codes.
import type { Scheme } from '../core/types.js'
import { bodyView, headerCase, rotation, roundTrip, timestampWindow, wrongSecret } from './accept.js'
import { garbage } from './garbage.js'
import type { PropertyDefinition, PropertyName } from './harness.js'
import { bodyTamper, idTamper, malformedSignature, signatureLength, signatureTamper, timestampTamper } from './tamper.js'

export { isVerificationError, PROPERTY_NAMES, PropertyViolation, type PropertyContext, type PropertyName, type VerifyFunction } from './harness.js'

/** Every property definition, in PROPERTY_NAMES order. */
export const PROPERTIES: readonly PropertyDefinition[] = [
  roundTrip,
  bodyTamper,
  signatureTamper,
  timestampTamper,
  idTamper,
  signatureLength,
  malformedSignature,
  headerCase,
  bodyView,
  timestampWindow,
  rotation,
  wrongSecret,
  garbage,
]

/**
 * The properties that apply to a scheme (no timestamp window without a timestamp, no id tamper when the id is not signed).
 *
 * @example
 * propertiesFor(github()) // ['round-trip', 'body-tamper', …]: no timestamp properties for GitHub
 */
export function propertiesFor(scheme: Scheme): PropertyName[] {
  return PROPERTIES.filter((p) => p.applies(scheme)).map((p) => p.name)
}

export function propertyDefinition(name: PropertyName): PropertyDefinition {
  return PROPERTIES.find((p) => p.name === name)!
}
