// GitLab webhooks with a secret token.
// Docs:    https://docs.gitlab.com/user/project/integrations/webhooks/ — "If you specify a secret
//          token, it will be sent with the hook request in the X-Gitlab-Token HTTP header. Your
//          webhook endpoint can check that to verify that the request is legitimate."
// Header:  X-Gitlab-Token: <the secret token, as configured>. GitLab's own sender
//          (app/services/web_hook_service.rb, build_headers) sets it only when the hook has a token.
// Signed:  nothing. The token is a shared password compared in constant time: it shows the sender
//          knows it, but it does not authenticate the body, and a captured request can be replayed.
//          Use HTTPS; de-duplicate on the id.
// Id:      Idempotency-Key — build_headers sends the hook's idempotency_key, generated once per
//          event and passed unchanged to the retry worker, so it is the same on every retry of one
//          event (GitLab 17.4+). Not X-Gitlab-Webhook-UUID (a new UUID per request, so retries
//          differ) nor X-Gitlab-Event-UUID (the recursion-detection UUID, shared by every hook a
//          single GitLab request triggers: a replay store keyed on it would drop distinct events).
// Vector:  a token scheme has no cryptographic vector; the fixtures follow the documented header
//          name and semantics (exact value; missing when no token is set).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** GitLab's `X-Gitlab-Token` shared secret token; `id` is the Idempotency-Key. */
export function gitlab(): Scheme {
  return defineScheme({
    id: 'gitlab',
    name: 'GitLab',
    signatureHeader: 'X-Gitlab-Token',
    algorithms: { '': 'token' },
    encoding: 'text',
    idHeader: 'Idempotency-Key',
    signedContent: '{body}',
    hint: 'GitLab sends X-Gitlab-Token only when the webhook has a Secret token (Settings → Webhooks).',
    docs: 'https://docs.gitlab.com/user/project/integrations/webhooks/',
  })
}
