// An in-memory CliIo: captured stdout/stderr, a given stdin, files, environment and clock.
import type { CliIo } from '../../src/cli/io.js'
import { run } from '../../src/cli/commands.js'

export interface FakeOptions {
  stdin?: string | Uint8Array
  stdinIsTTY?: boolean
  files?: Record<string, string | Uint8Array>
  env?: Record<string, string>
  now?: number
  fetch?: typeof fetch
}

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v)

export function fakeIo(options: FakeOptions = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => bytes(options.stdin ?? ''),
    stdinIsTTY: options.stdinIsTTY ?? false,
    readFile: async (path) => {
      const file = options.files?.[path]
      if (file === undefined) throw new Error(`ENOENT: no such file, open '${path}'`)
      return bytes(file)
    },
    env: options.env ?? {},
    now: () => options.now ?? 1_700_000_000_000,
    fetch: options.fetch ?? (async () => { throw new Error('no network in this test') }),
  }
}

/** Runs one command line in-process. */
export async function cli(argv: readonly string[], options: FakeOptions = {}): Promise<Ran> {
  const io = fakeIo(options)
  const code = await run(argv, io)
  return { code, stdout: io.out.join(''), stderr: io.err.join('') }
}

/** `Name: value` lines as an object. */
export function headerLines(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]))
}
