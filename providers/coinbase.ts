// Coinbase Commerce webhooks.
// Docs:    https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security ("Every Commerce
//          webhook request includes an X-CC-WEBHOOK-SIGNATURE header. This header contains the
//          SHA256 HMAC signature of the raw request payload, computed using your webhook shared
//          secret as the key."; the secret is under Settings → Notifications).
// Header:  X-CC-Webhook-Signature: <hex HMAC-SHA256(shared secret, body)>, no prefix, no label.
// Signed:  the raw body, keyed with the shared secret used verbatim (UTF-8). No timestamp, no
//          delivery-id header (the body's `id` and `event.id` identify the delivery and event).
// Oracle:  the official SDK coinbase-commerce-node (lib/Webhook.js verifySigHeader: hex
//          HMAC-SHA256 of the payload compared with the header). Its own test vector
//          (test/testWebhook.spec.js: secret 30291a20-0bd1-4267-9b0f-e6e7b123c0bf, a charge:created
//          payload, signature 8be7742c…590d) is fixtures/coinbase/sdk-charge-created.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Coinbase Commerce's bare hex HMAC-SHA256 of the body in `X-CC-Webhook-Signature`. */
export function coinbase(): Scheme {
  return defineScheme({
    id: 'coinbase',
    name: 'Coinbase Commerce',
    signatureHeader: 'X-CC-Webhook-Signature',
    algorithms: { '': 'hmac-sha256' },
    encoding: 'hex',
    signedContent: '{body}',
    hint: 'The secret is the webhook shared secret (Coinbase Commerce Settings → Notifications), not the API key.',
    docs: 'https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security',
  })
}
