// Linear webhooks.
// Docs: https://linear.app/developers/webhooks#securing-webhooks
// Header:  Linear-Signature: <hex HMAC-SHA256(secret, body)> (no prefix); Linear-Delivery: <uuid>.
// Signed:  the raw body only. The time is inside the signed body: `webhookTimestamp`, Unix ms,
//          which must be present and within 60 s of now (both ways), as @linear/sdk's
//          LinearWebhookClient.verify requires (it ignores the Linear-Timestamp header).
// Official SDK checked against: @linear/sdk (LinearWebhookClient, from '@linear/sdk/webhooks').
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Linear's `Linear-Signature` with the signed `webhookTimestamp`; `id` is Linear-Delivery. */
export function linear(): Scheme {
  return defineScheme({
    id: 'linear',
    name: 'Linear',
    signatureHeader: 'Linear-Signature',
    algorithms: { '': 'hmac-sha256' },
    encoding: 'hex',
    idHeader: 'Linear-Delivery',
    signedContent: '{body}',
    payloadTimestamp: { field: 'webhookTimestamp', unit: 'ms', toleranceSeconds: 60 },
    hint: 'Use the webhook\'s signing secret (Settings → API → Webhooks).',
    docs: 'https://linear.app/developers/webhooks#securing-webhooks',
  })
}
