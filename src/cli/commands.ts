// The hookseal command line: `run(argv, io)` dispatches to a command and resolves its exit code
// (0 ok, 1 verification failed or the request was refused, 2 usage). Everything it touches comes
// through `io`, so tests run it in-process.
import { SECRET_ENV, UsageError } from './args.js'
import type { CliIo } from './io.js'
import { presetsCommand } from './presets.js'
import { sendCommand } from './send.js'
import { signCommand } from './sign.js'
import { verifyCommand } from './verify.js'

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export const MAIN_HELP = `Usage: hookseal <command> [options]

Commands:
  sign <preset>      print the headers a provider would send with the body on stdin
  send <url>         POST a signed request (as faas-cli invoke --sign does) and print the response
  verify <preset>    verify a delivery; on failure, say which step failed and the likely cause
  presets [<id>]     the built-in presets

Run 'hookseal <command> --help' for a command's options.

Secrets: --secret S, --secret-file F, or $${SECRET_ENV} (the last two keep them out of shell history).
Exit codes: 0 ok; 1 verification failed (or send got a non-2xx response); 2 usage error.
`

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  sign: signCommand,
  send: sendCommand,
  verify: verifyCommand,
  presets: presetsCommand,
}

/** Runs one command line (without the `node` and script arguments) and resolves the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ;(name === undefined ? io.stderr : io.stdout)(MAIN_HELP)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`)
    return EXIT.ok
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (command === undefined) {
    io.stderr(`hookseal: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.\nRun 'hookseal --help'.\n`)
    return EXIT.usage
  }
  try {
    return await command(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`hookseal ${name}: ${error.message}\nRun 'hookseal ${name} --help'.\n`)
      return EXIT.usage
    }
    throw error
  }
}

/** Kept in step with package.json by the CHANGELOG release routine. */
export const VERSION = '0.1.0'
