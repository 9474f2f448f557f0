// Mailgun webhooks (the JSON webhooks of the Webhooks API).
// Docs:    https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks —
//          "Mailgun signs them and posts the signature alongside the webhook's event-data": the
//          JSON body is { "signature": { "token", "timestamp", "signature" }, "event-data": {…} }.
//          To verify: "Concatenate timestamp and token values together with no separator",
//          HMAC-SHA256 it "using your Webhook Signing Key as a key", and "Compare the resulting
//          hexdigest to the signature".
// MAILGUN DOES NOT SIGN THE EVENT DATA. The signature covers only timestamp + token, so a valid
// signature block can be pasted in front of any event-data: a verified delivery proves that the
// signature block came from Mailgun, not that the event did. Treat event-data as a hint and fetch
// what matters from the Mailgun API (Events / Logs) before acting on it; de-duplicate on the token.
// Signed:  `${timestamp}${token}` (the strings as they appear in the body), keyed with the HTTP
//          webhook signing key used verbatim; hex. Subaccount events also carry "parent-signature"
//          (the same HMAC with the primary account's key): either one may match.
// Id:      the token ("Randomly generated string with length of 50"): Mailgun's docs suggest caching
//          it and refusing a token seen before, to stop replays.
// Window:  Mailgun gives no number: "Optionally, you can check if the timestamp is not too far from
//          the current time … you don't want to be too aggressive with this check". Mailgun retries
//          a failed delivery "during 8 hours" (webhooks/webhook-retries), and nothing it documents
//          says a retry is re-signed, so the default window is those 8 hours (28 800 s): it never
//          refuses a documented retry. Tighten it with toleranceSeconds, and pair it with a replay
//          store on the token.
// Not read: legacy form-encoded webhooks and Routes' forward() posts (form fields timestamp, token,
//          signature); only JSON bodies with a signature object verify.
// Oracle:  the official PHP SDK mailgun-php (src/Api/Webhook.php verifyWebhookSignature:
//          hash_hmac('sha256', $timestamp.$token, $apiKey)); its test vector
//          (tests/Api/WebhookTest.php: key key-3ax6xnjp29jd6fds4gc373sgvjxteol0, timestamp
//          1403645220, token 5egbgr1v…mn6, signature 9cfc5c41…6d33) → fixtures/mailgun/php-sdk-*.json.
//          mailgun.js has no verifier.
import { fail } from '../src/core/errors.js'
import { utf8 } from '../src/core/encoding.js'
import { defineScheme } from '../src/core/scheme.js'
import type { Delivery, ReadResult, Scheme, SignedContentInput } from '../src/core/types.js'

const NOT_MAILGUN = 'The body is not a Mailgun webhook: a JSON object with a "signature" object { "timestamp", "token", "signature" } is expected (legacy form-encoded webhooks and Routes forwards are not supported).'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The signature block of the body, before verification; anything else is not a Mailgun delivery. */
function readSignatureBlock({ payload }: Delivery): ReadResult {
  const block = isObject(payload) ? payload.signature : undefined
  if (!isObject(block)) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', NOT_MAILGUN)
  const { timestamp, token, signature } = block
  const parent = block['parent-signature']
  // Mailgun's example writes the timestamp as a string, its table says int: take either, as digits.
  const ts = typeof timestamp === 'string' ? timestamp : typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0 ? String(timestamp) : undefined
  if (ts === undefined || !/^\d{1,12}$/.test(ts)) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', 'The Mailgun signature.timestamp is not a Unix time in seconds.')
  if (typeof token !== 'string' || token.length === 0) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', 'The Mailgun signature.token is missing or not a string.')
  if (typeof signature !== 'string' || (parent !== undefined && typeof parent !== 'string')) {
    fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', 'The Mailgun signature.signature (or parent-signature) is missing or not a string.')
  }
  // both signatures go to the engine as one ','-separated list: either may match
  return { signature: parent === undefined ? signature : `${signature},${parent}`, timestamp: ts, id: token }
}

/** `${timestamp}${token}`, nothing else: the event data is not signed. */
function timestampAndToken({ timestamp, id }: SignedContentInput): Uint8Array[][] {
  if (timestamp === undefined || id === undefined) fail('ERR_WEBHOOK_MALFORMED_PAYLOAD', NOT_MAILGUN)
  return [[utf8(timestamp), utf8(id)]]
}

/**
 * Mailgun's signature block inside the JSON body. It signs only timestamp + token, never the
 * event data; `id` is the token, for a replay store.
 */
export function mailgun(): Scheme {
  return defineScheme({
    id: 'mailgun',
    name: 'Mailgun',
    // Mailgun sends no signature headers: these names only label the body fields the read hook uses.
    signatureHeader: 'signature.signature',
    separator: ',',
    algorithms: { '': 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { header: 'signature.timestamp', unit: 's', toleranceSeconds: 8 * 60 * 60 },
    idHeader: 'signature.token',
    read: readSignatureBlock,
    signedContent: timestampAndToken,
    signedContentText: 'timestamp + token from the body\'s signature object, NOT the event-data (Mailgun does not sign it)',
    hint: 'The key is the HTTP webhook signing key (Mailgun → Webhooks / API Security). Mailgun does not sign the event-data.',
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks',
  })
}
