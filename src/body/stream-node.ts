// Reads an unread Node request stream with raw-body, stopping at the limit (selected by the
// `node` condition of the package's `#stream` import). raw-body is loaded on first use, not at import:
// its dependency chain (http-errors → depd) reads process.env when loaded, which under Deno needs
// --allow-env, so a plain `import 'hookseal'` would fail in a Deno program without env access.
import { fail } from '../core/errors.js'
import { DEFAULT_BODY_TIMEOUT_MS, withDeadline } from './deadline.js'
import type { Readable } from 'node:stream'

export async function readStream(stream: unknown, maxBodyBytes: number, length: string | undefined, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<Uint8Array> {
  const readable = stream as Readable
  if (readable.destroyed && !readable.readableEnded) {
    fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request stream was destroyed before its body was read (the client went away, or a middleware destroyed it).')
  }
  const { default: getRawBody } = await import('raw-body')
  try {
    const reading = getRawBody(stream as Readable, { limit: maxBodyBytes, length: length && /^\d+$/.test(length) ? Number(length) : undefined })
    // On a stall, leave the stream as raw-body leaves it on any error (unpiped, paused): the caller
    // owns it and answers 408; raw-body's listeners go when the socket closes.
    return await withDeadline(reading, timeoutMs, () => {
      readable.unpipe()
      readable.pause()
    })
  } catch (error) {
    if (error instanceof Error && error.name === 'WebhookVerificationError') throw error
    const type = (error as { type?: string }).type
    if (type === 'entity.too.large') fail('ERR_WEBHOOK_BODY_TOO_LARGE', `The body is larger than maxBodyBytes (${maxBodyBytes}); raise maxBodyBytes if such deliveries are expected.`, error)
    if (type === 'stream.not.readable') fail('ERR_WEBHOOK_BODY_NOT_RAW', 'The request stream was already read by another middleware; capture the raw body (express.raw({ type: \'application/json\' })) or verify before any body parser runs.', error)
    fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request body could not be read (the client aborted or sent a wrong Content-Length).', error)
  }
}
