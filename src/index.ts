// hookseal: verify webhook signatures from the exact bytes received.
export { verifyWebhook, createVerifier, type Verifier } from './core/verify.js'
export { verifyAny } from './core/any.js'
export { sign, type SignInput } from './core/sign.js'
export { defineScheme } from './core/scheme.js'
export { describeRow, type SchemeRow } from './core/describe.js'
export { WebhookVerificationError, type WebhookErrorCode } from './core/errors.js'
export {
  memoryReplayStore,
  redisReplayStore,
  type ReplayStore,
  type MemoryReplayStoreOptions,
  type RedisReplayStoreOptions,
  type NodeRedisLike,
  type IoRedisLike,
} from './replay/index.js'
export {
  AuthError,
  verifyBearer,
  verifyBasicAuth,
  verifyJwt,
  type AuthErrorCode,
  type BearerOptions,
  type BasicOptions,
  type BasicUsers,
  type JwtOptions,
  type VerifiedJwt,
} from './auth/index.js'
export type { AdapterOptions } from './core/respond.js'
export { presets, type PresetId } from '../providers/index.js'
// Preset factories (each also at hookseal/providers/<id>).
export { bitbucket } from '../providers/bitbucket.js'
export { coinbase } from '../providers/coinbase.js'
export { discord } from '../providers/discord.js'
export { github } from '../providers/github.js'
export { gitlab } from '../providers/gitlab.js'
export { hub, type HubOptions } from '../providers/hub.js'
export { hubspot } from '../providers/hubspot.js'
export { linear } from '../providers/linear.js'
export { mailgun } from '../providers/mailgun.js'
export { meta } from '../providers/meta.js'
export { openfaas } from '../providers/openfaas.js'
export { paddle } from '../providers/paddle.js'
export { pagerduty } from '../providers/pagerduty.js'
export { sendgrid } from '../providers/sendgrid.js'
export { shopify } from '../providers/shopify.js'
export { slack } from '../providers/slack.js'
export { square } from '../providers/square.js'
export { standardWebhooks } from '../providers/standard-webhooks.js'
export { stripe } from '../providers/stripe.js'
export { svix, clerk, resend } from '../providers/svix.js'
export { telegram } from '../providers/telegram.js'
export { twilio } from '../providers/twilio.js'
export { twitch } from '../providers/twitch.js'
export { typeform } from '../providers/typeform.js'
export { workos } from '../providers/workos.js'
export { zoom } from '../providers/zoom.js'
export type {
  Algorithm,
  ContentTools,
  Delivery,
  HandshakeTools,
  ReadResult,
  SignedContentInput,
  TimestampSource,
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
