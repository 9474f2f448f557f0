// hookseal/testing: the property suite every preset runs, for your own schemes too.
// fast-check is an optional peer dependency: install it to use this subpath.
// Runs on every runtime hookseal runs on (no Node globals): the kit signs with `sign()` and derives
// Ed25519 public keys with the active crypto backend.
export { checkScheme, describeScheme, PropertyFailureError, type CheckFailure, type CheckOptions, type CheckResult, type DescribeOptions, type TestFunctions } from './check.js'
export { PROPERTY_NAMES, propertiesFor, isVerificationError, type PropertyName, type VerifyFunction } from './properties.js'
export { arbitraries, bodyBytes, LARGEST_BODY_BYTES, deliveryId, ed25519Seed, hmacSecret, junkHeaderValue, unixSeconds, webhookUrl, type SchemeArbitraries } from './arbitraries.js'
export { signDelivery, unsupportedReason, type GeneratedDelivery, type SignedDelivery } from './delivery.js'
export { FORGERY_KINDS, forge, forgeries, forgeryKinds, type ForgedRequest, type Forgery, type ForgeryKind } from './forgeries.js'
