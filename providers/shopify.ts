// Shopify webhooks (HTTPS deliveries) and Shopify Events (developer preview).
// Docs:    https://shopify.dev/docs/apps/build/webhooks/verify-deliveries
//          https://shopify.dev/docs/apps/build/events/verify-deliveries
// Header:  X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(client secret, body)>. Events deliveries
//          carry it as Shopify-Hmac-Sha256 (and, for now, the X- header too, with the same value).
// Signed:  the raw body, nothing else; the key is the app's client secret used verbatim (for a
//          webhook created in the store admin, the key shown under Settings → Notifications).
// Id:      X-Shopify-Webhook-Id (the same across retries of one delivery; Events: Shopify-Webhook-Id);
//          @shopify/shopify-api reads Events deliveries' id from shopify-event-id, the last fallback.
// No timestamp is signed (X-Shopify-Triggered-At is not covered): pair with replay protection on the id.
// Source of the header names and the Events header set: Shopify/shopify-app-js
//          packages/apps/shopify-api/lib/webhooks/{validate,header-names}.ts.
// Vector:  Shopify's own SDK test (shopify-app-js …/webhooks/__tests__/validate.test.ts): client
//          secret test_secret_key, body {"foo": "bar"}, hmac B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=
//          → fixtures/shopify/shopify-api-validate-test.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Shopify's base64 HMAC-SHA256 of the body; `id` is the delivery's webhook id. */
export function shopify(): Scheme {
  return defineScheme({
    id: 'shopify',
    name: 'Shopify',
    signatureHeader: ['X-Shopify-Hmac-Sha256', 'Shopify-Hmac-Sha256'],
    algorithms: { '': 'hmac-sha256' },
    encoding: 'base64',
    idHeader: ['X-Shopify-Webhook-Id', 'Shopify-Webhook-Id', 'Shopify-Event-Id'],
    signedContent: '{body}',
    hint: 'Shopify signs HTTPS deliveries with the app\'s client secret (or, for webhooks created in the store admin, the key under Settings → Notifications).',
    docs: 'https://shopify.dev/docs/apps/build/webhooks/verify-deliveries',
  })
}
