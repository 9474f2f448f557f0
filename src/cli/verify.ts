// `hookseal verify <preset>`: checks a delivery (headers as flags, body on stdin) and, when it fails,
// says which step failed and the likely cause (see diagnose.ts).
import { parseArgs } from 'node:util'
import { signsUrl, WebhookVerificationError } from '../internal.js'
import { HELP_OPTION, parsing, parseHeaders, parseUrl, readSecret, SECRET_ENV, SECRET_OPTIONS, UsageError } from './args.js'
import { diagnose, formatDiagnosis, verifyGiven, type VerifyInput } from './diagnose.js'
import type { CliIo } from './io.js'
import { presetOf } from './presets.js'

export const VERIFY_HELP = `Usage: hookseal verify <preset> [--secret S | --secret-file F] --header 'Name: value'… [options] < body

Verifies a delivery: the headers it came with and the exact body bytes on stdin.
Exit 0 when genuine; 1 when not, with the error code, the step that failed and the likely cause
(whitespace in the secret, CRLF line endings, a re-serialised JSON body, a clock off by N seconds,
a private key where the public key belongs, a URL changed by a proxy, another preset).

Options:
  --secret S         the secret (Ed25519 presets such as discord: the public key)
  --secret-file F    read the secret from file F (a trailing line ending is removed)
                     with neither, the secret is read from $${SECRET_ENV}
  --header 'N: v'    a request header; repeat for each (the signature, timestamp and id headers)
  --headers-file F   read 'Name: value' lines from file F (a copied header block; a request line
                     such as 'POST /hook HTTP/1.1' and blank lines are skipped)
  --url U            the public URL the provider called (required by twilio, hubspot, square)
  --method M         the request method (default: POST)
  --now MS           check as of this time, in ms since the epoch (default: now)
  --tolerance S      the accepted clock difference in seconds (default: the preset's)
  --json             print the outcome as JSON on stdout
  -h, --help         this help

Example:
  hookseal verify github --secret-file ./secret \\
    --header 'X-Hub-Signature-256: sha256=…' --header 'X-GitHub-Delivery: 7c6c…' < body.json
`

/** The header lines of a copied header block: blank lines and an HTTP request or status line are skipped. */
async function headerFileLines(path: string, io: CliIo): Promise<string[]> {
  let bytes: Uint8Array
  try {
    bytes = await io.readFile(path)
  } catch (error) {
    throw new UsageError(`Cannot read --headers-file ${path}: ${(error as Error).message}`)
  }
  return new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !/^[A-Z]+ \S+ HTTP\/[\d.]+$/.test(line.trim()) && !/^HTTP\/[\d.]+ \d{3}/.test(line.trim()))
}

export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args: [...argv],
      options: {
        ...SECRET_OPTIONS,
        header: { type: 'string', multiple: true },
        'headers-file': { type: 'string' },
        url: { type: 'string' },
        method: { type: 'string' },
        now: { type: 'string' },
        tolerance: { type: 'string' },
        json: { type: 'boolean' },
        ...HELP_OPTION,
      },
      allowPositionals: true,
      strict: true,
    }),
  )
  if (values.help) {
    io.stdout(VERIFY_HELP)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError('verify takes one preset, e.g. hookseal verify github --header …')
  const scheme = presetOf(positionals[0]!)
  const url = values.url === undefined ? undefined : parseUrl(values.url, '--url')
  if (signsUrl(scheme) && url === undefined) throw new UsageError(`${scheme.name ?? scheme.id} signs the URL it called: pass --url, the public URL as configured at the provider.`)
  if (values.now !== undefined && !/^\d{1,15}$/.test(values.now)) throw new UsageError(`--now is milliseconds since the epoch, e.g. --now ${io.now()}.`)
  if (values.tolerance !== undefined && !/^\d+(\.\d+)?$/.test(values.tolerance)) throw new UsageError('--tolerance is a number of seconds ≥ 0.')
  const headers = parseHeaders([...(values['headers-file'] === undefined ? [] : await headerFileLines(values['headers-file'], io)), ...(values.header ?? [])])
  const { secret } = await readSecret(values, io)
  const input: VerifyInput = {
    scheme,
    headers,
    body: await io.readStdin(),
    secret,
    method: (values.method ?? 'POST').toUpperCase(),
    url,
    now: values.now === undefined ? io.now() : Number(values.now),
    toleranceSeconds: values.tolerance === undefined ? undefined : Number(values.tolerance),
  }
  const outcome = await verifyGiven(input)
  if (outcome.ok) {
    const r = outcome.result
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, provider: r.provider, kind: r.kind, id: r.id, timestamp: r.timestamp?.toISOString(), response: r.response })}\n`)
    } else {
      const parts = [`OK genuine ${r.provider} ${r.kind}`, r.id !== undefined && `id ${r.id}`, r.timestamp !== undefined && `signed at ${r.timestamp.toISOString()}`].filter(Boolean)
      io.stdout(`${parts.join(', ')}\n`)
      if (r.response !== undefined) io.stdout(`Handshake reply: ${r.response.status} ${r.response.body}\n`)
    }
    return 0
  }
  const error = outcome.error
  // A key the preset cannot use at all (not a public key, not base64) is a configuration mistake.
  if (!(error instanceof WebhookVerificationError)) throw new UsageError((error as Error).message)
  const diagnosis = await diagnose(input, error)
  if (values.json) io.stdout(`${JSON.stringify({ ok: false, ...diagnosis })}\n`)
  else io.stderr(formatDiagnosis(diagnosis))
  return 1
}
