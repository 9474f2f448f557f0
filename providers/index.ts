// The registry of built-in presets, keyed by preset id. Adding a preset: one file next to this
// one, one line here, one fixture folder.
import { bitbucket } from './bitbucket.js'
import { coinbase } from './coinbase.js'
import { discord } from './discord.js'
import { github } from './github.js'
import { gitlab } from './gitlab.js'
import { hub } from './hub.js'
import { hubspot } from './hubspot.js'
import { linear } from './linear.js'
import { mailgun } from './mailgun.js'
import { meta } from './meta.js'
import { openfaas } from './openfaas.js'
import { paddle } from './paddle.js'
import { pagerduty } from './pagerduty.js'
import { sendgrid } from './sendgrid.js'
import { shopify } from './shopify.js'
import { slack } from './slack.js'
import { square } from './square.js'
import { standardWebhooks } from './standard-webhooks.js'
import { stripe } from './stripe.js'
import { clerk, resend, svix } from './svix.js'
import { telegram } from './telegram.js'
import { twilio } from './twilio.js'
import { twitch } from './twitch.js'
import { typeform } from './typeform.js'
import { workos } from './workos.js'
import { zoom } from './zoom.js'
import type { Scheme } from '../src/core/types.js'

/**
 * Every built-in preset, keyed by its id; `verifyWebhook` and `createVerifier` also take the id itself.
 * Each scheme is built the first time it is read and then kept, so importing the package runs no
 * preset's code.
 *
 * @example
 * import { presets, verifyWebhook } from 'hookseal'
 * const event = await verifyWebhook(req, presets.stripe, secret) // same as verifyWebhook(req, 'stripe', secret)
 * console.log(Object.keys(presets)) // every preset id
 */
export const presets = /* @__PURE__ */ lazily({
  github,
  stripe,
  discord,
  hub,
  'standard-webhooks': standardWebhooks,
  svix,
  clerk,
  resend,
  slack,
  paddle,
  linear,
  zoom,
  twitch,
  twilio,
  hubspot,
  square,
  sendgrid,
  shopify,
  typeform,
  bitbucket,
  meta,
  openfaas,
  workos,
  coinbase,
  pagerduty,
  mailgun,
  gitlab,
  telegram,
})

/** A built-in preset id. */
export type PresetId = keyof typeof presets

// One enumerable getter per id that builds the scheme on first read and returns the same object after.
function lazily<T extends Record<string, () => Scheme>>(factories: T): { readonly [K in keyof T]: Scheme } {
  const registry = {} as { [K in keyof T]: Scheme }
  for (const [id, make] of Object.entries(factories)) {
    let scheme: Scheme | undefined
    Object.defineProperty(registry, id, { enumerable: true, get: () => (scheme ??= make()) })
  }
  return registry
}
