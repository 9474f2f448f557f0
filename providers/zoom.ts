// Zoom webhooks (Marketplace apps: event subscriptions).
// Docs: https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events
//       https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint
// Headers: x-zm-signature: v0=<hex HMAC-SHA256>, x-zm-request-timestamp: <unix seconds>
// Signed:  `v0:${timestamp}:${body}` with the app's Secret Token used verbatim (UTF-8) — the
//          recipe of Zoom's docs, of zoom/webhook-sample and of Zoom's SDK @zoom/rivet
//          (CommonHttpRequest.isEventVerified).
// Window:  Zoom publishes none and @zoom/rivet checks none; we enforce 300 s against replays
//          (override with options.toleranceSeconds).
// Oracle:  @zoom/rivet's exported AwsLambdaReceiver (its handler runs CommonHttpRequest.processEvent:
//          isEventVerified, then the url_validation reply) checks every fixture and our sign();
//          Rivet re-serialises the parsed body (JSON.stringify) where hookseal signs the bytes received.
// Handshake: `endpoint.url_validation` is signed like any event (zoom/webhook-sample and
//          @zoom/rivet verify it first), then answered with
//          {"plainToken": …, "encryptedToken": hex HMAC-SHA256(secret token, plainToken)}.
import { toHex } from '../src/core/encoding.js'
import { defineScheme } from '../src/core/scheme.js'
import type { Delivery, HandshakeResponse, HandshakeTools, Scheme } from '../src/core/types.js'

async function urlValidation({ payload }: Delivery, tools: HandshakeTools): Promise<HandshakeResponse | undefined> {
  if (typeof payload !== 'object' || payload === null) return undefined
  const { event, payload: inner } = payload as { event?: unknown; payload?: unknown }
  if (event !== 'endpoint.url_validation' || typeof inner !== 'object' || inner === null) return undefined
  const plainToken = (inner as { plainToken?: unknown }).plainToken
  if (typeof plainToken !== 'string') return undefined
  const encryptedToken = toHex(await tools.hmac('sha256', plainToken))
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plainToken, encryptedToken }) }
}

/** Zoom's `x-zm-signature`; a verified `endpoint.url_validation` resolves as a handshake with its reply. */
export function zoom(): Scheme {
  return defineScheme({
    id: 'zoom',
    name: 'Zoom',
    signatureHeader: 'x-zm-signature',
    labelSeparator: '=',
    algorithms: { v0: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { header: 'x-zm-request-timestamp', unit: 's', toleranceSeconds: 300 },
    signedContent: 'v0:{timestamp}:{body}',
    handshake: urlValidation,
    handshakeText: 'endpoint.url_validation (signed) → {"plainToken": …, "encryptedToken": hex HMAC-SHA256(secret, plainToken)}',
    hint: 'Use the Secret Token of the app\'s event subscription (Features → Access), not the deprecated verification token.',
    docs: 'https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events',
  })
}
