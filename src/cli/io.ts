// What a command touches outside itself, injected so that every command runs in-process in tests:
// output streams, stdin, files, environment, clock and fetch. `nodeIo()` is the real one.
import { readFile } from 'node:fs/promises'

export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void
  /** Writes to standard error. */
  stderr(text: string): void
  /** The whole of standard input, as bytes (never decoded). */
  readStdin(): Promise<Uint8Array>
  /** Whether standard input is a terminal (then `send` without --data sends an empty body). */
  stdinIsTTY: boolean
  /** A file's bytes. */
  readFile(path: string): Promise<Uint8Array>
  /** Environment variables (HOOKSEAL_SECRET). */
  env: Readonly<Record<string, string | undefined>>
  /** Current time in ms since the epoch. */
  now(): number
  /** The fetch used by `send`. */
  fetch: typeof fetch
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array))
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/** The process's own streams, files, environment and clock. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readAll(process.stdin),
    stdinIsTTY: process.stdin.isTTY === true,
    readFile: async (path) => new Uint8Array(await readFile(path)),
    env: process.env,
    now: Date.now,
    fetch: globalThis.fetch,
  }
}
