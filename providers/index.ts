// The registry of built-in presets, keyed by preset id. Adding a preset: one file next to this
// one, one line here, one fixture folder.
import { discord } from './discord.js'
import { github } from './github.js'
import { hub } from './hub.js'
import { standardWebhooks } from './standard-webhooks.js'
import { stripe } from './stripe.js'
import { clerk, resend, svix } from './svix.js'

export const presets = {
  github: github(),
  stripe: stripe(),
  discord: discord(),
  hub: hub(),
  'standard-webhooks': standardWebhooks(),
  svix: svix(),
  clerk: clerk(),
  resend: resend(),
} as const

/** A built-in preset id. */
export type PresetId = keyof typeof presets
