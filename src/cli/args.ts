// Argument helpers shared by the commands: node:util parseArgs with usage errors (exit 2),
// `Name: value` headers, and secrets from a flag, a file or the environment.
import type { ParseArgsConfig } from 'node:util'
import type { CliIo } from './io.js'

/** A mistake in the command line: the command prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** The environment variable a secret is read from when neither --secret nor --secret-file is given. */
export const SECRET_ENV = 'HOOKSEAL_SECRET'

export const SECRET_OPTIONS = {
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
} as const satisfies ParseArgsConfig['options']

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsConfig['options']

/**
 * Runs a node:util parseArgs call and turns its errors (unknown option, missing value) into
 * UsageErrors. Takes the call rather than the config so that no node:util type shows in our
 * declarations (tsup's d.ts build cannot name them).
 */
export function parsing<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

// RFC 9110 §5.6.2: a field name is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** `Name: value` lines as a header object; a name given twice keeps both values, in order. */
export function parseHeaders(lines: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const line of lines) {
    const at = line.indexOf(':')
    const name = at < 0 ? '' : line.slice(0, at).trim()
    if (!TOKEN.test(name)) throw new UsageError(`--header expects 'Name: value', got ${JSON.stringify(line.slice(0, 80))}.`)
    // HTTP strips optional whitespace (spaces, tabs) around a value; nothing else.
    const value = line.slice(at + 1).replace(/^[ \t]+|[ \t]+$/g, '')
    const key = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name
    const prev = out[key]
    out[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]
  }
  return out
}

/** Where the secret came from, for messages (never the secret itself). */
export type SecretSource = '--secret' | '--secret-file' | typeof SECRET_ENV

/**
 * The secret from --secret, else --secret-file (its trailing line ending removed, as `$(cat F)`
 * would: editors and `echo` add one), else $HOOKSEAL_SECRET. Giving two of them is a usage error.
 */
export async function readSecret(values: { secret?: string | undefined; 'secret-file'?: string | undefined }, io: CliIo): Promise<{ secret: string; source: SecretSource }> {
  if (values.secret !== undefined && values['secret-file'] !== undefined) throw new UsageError('Give either --secret or --secret-file, not both.')
  if (values.secret !== undefined) {
    if (values.secret === '') throw new UsageError('--secret is empty.')
    return { secret: values.secret, source: '--secret' }
  }
  const file = values['secret-file']
  if (file !== undefined) {
    let bytes: Uint8Array
    try {
      bytes = await io.readFile(file)
    } catch (error) {
      throw new UsageError(`Cannot read --secret-file ${file}: ${(error as Error).message}`)
    }
    const secret = new TextDecoder().decode(bytes).replace(/(\r?\n)+$/, '')
    if (secret === '') throw new UsageError(`--secret-file ${file} is empty.`)
    return { secret, source: '--secret-file' }
  }
  const env = io.env[SECRET_ENV]
  if (env !== undefined && env !== '') return { secret: env, source: SECRET_ENV }
  throw new UsageError(`No secret: pass --secret S, --secret-file F, or set ${SECRET_ENV} (the last two keep it out of your shell history).`)
}

/** A whole number of Unix seconds. */
export function parseSeconds(text: string, flag: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new UsageError(`${flag} is Unix time in whole seconds, e.g. ${flag} 1700000000; got ${JSON.stringify(text)}.`)
  return Number(text)
}

/** An absolute http(s) URL. */
export function parseUrl(text: string, flag: string): string {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new UsageError(`${flag} must be an absolute http(s) URL; got ${JSON.stringify(text)}.`)
  return text
}
