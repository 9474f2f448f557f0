// Twilio SendGrid Event Webhook, signed (ECDSA).
// Docs: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
// SDK:  @sendgrid/eventwebhook (EventWebhook.convertPublicKeyToECDSA / verifySignature); its tests'
//       vectors, recorded deliveries, are fixtures.
// Headers: X-Twilio-Email-Event-Webhook-Signature: <base64 DER ECDSA P-256/SHA-256 signature>,
//          X-Twilio-Email-Event-Webhook-Timestamp: <Unix seconds>
// Signed:  timestamp + body, verified with the verification key from Mail Settings (base64 SPKI DER,
//          or PEM "PUBLIC KEY").
// Tolerance: SendGrid's docs and SDKs set no window (the SDK never reads the clock); hookseal
//          defaults to 300 s against replays, the Standard Webhooks window (Symfony's SendGrid parser
//          chose the same). Raise toleranceSeconds if retried batches arrive later.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** SendGrid's signed Event Webhook; the secret is the verification (public) key. */
export function sendgrid(): Scheme {
  return defineScheme({
    id: 'sendgrid',
    name: 'SendGrid',
    signatureHeader: 'X-Twilio-Email-Event-Webhook-Signature',
    algorithms: { '': 'ecdsa-p256-sha256' },
    encoding: 'base64',
    timestamp: { header: 'X-Twilio-Email-Event-Webhook-Timestamp', unit: 's', toleranceSeconds: 300 },
    signedContent: '{timestamp}{body}',
    docs: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features',
    hint: 'Turn on "Signed Event Webhook Requests" in Mail Settings; the key to pass is the verification key shown there.',
  })
}
