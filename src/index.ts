// hookseal: verify webhook signatures from the exact bytes received.
// The library comes through src/internal.ts, the one module graph every entry point shares (a cold
// import then loads one chunk, not one per preset); the preset factories come from their own files.
export {
  verifyWebhook,
  createVerifier,
  verifyAny,
  sign,
  defineScheme,
  describeRow,
  WebhookVerificationError,
  memoryReplayStore,
  redisReplayStore,
  AuthError,
  verifyBearer,
  verifyBasicAuth,
  verifyJwt,
  presets,
  type Verifier,
  type SignInput,
  type SchemeRow,
  type WebhookErrorCode,
  type ReplayStore,
  type MemoryReplayStoreOptions,
  type RedisReplayStoreOptions,
  type NodeRedisLike,
  type IoRedisLike,
  type AuthErrorCode,
  type BearerOptions,
  type BasicOptions,
  type BasicUsers,
  type JwtOptions,
  type VerifiedJwt,
  type AdapterOptions,
  type PresetId,
} from './internal.js'
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
