// Meta webhooks (Graph API: Facebook, Instagram, Messenger, WhatsApp Business Platform).
// Docs:    https://developers.facebook.com/docs/graph-api/webhooks/getting-started
//          https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint
// Header:  X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>. Meta signs the body as
//          sent, in which non-ASCII characters are \u-escaped: verify the raw bytes, never a
//          re-serialised object. The legacy SHA-1 X-Hub-Signature alone is not accepted.
// Signed:  the raw body, keyed with the App Secret (App Dashboard → Settings → Basic) verbatim.
//          No timestamp and no delivery-id header.
// Handshake: when the callback URL is saved, Meta sends an unsigned
//          GET …?hub.mode=subscribe&hub.challenge=<int>&hub.verify_token=<Verify Token>. It is
//          answered in `preflight`, before any signature check: the token is compared in constant
//          time with options.verifyToken and the reply is hub.challenge as text/plain.
//          A wrong or missing token rejects with ERR_WEBHOOK_SIGNATURE_MISMATCH (401): the verify
//          token is the GET's only credential, so a wrong one is that request's failed
//          authentication, and 401 is what Meta's own WhatsApp SDK answers it with. A handshake
//          arriving with no options.verifyToken configured, or without hub.challenge, is
//          ERR_WEBHOOK_INVALID_REQUEST (400).
// Vector:  Meta's official WhatsApp Cloud API SDK (WhatsApp/WhatsApp-Nodejs-SDK
//          src/__tests__/utils.test.ts with jest.config.ts): app secret TEST_APP_SECRET, body test,
//          0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221 → fixtures/meta/whatsapp-sdk-utils-test.json.
import { equalSecretText } from '../src/core/compare.js'
import { fail } from '../src/core/errors.js'
import { defineScheme } from '../src/core/scheme.js'
import type { Delivery, HandshakeResponse, Scheme, VerifyOptions } from '../src/core/types.js'

/** Meta's challenge is "an int"; anything much longer is not one. */
const MAX_CHALLENGE = 256

function query(url: string | undefined): URLSearchParams | undefined {
  if (url === undefined) return undefined
  try {
    return new URL(url, 'http://localhost').searchParams // Node gives a path-and-query, Web Requests a full URL
  } catch {
    return undefined
  }
}

/** Meta's unsigned GET subscription check, answered before any signature is looked at. */
function subscribe(delivery: Delivery, options: VerifyOptions): HandshakeResponse | undefined {
  // A GET, or a request whose platform does not say the method and which carries no body.
  if (delivery.method !== 'GET' && !(delivery.method === undefined && delivery.bytes.length === 0)) return undefined
  const params = query(delivery.url)
  if (params?.get('hub.mode') !== 'subscribe') return undefined
  if (typeof options.verifyToken !== 'string' || options.verifyToken.length === 0) {
    fail('ERR_WEBHOOK_INVALID_REQUEST', "Meta's subscription check (GET hub.mode=subscribe) arrived, but no options.verifyToken is set: pass the Verify Token configured with the webhook in the App Dashboard.")
  }
  const token = params.get('hub.verify_token')
  if (token === null || !equalSecretText(options.verifyToken, token)) {
    fail('ERR_WEBHOOK_SIGNATURE_MISMATCH', 'The hub.verify_token does not match options.verifyToken: check the Verify Token set with the webhook in the App Dashboard.')
  }
  const challenge = params.get('hub.challenge')
  if (challenge === null || challenge.length === 0 || challenge.length > MAX_CHALLENGE) {
    fail('ERR_WEBHOOK_INVALID_REQUEST', "Meta's subscription check has no usable hub.challenge to answer with.")
  }
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: challenge }
}

/**
 * Meta's `X-Hub-Signature-256` (app secret), and the GET subscribe handshake with
 * `options.verifyToken`, which resolves as a handshake whose response echoes hub.challenge.
 *
 * @example
 * const event = await verifyWebhook(req, 'meta', env.META_APP_SECRET, { verifyToken: env.META_VERIFY_TOKEN })
 * if (event.kind === 'handshake') return event.response
 */
export function meta(): Scheme {
  return defineScheme({
    id: 'meta',
    name: 'Meta',
    signatureHeader: 'X-Hub-Signature-256',
    labelSeparator: '=',
    algorithms: { sha256: 'hmac-sha256' },
    encoding: 'hex',
    signedContent: '{body}',
    preflight: subscribe,
    handshakeText: 'GET hub.mode=subscribe: hub.verify_token must equal options.verifyToken (constant time); answered with hub.challenge (text/plain) before any signature check, as Meta does not sign it',
    hint: 'Meta signs every event notification with the App Secret; a GET without hub.mode=subscribe is not a Meta request.',
    docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started',
  })
}
