// `hookseal send <url>`: POSTs a body signed as a preset's sender would, as `faas-cli invoke --sign`
// does for X-Hub-Signature, and prints the response status and body.
import { parseArgs } from 'node:util'
import { sign } from '../internal.js'
import { HELP_OPTION, parsing, parseHeaders, parseSeconds, parseUrl, readSecret, SECRET_ENV, SECRET_OPTIONS, UsageError } from './args.js'
import type { CliIo } from './io.js'
import { presetOf } from './presets.js'

export const SEND_HELP = `Usage: hookseal send <url> --preset P [--secret S | --secret-file F] [--data @file | --data - | --data TEXT] [options]

Signs the body as preset P's sender would, POSTs it to <url> with the signature headers, and prints
the response status line and body. Exit 0 on a 2xx response; 1 on any other status or when the
request fails.

Options:
  --preset P         the preset to sign as (hookseal presets lists them)
  --secret S         the signing secret (Ed25519 presets: the private key)
  --secret-file F    read the secret from file F (a trailing line ending is removed)
                     with neither, the secret is read from $${SECRET_ENV}
  --data @F          the body is file F's bytes; --data - reads stdin; --data TEXT sends TEXT
                     (default: stdin, or an empty body when stdin is a terminal)
  --header 'N: v'    an extra request header; repeat for more (Content-Type defaults to
                     application/json for a JSON body, else application/octet-stream)
  --method M         the HTTP method (default: POST)
  --timestamp T      Unix time in seconds to sign at (default: now)
  --id I             delivery id, for presets that carry one
  -v, --verbose      print the request headers to stderr
  -h, --help         this help

Example:
  hookseal send http://127.0.0.1:8080/function/github-hook --preset hub --secret-file ./secret --data @event.json
`

async function readBody(data: string | undefined, io: CliIo): Promise<Uint8Array> {
  if (data === undefined) return io.stdinIsTTY ? new Uint8Array(0) : io.readStdin()
  if (data === '-') return io.readStdin()
  if (data.startsWith('@')) {
    try {
      return await io.readFile(data.slice(1))
    } catch (error) {
      throw new UsageError(`Cannot read --data ${data}: ${(error as Error).message}`)
    }
  }
  return new TextEncoder().encode(data)
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return bytes.length > 0
  } catch {
    return false
  }
}

export async function sendCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args: [...argv],
      options: {
        ...SECRET_OPTIONS,
        preset: { type: 'string' },
        data: { type: 'string' },
        header: { type: 'string', multiple: true },
        method: { type: 'string' },
        timestamp: { type: 'string' },
        id: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        ...HELP_OPTION,
      },
      allowPositionals: true,
      strict: true,
    }),
  )
  if (values.help) {
    io.stdout(SEND_HELP)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError('send takes one URL, e.g. hookseal send http://127.0.0.1:8080/hook --preset github …')
  const url = parseUrl(positionals[0]!, 'the URL')
  if (values.preset === undefined) throw new UsageError('send needs --preset P: the provider to sign as (hookseal presets lists them).')
  const scheme = presetOf(values.preset)
  const method = (values.method ?? 'POST').toUpperCase()
  const timestamp = values.timestamp === undefined ? Math.floor(io.now() / 1000) : parseSeconds(values.timestamp, '--timestamp')
  const extra = parseHeaders(values.header ?? [])
  const { secret } = await readSecret(values, io)
  const body = await readBody(values.data, io)
  let signed: Record<string, string>
  try {
    signed = await sign(scheme, { payload: body, secret, timestamp, url, method, ...(values.id !== undefined && { id: values.id }) })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(extra)) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  if (!headers.has('content-type')) headers.set('content-type', isJson(body) ? 'application/json' : 'application/octet-stream')
  for (const [name, value] of Object.entries(signed)) headers.set(name, value)
  if (values.verbose) {
    io.stderr(`> ${method} ${url}\n`)
    headers.forEach((value, name) => io.stderr(`> ${name}: ${value}\n`))
  }
  let response: Response
  try {
    response = await io.fetch(url, { method, headers, ...(method !== 'GET' && method !== 'HEAD' && { body: new Uint8Array(body) }) })
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message
    io.stderr(`Request to ${url} failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}\n`)
    return 1
  }
  const text = await response.text()
  io.stdout(`${response.status} ${response.statusText}\n`)
  if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`)
  return response.ok ? 0 : 1
}
