// Square webhook notifications.
// Docs: https://developer.squareup.com/docs/webhooks/step3validate
// SDK:  square (square-nodejs-sdk) WebhooksHelper.verifySignature; its tests' vectors are fixtures.
// Header:  x-square-hmacsha256-signature: <base64 HMAC-SHA256(signature key, notification URL + body)>
// Signed:  the notification URL exactly as entered for the subscription (options.url), then the raw body.
// No timestamp in the signature: pair with replay protection on the body's event_id. The legacy
// x-square-signature (HMAC-SHA1) header is not accepted.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Square's x-square-hmacsha256-signature; needs `options.url`, the subscription's notification URL. */
export function square(): Scheme {
  return defineScheme({
    id: 'square',
    name: 'Square',
    signatureHeader: 'x-square-hmacsha256-signature',
    algorithms: { '': 'hmac-sha256' },
    encoding: 'base64',
    signedContent: '{url}{body}',
    docs: 'https://developer.squareup.com/docs/webhooks/step3validate',
    hint: 'The secret is the subscription\'s signature key; options.url must be the notification URL exactly as entered at Square.',
    secretHints: { EAAA: 'That looks like a Square access token (EAAA…); webhooks are signed with the subscription\'s signature key.' },
  })
}
