// Typeform webhooks.
// Docs:    https://www.typeform.com/developers/webhooks/secure-your-webhooks/
// Header:  Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, body)> — base64, not hex.
// Signed:  "the entire received payload as binary", keyed with the secret set on the webhook
//          (used verbatim). Sent only when the webhook has a secret. No timestamp, no delivery-id
//          header (the body's event_id identifies the event).
// Vector:  Typeform's own client (Typeform/js-api-client tests/unit/verify-signature.test.ts):
//          secret my-webook-secret, body {"foo":"bar"},
//          sha256=X2b3nUhiGjaWHxmPO/YQzUvHXBNac4gPjZ5/bjXrhQY= → fixtures/typeform/js-api-client-verify-signature.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Typeform's `sha256=<base64>` signature of the body. */
export function typeform(): Scheme {
  return defineScheme({
    id: 'typeform',
    name: 'Typeform',
    signatureHeader: 'Typeform-Signature',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'base64',
    signedContent: '{body}',
    hint: 'Typeform signs only webhooks that have a secret: set one with the Webhooks API (PUT /forms/{form_id}/webhooks/{tag}).',
    docs: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/',
  })
}
