// Standard Webhooks, the scheme Svix, Clerk, Resend and others send.
// Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
// Headers: webhook-id, webhook-timestamp (Unix seconds), webhook-signature: a space-separated list of
//          `v1,<base64 HMAC-SHA256>` and `v1a,<base64 Ed25519>` entries (several during a key rotation;
//          any one may match; other versions such as v0 or v2 never count).
// Signed:  `${webhook-id}.${webhook-timestamp}.${body}`, the timestamp exactly as received.
// Keys:    v1 takes the secret `whsec_<base64>`, base64-decoded after the prefix; raw base64 without the
//          prefix is accepted as the official libraries accept it. v1a takes the public key
//          `whpk_<base64 of 32 bytes>` (`whsk_` is the signing key, for `sign`). The prefix decides what a
//          string is: a whpk_ key is never used as an HMAC secret, since anyone holding the public key
//          could then forge a v1 signature. Bytes and unprefixed strings are HMAC secrets.
// Tolerance: 5 minutes both ways, as the official libraries enforce.
// Official SDK checked against: standardwebhooks (JavaScript; Webhook.sign / Webhook.verify, v1 only).
// v1a: no JavaScript library implements it; checked against the spec repository's Go library vector
// (libraries/go/webhook_asymmetric_test.go, TestAsymmetricWebhookSign).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Standard Webhooks: v1 HMAC-SHA256 (whsec_ secrets) and v1a Ed25519 (whpk_ public keys). */
export function standardWebhooks(): Scheme {
  return defineScheme({
    id: 'standard-webhooks',
    name: 'Standard Webhooks',
    signatureHeader: 'webhook-signature',
    separator: ' ',
    labelSeparator: ',',
    algorithms: { v1: 'hmac-sha256', v1a: 'ed25519' },
    encoding: 'base64',
    timestamp: { header: 'webhook-timestamp', unit: 's', toleranceSeconds: 300 },
    idHeader: 'webhook-id',
    signedContent: '{id}.{timestamp}.{body}',
    secretPrefix: ['whsec_', 'whpk_', 'whsk_'],
    keyPrefixes: { hmac: 'whsec_', ed25519: ['whpk_', 'whsk_'] },
    secretEncoding: 'base64',
    secretHints: {
      whsk_: 'That is the private signing key (whsk_…); verify with its public key (whpk_…).',
    },
    hint: 'Pass the endpoint\'s signing secret (whsec_…) or, for v1a signatures, the sender\'s public key (whpk_…).',
    docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md',
  })
}
