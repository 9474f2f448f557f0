// Shared by the body-capture tests: a GitHub-scheme signature computed with node:crypto (GitHub
// documents X-Hub-Signature-256 as `sha256=` + hex HMAC-SHA256 of the raw body:
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries), and a real
// HTTP server on 127.0.0.1 whose handler reports what verification did.
import { createHmac } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebhookVerificationError } from '../../src/index.js'

export const SECRET = 'body-capture-secret'

export function signature(body: string | Uint8Array, secret = SECRET): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
}

/** What a verification attempt came to. */
export type Outcome =
  | { ok: true; rawBody: Uint8Array }
  | { ok: false; code: string; status: number; message: string }

/** Runs a verification and turns the result into an Outcome; anything but our error is rethrown. */
export async function outcomeOf(run: () => Promise<{ rawBody: Uint8Array }>): Promise<Outcome> {
  try {
    const event = await run()
    if (!(event.rawBody instanceof Uint8Array)) throw new Error('rawBody is not a Uint8Array')
    // a plain Uint8Array over the same bytes (rawBody may be a Buffer, which is one), so that
    // toEqual compares bytes rather than classes
    return { ok: true, rawBody: new Uint8Array(event.rawBody.buffer, event.rawBody.byteOffset, event.rawBody.byteLength) }
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, code: error.code, status: error.status, message: error.message }
    throw error
  }
}

export interface TestServer {
  port: number
  /** The outcome of the next request the server handles. */
  next(): Promise<Outcome>
  close(): Promise<void>
}

/**
 * A server whose handler runs `handle(req)` (usually verifyWebhook) and records the outcome, or the
 * unexpected error, then answers with the status. Only ever bound to 127.0.0.1.
 */
export async function startServer(handle: (req: IncomingMessage) => Promise<{ rawBody: Uint8Array }>): Promise<TestServer> {
  const waiting: ((o: Outcome | Error) => void)[] = []
  const ready: (Outcome | Error)[] = []
  const deliver = (o: Outcome | Error) => {
    const w = waiting.shift()
    if (w) w(o)
    else ready.push(o)
  }
  const server: Server = createServer((req, res) => {
    outcomeOf(() => handle(req)).then(
      (o) => {
        deliver(o)
        res.writeHead(o.ok ? 204 : o.status, { connection: 'close' }).end()
      },
      (error: unknown) => {
        deliver(error instanceof Error ? error : new Error(String(error)))
        res.writeHead(500, { connection: 'close' }).end()
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    async next() {
      const o = ready.shift() ?? (await new Promise<Outcome | Error>((resolve) => waiting.push(resolve)))
      if (o instanceof Error) throw o
      return o
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export interface SendOptions {
  headers: Record<string, string | number>
  /** Written one after another. */
  chunks: (string | Uint8Array)[]
  /** false: leave the request open after the chunks (the server must not wait for the end). */
  end?: boolean
  /** Destroy the socket after the chunks: a client that aborts mid-body. */
  abort?: boolean
}

/**
 * Sends a POST to 127.0.0.1 and ignores whatever happens to the client side afterwards (the server
 * may answer 413 and close while we are still writing): the assertions are on the server's outcome.
 */
export function send(port: number, options: SendOptions): void {
  const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers: options.headers, agent: false })
  req.on('error', () => {})
  req.on('response', (res) => res.resume())
  const chunks = [...options.chunks]
  const writeNext = () => {
    const chunk = chunks.shift()
    if (chunk === undefined) {
      if (options.abort) req.destroy()
      else if (options.end !== false) req.end()
      return
    }
    req.write(chunk, () => setTimeout(writeNext, 1))
  }
  req.flushHeaders()
  writeNext()
}
