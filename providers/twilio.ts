// Twilio request signatures (Voice, Messaging, Studio and the other Twilio webhooks).
// Docs: https://www.twilio.com/docs/usage/webhooks/webhooks-security ; the worked example of
//       https://www.twilio.com/docs/usage/security#validating-requests (auth token 12345) is a fixture.
// SDK:  twilio-node lib/webhooks/webhooks (validateRequest, validateRequestWithBody,
//       getExpectedTwilioSignature); twilio-python tests/unit/test_request_validator.py vectors.
// Header:  X-Twilio-Signature: <base64 HMAC-SHA1(auth token, signed)>
// Signed:  a form body (Content-Type application/x-www-form-urlencoded): the URL, then every
//          parameter sorted by name (JavaScript string order), each name followed by its value with no
//          delimiter; a name sent more than once adds each distinct value once, values sorted, as the
//          SDK does. Parameters are the decoded name/value pairs, so two encodings of the same form
//          (`+` or a space, `%41` or `A`) carry the same signature: read the verified body with a
//          standard form parser (URLSearchParams), never a different one.
//          Any other body (JSON): the URL alone, with `bodySHA256=<hex SHA-256 of the body>` appended
//          to its query (`?` or `&`), so the signature covers the body through its hash. When
//          options.url already carries bodySHA256 (the full per-request URL), that value must be the
//          body's hash and the URL is used as given (the SDK's rule). A GET signs the URL alone.
// URL:     options.url, as configured at Twilio. As in the SDK, it is tried as given, without its port
//          and with the default port (:443 for https, :80 otherwise), then the same for its WHATWG
//          form (new URL().href). The SDK's last fallback, re-encoding the query through Node's legacy
//          querystring, is not reproduced.
// No timestamp and no documented delivery-id header. SharedKey signatures (Webhook Rules, public beta,
// X-Twilio-Webhooks-Signature-Settings, HMAC-SHA256) are not supported.
import { fail } from '../src/core/errors.js'
import { toHex as hex, utf8 } from '../src/core/encoding.js'
import { defineScheme } from '../src/core/scheme.js'
import type { ContentTools, Scheme, SignedContentInput } from '../src/core/types.js'

/** The URL split as the SDK splits it, without normalising: scheme://, userinfo@, host, :port, rest. */
function splitUrl(url: string): { scheme: string; userInfo: string; host: string; port: string; rest: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url)
  if (m === null) return undefined
  const authority = m[2]!
  const at = authority.lastIndexOf('@')
  const hostPort = authority.slice(at + 1)
  const colon = hostPort.indexOf(':', hostPort.lastIndexOf(']') + 1) // an IPv6 literal's colons are not the port
  return {
    scheme: m[1]!,
    userInfo: authority.slice(0, at + 1),
    host: colon < 0 ? hostPort : hostPort.slice(0, colon),
    port: colon < 0 ? '' : hostPort.slice(colon),
    rest: url.slice(m[0].length),
  }
}

/** The URL as given, without its port, and with the default port: the forms Twilio may have signed. */
function portForms(url: string): string[] {
  const p = splitUrl(url)
  if (p === undefined) return [url]
  const bare = p.scheme + p.userInfo + p.host + p.rest
  const withPort = p.port !== '' ? url : p.scheme + p.userInfo + p.host + (p.scheme.toLowerCase() === 'https://' ? ':443' : ':80') + p.rest
  return [url, bare, withPort]
}

/** Every URL form the SDK accepts (bar the legacy-querystring one), the one given first, no repeats. */
function twilioUrlForms(url: string): string[] {
  let normalised: string[] = []
  try {
    normalised = portForms(new URL(url).href)
  } catch {
    // not a WHATWG URL: only the forms of the text as given
  }
  return [...new Set([...portForms(url), ...normalised])]
}

/** The sorted name/value parts of a form body, decoded as URLSearchParams (and Express) decode them. */
function formParts(bytes: Uint8Array): Uint8Array[] {
  const values = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) {
    const list = values.get(name)
    if (list === undefined) values.set(name, [value])
    else list.push(value)
  }
  const parts: Uint8Array[] = []
  for (const name of [...values.keys()].sort()) {
    const list = values.get(name)!
    // a repeated name: each distinct value once, sorted (twilio-node toFormUrlEncodedParam)
    const ordered = list.length === 1 ? list : [...new Set(list)].sort()
    const encodedName = utf8(name)
    for (const value of ordered) parts.push(encodedName, utf8(value))
  }
  return parts
}

function isForm(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)
}

function bodyHashParam(url: string): string | null | undefined {
  try {
    return new URL(url).searchParams.get('bodySHA256')
  } catch {
    return undefined
  }
}

async function twilioContents(input: SignedContentInput, tools: ContentTools): Promise<Uint8Array[][]> {
  const url = input.url
  if (url === undefined) throw new TypeError('Twilio signs the URL it called: pass url, the webhook URL as configured at Twilio.')
  let urls: string[]
  let params: Uint8Array[] = []
  const given = bodyHashParam(url)
  if (typeof given === 'string') {
    // the full URL of this request: Twilio hashed the body into it (validateRequestWithBody)
    if (given !== hex(await tools.digest('sha256', [input.bytes]))) {
      fail('ERR_WEBHOOK_SIGNATURE_MISMATCH', 'The body does not match the bodySHA256 in options.url: it was changed, or options.url belongs to another request.')
    }
    urls = twilioUrlForms(url)
  } else if (input.method === 'GET' || input.method === 'HEAD') {
    urls = twilioUrlForms(url)
  } else if (isForm(input.headers('content-type'))) {
    urls = twilioUrlForms(url)
    params = formParts(input.bytes)
  } else {
    const hash = hex(await tools.digest('sha256', [input.bytes]))
    const at = url.indexOf('#')
    const base = at < 0 ? url : url.slice(0, at)
    urls = twilioUrlForms(`${base}${base.includes('?') ? '&' : '?'}bodySHA256=${hash}`)
  }
  return urls.map((u) => [utf8(u), ...params])
}

/** Twilio's X-Twilio-Signature; needs `options.url`, the webhook URL as configured at Twilio. */
export function twilio(): Scheme {
  return defineScheme({
    id: 'twilio',
    name: 'Twilio',
    signatureHeader: 'X-Twilio-Signature',
    algorithms: { '': 'hmac-sha1' },
    encoding: 'base64',
    signedContent: twilioContents,
    signsUrl: true,
    signedContentText:
      'URL + each form parameter name and value, sorted by name (form bodies); other bodies: URL with bodySHA256=<hex SHA-256 of the body> in its query',
    docs: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security',
    hint: 'The secret is the account Auth Token (the primary one).',
    secretHints: {
      AC: 'That looks like an Account SID (AC…); Twilio signs with the account Auth Token.',
      SK: 'That looks like an API Key SID (SK…); Twilio signs with the account Auth Token, not an API key.',
    },
  })
}
