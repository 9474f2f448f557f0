// GitHub webhooks.
// Docs: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
// Header:  X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>
// Signed:  the raw body, nothing else. No timestamp: pair with replay protection on X-GitHub-Delivery.
// The legacy X-Hub-Signature (SHA-1) header alone is refused: GitHub always sends the SHA-256 one.
// Official SDK checked against: @octokit/webhooks-methods (sign / verify).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** GitHub's X-Hub-Signature-256 scheme; `id` is the X-GitHub-Delivery GUID. */
export function github(): Scheme {
  return defineScheme({
    id: 'github',
    name: 'GitHub',
    signatureHeader: 'X-Hub-Signature-256',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'hex',
    idHeader: 'X-GitHub-Delivery',
    signedContent: '{body}',
    docs: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
    hint: 'GitHub sends it only when the webhook has a secret; the legacy SHA-1 X-Hub-Signature alone is not accepted.',
  })
}
