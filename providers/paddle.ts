// Paddle Billing webhooks (notification destinations of type url).
// Docs: https://developer.paddle.com/webhooks/signature-verification
// Header:  Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256>[;h1=<hex>…]
// Signed:  `${ts}:${body}` with the destination's secret key (pdl_ntfset_…) used verbatim (UTF-8).
// Any h1 may match (Paddle may send several while a secret key is rotated); other labels never
// count (`h=` is not `h1=`). Not RSA: that was Paddle Classic's p_signature, a different product.
// Window:  5 seconds, the default of Paddle's SDKs (WebhooksValidator.MAX_VALID_TIME_DIFFERENCE)
//          and of the docs; widen it with options.toleranceSeconds when clocks drift.
// Official SDK checked against: @paddle/paddle-node-sdk (Webhooks.isSignatureValid / unmarshal).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Paddle Billing's `Paddle-Signature` scheme. */
export function paddle(): Scheme {
  return defineScheme({
    id: 'paddle',
    name: 'Paddle',
    signatureHeader: 'Paddle-Signature',
    separator: ';',
    labelSeparator: '=',
    algorithms: { h1: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { label: 'ts', unit: 's', toleranceSeconds: 5 },
    signedContent: '{timestamp}:{body}',
    hint: 'Use the secret key of the notification destination (pdl_ntfset_…), not an API key. Paddle Classic (p_signature) is a different scheme.',
    docs: 'https://developer.paddle.com/webhooks/signature-verification',
  })
}
