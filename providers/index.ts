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

/**
 * Every built-in preset, keyed by its id; `verifyWebhook` and `createVerifier` also take the id itself.
 *
 * @example
 * import { presets, verifyWebhook } from 'hookseal'
 * const event = await verifyWebhook(req, presets.stripe, secret) // same as verifyWebhook(req, 'stripe', secret)
 * console.log(Object.keys(presets)) // every preset id
 */
export const presets = {
  github: github(),
  stripe: stripe(),
  discord: discord(),
  hub: hub(),
  'standard-webhooks': standardWebhooks(),
  svix: svix(),
  clerk: clerk(),
  resend: resend(),
  slack: slack(),
  paddle: paddle(),
  linear: linear(),
  zoom: zoom(),
  twitch: twitch(),
  twilio: twilio(),
  hubspot: hubspot(),
  square: square(),
  sendgrid: sendgrid(),
  shopify: shopify(),
  typeform: typeform(),
  bitbucket: bitbucket(),
  meta: meta(),
  openfaas: openfaas(),
  workos: workos(),
  coinbase: coinbase(),
  pagerduty: pagerduty(),
  mailgun: mailgun(),
  gitlab: gitlab(),
  telegram: telegram(),
} as const

/** A built-in preset id. */
export type PresetId = keyof typeof presets
