// Svix, and the providers that deliver their webhooks through it (Clerk, Resend).
// Docs: https://docs.svix.com/receiving/verifying-payloads/how-manual
// Headers: svix-id, svix-timestamp (Unix seconds), svix-signature: a space-separated list of
//          `v1,<base64 HMAC-SHA256>` (several during a secret rotation; any one may match). Svix can
//          white-label them as webhook-id / webhook-timestamp / webhook-signature ("The Svix libraries
//          support both"); each is read from its svix- name first, then its webhook- name, as the
//          svix package does.
// Signed:  `${svix-id}.${svix-timestamp}.${body}`, the timestamp exactly as received.
// Secret:  `whsec_<base64>`, base64-decoded after the prefix (raw base64 without it is accepted too).
// Tolerance: 5 minutes both ways, as the svix package enforces.
// Official SDK checked against: svix (Webhook.sign / Webhook.verify).
// Aliases: clerk and resend are this scheme under their own preset id, so `provider` (and verifyAny's
// choice) names the sender the user configured; their docs say they sign through Svix:
//   Clerk  https://clerk.com/docs/core-1/integrations/webhooks/overview ("Clerk uses Svix to send our
//          webhooks"); @clerk/backend's verifyWebhook maps svix-* onto webhook-* for standardwebhooks
//   Resend https://resend.com/docs/webhooks/verify-webhooks-requests (svix-* headers, the svix package)
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

function svixScheme(id: string, name: string, docs: string, hint: string): Scheme {
  return defineScheme({
    id,
    name,
    signatureHeader: ['svix-signature', 'webhook-signature'],
    separator: ' ',
    labelSeparator: ',',
    algorithms: { v1: 'hmac-sha256' },
    encoding: 'base64',
    timestamp: { header: ['svix-timestamp', 'webhook-timestamp'], unit: 's', toleranceSeconds: 300 },
    idHeader: ['svix-id', 'webhook-id'],
    signedContent: '{id}.{timestamp}.{body}',
    secretPrefix: 'whsec_',
    secretEncoding: 'base64',
    hint,
    docs,
  })
}

/** Svix's `svix-signature` scheme (also under the white-labelled `webhook-*` header names). */
export function svix(): Scheme {
  return svixScheme('svix', 'Svix', 'https://docs.svix.com/receiving/verifying-payloads/how-manual', 'Use the endpoint\'s signing secret (whsec_…) from the Svix dashboard or App Portal.')
}

/** Clerk webhooks: the Svix scheme, reported as provider 'clerk'. */
export function clerk(): Scheme {
  return svixScheme('clerk', 'Clerk', 'https://clerk.com/docs/core-1/integrations/webhooks/overview', 'Use the endpoint\'s Signing Secret (whsec_…) from the Webhooks page of the Clerk Dashboard.')
}

/** Resend webhooks: the Svix scheme, reported as provider 'resend'. */
export function resend(): Scheme {
  return svixScheme('resend', 'Resend', 'https://resend.com/docs/webhooks/verify-webhooks-requests', 'Use the webhook\'s signing secret (whsec_…) from its details page in Resend, not an API key (re_…).')
}
