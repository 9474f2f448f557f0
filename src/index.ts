// hookseal: verify webhook signatures from the exact bytes received.
export { verifyWebhook, createVerifier, type Verifier } from './core/verify.js'
export { verifyAny } from './core/any.js'
export { sign, type SignInput } from './core/sign.js'
export { defineScheme } from './core/scheme.js'
export { describeRow, type SchemeRow } from './core/describe.js'
export { WebhookVerificationError, type WebhookErrorCode } from './core/errors.js'
export { presets, type PresetId } from '../providers/index.js'
export { github } from '../providers/github.js'
export { stripe } from '../providers/stripe.js'
export { discord } from '../providers/discord.js'
export { hub, type HubOptions } from '../providers/hub.js'
export type {
  Algorithm,
  Delivery,
  HandshakeTools,
  ReadResult,
  SignedContentInput,
  HandshakeResponse,
  KeyInput,
  KeyLike,
  Scheme,
  SchemeSpec,
  SecretInput,
  TimestampUnit,
  VerifiedWebhook,
  VerifyOptions,
} from './core/types.js'
