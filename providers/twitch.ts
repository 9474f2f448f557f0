// Twitch EventSub over webhooks.
// Docs: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message
// Headers: Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256>,
//          Twitch-Eventsub-Message-Id, Twitch-Eventsub-Message-Timestamp (RFC 3339, nanoseconds).
// Signed:  message id + timestamp + body, concatenated as received, with the subscription's
//          secret used verbatim (UTF-8).
// Window:  10 minutes ("guarding against replay attacks": reject messages older than 10 minutes).
// `id` is the message id (the same on redelivery): keep it for de-duplication.
// Handshake: `webhook_callback_verification` is signed like any message; once verified it is
//          answered with the raw `challenge` as text/plain. The type header is not signed, so the
//          challenge is taken only from the (signed) body of a verification message.
// Vector:  Twitch4J's EventSubVerifierTest (secret "Twitch4J", 2020-12-13T14:15:16.1718Z, …) is
//          fixtures/twitch/twitch4j-vector.json.
import { defineScheme } from '../src/core/scheme.js'
import type { Delivery, HandshakeResponse, Scheme } from '../src/core/types.js'

function callbackVerification({ headers, payload }: Delivery): HandshakeResponse | undefined {
  if (headers('twitch-eventsub-message-type') !== 'webhook_callback_verification') return undefined
  if (typeof payload !== 'object' || payload === null) return undefined
  const challenge = (payload as { challenge?: unknown }).challenge
  if (typeof challenge !== 'string') return undefined
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: challenge }
}

/** Twitch EventSub's message signatures; `id` is Twitch-Eventsub-Message-Id. */
export function twitch(): Scheme {
  return defineScheme({
    id: 'twitch',
    name: 'Twitch EventSub',
    signatureHeader: 'Twitch-Eventsub-Message-Signature',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { header: 'Twitch-Eventsub-Message-Timestamp', unit: 'rfc3339', toleranceSeconds: 600 },
    idHeader: 'Twitch-Eventsub-Message-Id',
    signedContent: '{id}{timestamp}{body}',
    handshake: callbackVerification,
    handshakeText: 'webhook_callback_verification (signed) → the challenge as text/plain',
    hint: 'Use the secret you passed when creating the EventSub subscription (transport.secret).',
    docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message',
  })
}
