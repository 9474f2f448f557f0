// Telegram Bot API webhooks (setWebhook with secret_token).
// Docs:    https://core.telegram.org/bots/api#setwebhook — "If you'd like to make sure that the
//          webhook was set by you, you can specify secret data in the parameter secret_token. If
//          specified, the request will contain a header “X-Telegram-Bot-Api-Secret-Token” with the
//          secret token as content." secret_token: "1-256 characters. Only characters A-Z, a-z,
//          0-9, _ and - are allowed."
// Header:  X-Telegram-Bot-Api-Secret-Token: <the secret_token given to setWebhook>.
// Signed:  nothing. Telegram does not sign updates: the token is a shared password compared in
//          constant time; it does not authenticate the body, and a captured request can be
//          replayed. The body's update_id identifies an update; there is no id header.
// Vector:  a token scheme has no cryptographic vector; the fixtures follow the documented header
//          name and semantics (exact value, 1–256 characters of A-Z a-z 0-9 _ -).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Telegram's `X-Telegram-Bot-Api-Secret-Token` shared secret token. */
export function telegram(): Scheme {
  return defineScheme({
    id: 'telegram',
    name: 'Telegram Bot API',
    signatureHeader: 'X-Telegram-Bot-Api-Secret-Token',
    algorithms: { '': 'token' },
    encoding: 'text',
    signedContent: '{body}',
    hint: 'Telegram sends the header only when setWebhook was called with secret_token; the secret is that secret_token, not the bot token.',
    docs: 'https://core.telegram.org/bots/api#setwebhook',
  })
}
