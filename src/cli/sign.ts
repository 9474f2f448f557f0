// `hookseal sign <preset>`: the headers a provider would send with the body on stdin.
import { parseArgs } from 'node:util'
import { signsUrl, sign, presets } from '../internal.js'
import { HELP_OPTION, parsing, parseSeconds, parseUrl, readSecret, SECRET_ENV, SECRET_OPTIONS, UsageError } from './args.js'
import type { CliIo } from './io.js'
import { presetOf } from './presets.js'

export const SIGN_HELP = `Usage: hookseal sign <preset> [--secret S | --secret-file F] [options] < body

Prints the headers <preset> would send with the body read from stdin (bytes as they are).

Options:
  --secret S         the signing secret (Ed25519 presets: the private key)
  --secret-file F    read the secret from file F (a trailing line ending is removed)
                     with neither, the secret is read from $${SECRET_ENV}
  --timestamp T      Unix time in seconds to sign at (default: now)
  --id I             delivery id, for presets that carry one (default: a random UUID where it is signed)
  --url U            the URL the request goes to (required by presets that sign it: twilio, hubspot, square)
  --method M         the HTTP method, for presets that sign it (default: POST)
  --json             print a JSON object instead of 'Name: value' lines
  -h, --help         this help

Example:
  printf '%s' '{"zen":"hi"}' | hookseal sign github --secret-file ./secret
`

export async function signCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args: [...argv],
      options: {
        ...SECRET_OPTIONS,
        timestamp: { type: 'string' },
        id: { type: 'string' },
        url: { type: 'string' },
        method: { type: 'string' },
        json: { type: 'boolean' },
        ...HELP_OPTION,
      },
      allowPositionals: true,
      strict: true,
    }),
  )
  if (values.help) {
    io.stdout(SIGN_HELP)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError(`sign takes one preset, e.g. hookseal sign github; known: ${Object.keys(presets).join(', ')}.`)
  const scheme = presetOf(positionals[0]!)
  const url = values.url === undefined ? undefined : parseUrl(values.url, '--url')
  if (signsUrl(scheme) && url === undefined) throw new UsageError(`${scheme.name ?? scheme.id} signs the URL it calls: pass --url, the public URL as configured at the provider.`)
  const timestamp = values.timestamp === undefined ? Math.floor(io.now() / 1000) : parseSeconds(values.timestamp, '--timestamp')
  const { secret } = await readSecret(values, io)
  const body = await io.readStdin()
  let headers: Record<string, string>
  try {
    headers = await sign(scheme, {
      payload: body,
      secret,
      timestamp,
      ...(values.id !== undefined && { id: values.id }),
      ...(url !== undefined && { url }),
      ...(values.method !== undefined && { method: values.method }),
    })
  } catch (error) {
    // sign() throws TypeErrors for configuration mistakes: a key it cannot use, a scheme it cannot place
    throw new UsageError((error as Error).message)
  }
  io.stdout(values.json ? `${JSON.stringify(headers, null, 2)}\n` : Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`).join(''))
  return 0
}
