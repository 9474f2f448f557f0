// Bitbucket Cloud webhooks with a secret.
// Docs:    https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/ (secure webhooks)
//          https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/ (HTTP headers)
// Header:  X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)> — the SHA-256 digest in the
//          header GitHub uses for SHA-1. The prefix names the method; sha256 is the only one
//          Bitbucket uses, so any other is refused rather than guessed.
// Signed:  the raw body, keyed with the webhook's secret verbatim. Webhooks without a secret send
//          no signature. No timestamp.
// Id:      X-Request-UUID ("the UUID of the request"). Not X-Hook-UUID: that is the webhook's own
//          UUID, the same on every delivery, so a replay store keyed on it would drop all but the first.
// Vector:  Bitbucket's documented "Hello World" example (also on Atlassian's Jira Cloud webhooks
//          page): secret It's a Secret to Everybody, body Hello World!,
//          sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9
//          → fixtures/bitbucket/docs-hello-world.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Bitbucket Cloud's `X-Hub-Signature: sha256=<hex>`; `id` is the request UUID. */
export function bitbucket(): Scheme {
  return defineScheme({
    id: 'bitbucket',
    name: 'Bitbucket Cloud',
    signatureHeader: 'X-Hub-Signature',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'hex',
    idHeader: 'X-Request-UUID',
    signedContent: '{body}',
    hint: 'Bitbucket signs only webhooks that have a secret (Repository settings → Webhooks → Secret).',
    docs: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/',
  })
}
