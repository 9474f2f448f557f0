// PagerDuty v3 webhooks (webhook subscriptions).
// Docs:    https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures (source:
//          PagerDuty/developer-docs docs/webhooks/04-Signatures.md): "The current signature version
//          is v1 and is computed as an HMAC of the payload body using a SHA-256 hash function. This
//          is performed for each signing secret and the results are concatenated using comma
//          separation"; receivers "select only signatures which are version v1", hex (Base16), and
//          accept when "at least one of the signatures matches".
// Header:  X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…] — several during a secret rotation. Entries
//          of other versions are skipped, as PagerDuty's go-pagerduty webhookv3 does; a header with
//          no v1 entry is malformed (go-pagerduty: ErrMalformedHeader).
// Signed:  the raw body, keyed with the subscription's secret used verbatim (it looks like base64
//          but is not decoded: go-pagerduty's calculateSignature uses []byte(secret)). No timestamp.
// Id:      X-Webhook-Id, "unique to the webhook but … repeated for each delivery attempt"
//          (docs/webhooks/02-Behavior.md, At-Least-Once Delivery).
// Oracle:  PagerDuty's official Go client go-pagerduty, webhookv3/webhookv3_test.go: secret
//          lDQHScfU…+IK, an incident.priority_updated body, v1=0c0b9495…76cd valid and
//          v1=7020c8a7…caf5 a mismatch → fixtures/pagerduty/go-pagerduty-*.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** PagerDuty v3's `v1=<hex>` list of body signatures; `id` is X-Webhook-Id. */
export function pagerduty(): Scheme {
  return defineScheme({
    id: 'pagerduty',
    name: 'PagerDuty',
    signatureHeader: 'X-PagerDuty-Signature',
    separator: ',',
    labelSeparator: '=',
    algorithms: { v1: 'hmac-sha256' },
    encoding: 'hex',
    idHeader: 'X-Webhook-Id',
    signedContent: '{body}',
    hint: 'Only v3 webhook subscriptions are signed; the secret is the one returned when the subscription was created.',
    docs: 'https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures',
  })
}
