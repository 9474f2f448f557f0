// HubSpot request signatures, version 3 (webhooks, CRM cards, workflow actions of public apps).
// Docs: https://developers.hubspot.com/docs/api/webhooks/validating-requests (v3 section) and
//       https://developers.hubspot.com/changelog/introducing-version-3-of-webhook-signatures
// SDK:  @hubspot/api-client lib/src/utils/signature (Signature.isValid / getSignature, 'v3').
// Headers: X-HubSpot-Signature-v3: <base64 HMAC-SHA256(client secret, signed)>,
//          X-HubSpot-Request-Timestamp: <Unix ms>
// Signed:  method + URI + body + timestamp (as received), UTF-8. The URI is options.url, the full
//          URL HubSpot called (with its query). The SDK uses it verbatim; HubSpot's docs tell
//          receivers to decode %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B first, so both
//          forms are tried (they differ only when the URL holds those escapes).
// Tolerance: 5 minutes (docs: reject older requests; SDK MAX_ALLOWED_TIMESTAMP 300000 ms). The SDK
//          checks the past only; hookseal also refuses a timestamp more than 5 minutes ahead.
// v1/v2 (X-HubSpot-Signature, plain SHA-256 with the secret inside, no timestamp) are not accepted.
import { utf8 } from '../src/core/encoding.js'
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme, SignedContentInput } from '../src/core/types.js'

// The escapes HubSpot's v3 instructions decode (case-insensitive here: %2f is the same octet as %2F).
const DECODED: Readonly<Record<string, string>> = {
  '3a': ':', '2f': '/', '3f': '?', '40': '@', '21': '!', '24': '$', '27': "'", '28': '(', '29': ')', '2a': '*', '2c': ',', '3b': ';',
}

function decodeUri(url: string): string {
  return url.replace(/%(3a|2f|3f|40|21|24|27|28|29|2a|2c|3b)/gi, (_, code: string) => DECODED[code.toLowerCase()]!)
}

function hubspotContents(input: SignedContentInput): Uint8Array[][] {
  const url = input.url
  if (url === undefined) throw new TypeError('HubSpot signs the URL it called: pass url, the full request URL.')
  const method = utf8(input.method ?? 'POST')
  const tail = [input.bytes, utf8(input.timestamp!)]
  const decoded = decodeUri(url)
  return (decoded === url ? [url] : [url, decoded]).map((u) => [method, utf8(u), ...tail])
}

/** HubSpot's X-HubSpot-Signature-v3; needs `options.url`, the full URL HubSpot called. */
export function hubspot(): Scheme {
  return defineScheme({
    id: 'hubspot',
    name: 'HubSpot',
    signatureHeader: 'X-HubSpot-Signature-v3',
    algorithms: { '': 'hmac-sha256' },
    encoding: 'base64',
    timestamp: { header: 'X-HubSpot-Request-Timestamp', unit: 'ms', toleranceSeconds: 300 },
    signedContent: hubspotContents,
    signsUrl: true,
    signedContentText: '{method}{url}{body}{timestamp} (the URL as given, or with HubSpot\'s listed escapes decoded)',
    docs: 'https://developers.hubspot.com/docs/api/webhooks/validating-requests',
    hint: 'hookseal checks only the v3 signature (X-HubSpot-Signature-v3); the secret is the app\'s client secret.',
    secretHints: { 'pat-': 'That looks like a private app access token (pat-…); HubSpot signs with the app\'s client secret.' },
  })
}
