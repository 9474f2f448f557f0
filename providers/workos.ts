// WorkOS webhooks (Directory Sync, SSO, User Management, … events).
// Docs: https://workos.com/docs/events/data-syncing/webhooks (the WorkOS-Signature header and the
//       Webhook Secret); the exact format is the official SDKs': @workos-inc/node
//       SignatureProvider (verifyHeader, computeSignature), workos-python verify_header, workos-ruby Webhooks.
// Header:  WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256>. WorkOS writes ', ' between the two
//          entries and workos-python splits on exactly ', ', so sign() writes it so; hookseal also
//          reads 't=…,v1=…' as @workos-inc/node does (it splits on ',').
// Signed:  `${t}.${body}` — t as received, the raw body bytes — with the Webhook Secret used
//          verbatim (UTF-8). (@workos-inc/node re-serialises a parsed payload with JSON.stringify,
//          which equals the raw body only for compact JSON; workos-python signs the raw bytes.)
// Window:  180 s: DEFAULT_TOLERANCE 180000 ms in @workos-inc/node 7.x, 180 s in workos-python and
//          workos-ruby. The SDKs bound only the past side (a t any distance in the future passes);
//          hookseal bounds both sides by the same 180 s, as for every preset: WorkOS stamps t when it
//          sends, so a t minutes ahead is a clock that is off on one side or a delivery prepared for
//          later replay. options.toleranceSeconds widens both sides.
// Vectors: workos-ruby spec/lib/workos/webhooks_spec.rb (t=1626125972272, v1=80f7ab7e…) and
//          deliveries signed by @workos-inc/node computeSignature, every fixture checked with
//          @workos-inc/node webhooks.constructEvent (fixtures/workos/).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** WorkOS's `WorkOS-Signature` scheme (`t=<ms>, v1=<hex>`); the event id is in the verified body. */
export function workos(): Scheme {
  return defineScheme({
    id: 'workos',
    name: 'WorkOS',
    signatureHeader: 'WorkOS-Signature',
    separator: ', ',
    labelSeparator: '=',
    algorithms: { v1: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { label: 't', unit: 'ms', toleranceSeconds: 180 },
    signedContent: '{timestamp}.{body}',
    secretHints: {
      sk_: 'That secret is a WorkOS API key (sk_…); use the Webhook Secret shown with the endpoint in the WorkOS Dashboard.',
      client_: 'That is a WorkOS client ID; use the Webhook Secret shown with the endpoint in the WorkOS Dashboard.',
    },
    hint: 'Use the Webhook Secret shown with the endpoint in the WorkOS Dashboard (Webhooks), not the API key.',
    docs: 'https://workos.com/docs/events/data-syncing/webhooks',
  })
}
