// Stripe webhooks.
// Docs: https://docs.stripe.com/webhooks#verify-manually ; SDK: stripe-node src/Webhooks.ts
// Header:  Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]
// Signed:  `${t}.${body}`, HMAC-SHA256 keyed with the whole `whsec_…` secret used verbatim (not decoded).
// Any v1 may match (several during a secret roll); v0 and other schemes never count. Tolerance: 300 s.
// Official SDK checked against: stripe (webhooks.generateTestHeaderString / webhooks.constructEvent).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Stripe's `Stripe-Signature` scheme; `id` is the event id (`evt_…`) from the verified body. */
export function stripe(): Scheme {
  return defineScheme({
    id: 'stripe',
    name: 'Stripe',
    signatureHeader: 'Stripe-Signature',
    separator: ',',
    labelSeparator: '=',
    algorithms: { v1: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { label: 't', unit: 's', toleranceSeconds: 300 },
    signedContent: '{timestamp}.{body}',
    payloadId: 'id',
    docs: 'https://docs.stripe.com/webhooks#verify-manually',
    expectedSecretPrefix: 'whsec_',
    secretHints: {
      sk_: 'That secret is a Stripe secret API key (sk_…); use the endpoint\'s signing secret (whsec_…).',
      rk_: 'That secret is a Stripe restricted API key (rk_…); use the endpoint\'s signing secret (whsec_…).',
      pk_: 'That secret is a Stripe publishable key (pk_…); use the endpoint\'s signing secret (whsec_…).',
    },
    hint: 'Use the endpoint\'s signing secret (whsec_…), not an API key.',
  })
}
