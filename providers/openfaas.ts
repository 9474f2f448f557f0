// OpenFaaS Pro / Enterprise event webhooks (metering and auditing events from the event-worker).
// Docs:    https://docs.openfaas.com/openfaas-pro/billing-metrics/ (webhook delivery headers)
// Header:  X-Openfaas-Signature-256: sha256=<hex HMAC-SHA256(endpointSecret, body)> — "the HMAC
//          hex digest of the request body … using the SHA-256 hash function and the webhook
//          secret as the HMAC key". Sent when eventSubscription.endpointSecret is set.
// Id:      X-Openfaas-Delivery ("a unique ID identifying the webhook delivery"). No timestamp.
// Vector:  the docs' example delivery shows a signature but not its secret, so the vector is
//          OpenFaaS's own for this exact format (sha256= + hex HMAC-SHA256 of the body):
//          faas-cli commands/invoke_test.go Test_generateHeader, key KeySet, empty body,
//          sha256=51846d8900847a40a129743c98742c83a56c3cbc4f5aec188d7eb2de629d11df
//          → fixtures/openfaas/faas-cli-vector-empty.json. For `faas-cli invoke --sign` use `hub`.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** OpenFaaS Pro's `X-Openfaas-Signature-256: sha256=<hex>`; `id` is the delivery id. */
export function openfaas(): Scheme {
  return defineScheme({
    id: 'openfaas',
    name: 'OpenFaaS Pro',
    signatureHeader: 'X-Openfaas-Signature-256',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'hex',
    idHeader: 'X-Openfaas-Delivery',
    signedContent: '{body}',
    hint: 'The event-worker signs only when eventSubscription.endpointSecret is set in the OpenFaaS chart.',
    docs: 'https://docs.openfaas.com/openfaas-pro/billing-metrics/',
  })
}
