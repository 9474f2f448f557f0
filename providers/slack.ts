// Slack request signing (Events API, slash commands, interactivity, shortcuts).
// Docs: https://api.slack.com/authentication/verifying-requests-from-slack
// Headers: X-Slack-Signature: v0=<hex HMAC-SHA256>, X-Slack-Request-Timestamp: <unix seconds>
// Signed:  `v0:${timestamp}:${body}` with the app's Signing Secret used verbatim (UTF-8).
// Window:  5 minutes ("more than five minutes from local time … could be a replay attack").
// Vector:  the docs' worked example (secret 8f742231…, timestamp 1531420618, a /webhook-collect
//          slash command, v0=a2114d57…) is fixtures/slack/docs-slash-command.json.
// Handshakes (as Slack's official receivers answer them):
// - Events API `url_verification` is signed: after verification it resolves as a handshake whose
//   response is {"challenge": …}, as @slack/bolt's HTTPReceiver answers it.
// - Slash-command `ssl_check=1` is not verified by Slack's own receivers (@slack/bolt
//   HTTPModuleFunctions.parseAndVerifyHTTPRequest: "ssl_check=1 requests do not require
//   x-slack-signature verification"; bolt-python's SslCheck middleware runs before
//   RequestVerification and checks ssl_check == "1"), so it is answered before any signature
//   check, with an empty 200, and only for a form body whose one ssl_check field is exactly "1".
//   The reply says nothing and triggers nothing: a request that carries ssl_check=1 is never an event.
import { defineScheme } from '../src/core/scheme.js'
import type { Delivery, HandshakeResponse, Scheme } from '../src/core/types.js'

const FORM = 'application/x-www-form-urlencoded'

/** Slack's unsigned SSL check: a form body whose only `ssl_check` is exactly "1". */
function sslCheck({ headers, bytes }: Delivery): HandshakeResponse | undefined {
  const type = headers('content-type')
  if (type === undefined || type.split(';')[0]!.trim().toLowerCase() !== FORM) return undefined
  if (bytes.length > 4096) return undefined // an SSL check is a couple of short fields
  let params: URLSearchParams
  try {
    params = new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return undefined
  }
  const values = params.getAll('ssl_check')
  return values.length === 1 && values[0] === '1' ? { status: 200, headers: {}, body: '' } : undefined
}

/** The Events API URL verification, once the request is verified: echo the challenge. */
function urlVerification({ payload }: Delivery): HandshakeResponse | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const { type, challenge } = payload as { type?: unknown; challenge?: unknown }
  if (type !== 'url_verification' || typeof challenge !== 'string') return undefined
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge }) }
}

/**
 * Slack's `v0` request signatures. A verified `url_verification` resolves as a handshake with
 * its challenge reply; an `ssl_check=1` form request resolves as a handshake before any check.
 */
export function slack(): Scheme {
  return defineScheme({
    id: 'slack',
    name: 'Slack',
    signatureHeader: 'X-Slack-Signature',
    labelSeparator: '=',
    algorithms: { v0: 'hmac-sha256' },
    encoding: 'hex',
    timestamp: { header: 'X-Slack-Request-Timestamp', unit: 's', toleranceSeconds: 300 },
    signedContent: 'v0:{timestamp}:{body}',
    preflight: sslCheck,
    handshake: urlVerification,
    handshakeText: 'Events API url_verification (signed) → {"challenge": …}; slash-command ssl_check=1 (unsigned, as Slack\'s receivers treat it) → empty 200',
    secretHints: {
      'xoxb-': 'That is a Slack bot token; use the app\'s Signing Secret (Basic Information → App Credentials).',
      'xoxp-': 'That is a Slack user token; use the app\'s Signing Secret (Basic Information → App Credentials).',
      'xapp-': 'That is a Slack app-level token; use the app\'s Signing Secret (Basic Information → App Credentials).',
    },
    hint: 'Use the app\'s Signing Secret (Basic Information → App Credentials), not the deprecated verification token.',
    docs: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  })
}
