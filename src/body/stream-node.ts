// Reads an unread Node request stream (selected by the `node` condition of the package's `#stream`
// import; Bun and Deno apply it too). Node's own stream events, no dependency: raw-body collects every
// chunk and concatenates them at the end, so it holds the body twice. Here, with a Content-Length
// (what webhook senders send), the body goes into one buffer of that size as it arrives, so memory
// peaks at the body plus one chunk; a body that arrives as one chunk is that chunk, not copied. Without
// a length (chunked), the chunks are collected and joined once, as the limit is counted.
//
// One promise and one timer per read, every listener removed on every way out, and on any failure the
// stream is left as raw-body left it (unpiped, paused; never destroyed): the caller owns it and answers.
import type { Readable } from 'node:stream'
import { fail, WebhookVerificationError } from '../core/errors.js'
import { DEFAULT_BODY_TIMEOUT_MS, MAX_TIMER, timedOut } from './deadline.js'

const { Buffer } = process.getBuiltinModule('node:buffer')

const DECIMAL = /^\d+$/

type Fail = () => never

const unreadable = (cause?: unknown): never =>
  fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request body could not be read (the client aborted or the stream failed).', cause)
const destroyed: Fail = () =>
  fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request stream was destroyed before its body was read (the client went away, or a middleware destroyed it).')
const alreadyRead: Fail = () =>
  fail('ERR_WEBHOOK_BODY_NOT_RAW', "The request stream was already read by another middleware; capture the raw body (express.raw({ type: 'application/json' })) or verify before any body parser runs.")
const decoded: Fail = () =>
  fail('ERR_WEBHOOK_BODY_NOT_RAW', 'The request stream was set to decode text (setEncoding), so its exact bytes are gone; verify before anything calls setEncoding on the request.')
const wrongLength: Fail = () =>
  fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request body did not match its Content-Length (the client sent more or fewer bytes than it declared).')
const notBytes: Fail = () =>
  fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request stream yielded something other than bytes or text (an object-mode stream of objects); pass the raw body bytes instead.')
const tooLarge = (maxBodyBytes: number): never =>
  fail('ERR_WEBHOOK_BODY_TOO_LARGE', `The body is larger than maxBodyBytes (${maxBodyBytes}); raise maxBodyBytes if such deliveries are expected.`)

/** The error a `fail` helper throws, as a value to reject with. */
function errorOf(thrower: () => never): unknown {
  try {
    thrower()
  } catch (error) {
    return error
  }
}

interface ReadableState {
  encoding?: unknown
  decoder?: unknown
}

/**
 * Reads the whole body of an unread Node stream: the exact bytes (a Buffer), at most `maxBodyBytes`,
 * within `timeoutMs`. `length` is the request's Content-Length header, if any. Rejects only with
 * WebhookVerificationError: BODY_TOO_LARGE (declared or counted over the limit), BODY_UNREADABLE
 * (client abort, stream error or destroyed, bytes not matching Content-Length), BODY_NOT_RAW (already
 * read, or decoded by setEncoding), BODY_TIMEOUT (stalled: the stream is left unpiped and paused).
 * In an object-mode stream, Uint8Array chunks are bytes and string chunks their UTF-8 (as a
 * non-object-mode stream converts pushed strings); any other chunk is BODY_UNREADABLE.
 */
export function readStream(stream: unknown, maxBodyBytes: number, length: string | undefined, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<Uint8Array> {
  const readable = stream as Readable
  let declared: number
  try {
    if (readable.destroyed && !readable.readableEnded) destroyed()
    if (readable.readableEnded || readable.readable === false) alreadyRead()
    const state = (readable as { _readableState?: ReadableState })._readableState
    if (state !== undefined && (state.encoding || state.decoder)) decoded()
    declared = length !== undefined && DECIMAL.test(length) ? Number(length) : -1
    if (declared > maxBodyBytes) {
      halt(readable)
      tooLarge(maxBodyBytes)
    }
  } catch (error) {
    // ours, or a getter of an object that only looks like a stream threw
    return Promise.reject(error instanceof WebhookVerificationError ? error : errorOf(() => unreadable(error)))
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    let received = 0
    // Content-Length: the one chunk that was the whole body, or the buffer the chunks are copied into.
    let whole: Uint8Array | undefined
    let target: Buffer | undefined
    // No Content-Length: the chunks so far.
    const chunks: Uint8Array[] = []
    let timer: ReturnType<typeof setTimeout> | undefined

    const cleanup = () => {
      if (timer !== undefined) clearTimeout(timer)
      try {
        for (const [event, listener] of listeners) readable.removeListener(event, listener)
      } catch {
        // an object that only looks like a stream: nothing of ours to leave behind on it
      }
    }
    const stop = (thrower: () => never) => {
      cleanup()
      halt(readable)
      reject(errorOf(thrower))
    }
    function onData(chunk: unknown): void {
      let bytes: Uint8Array
      if (chunk instanceof Uint8Array) bytes = chunk
      else if (typeof chunk === 'string') bytes = Buffer.from(chunk, 'utf8')
      else return stop(notBytes)
      const at = received
      received += bytes.length
      if (received > maxBodyBytes) return stop(() => tooLarge(maxBodyBytes))
      if (declared < 0) {
        chunks.push(bytes)
        return
      }
      if (received > declared) return stop(wrongLength)
      if (target === undefined) {
        if (at === 0 && received === declared) {
          whole = bytes
          return
        }
        // The first chunk of several (whole is never set then: any byte after it is over the length).
        // Allocated when the first byte arrives, not before: headers alone reserve nothing.
        target = Buffer.allocUnsafeSlow(declared)
      }
      target.set(bytes, at)
    }
    function onEnd(): void {
      cleanup()
      if (declared >= 0) {
        if (received !== declared) return reject(errorOf(wrongLength))
        return resolve(whole ?? target ?? Buffer.alloc(0))
      }
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received))
    }
    function onError(error: unknown): void {
      stop(() => unreadable(error))
    }
    // 'close' before 'end': destroyed without an error (Node's IncomingMessage also emits 'aborted').
    function onClose(): void {
      stop(destroyed)
    }
    // One list for adding and removing, so every listener added is removed on every way out.
    const listeners: readonly (readonly [string, (arg: unknown) => void])[] = [
      ['data', onData],
      ['end', onEnd],
      ['error', onError],
      ['close', onClose],
      ['aborted', onClose],
    ]

    try {
      for (const [event, listener] of listeners) readable.on(event, listener)
      if (timeoutMs <= MAX_TIMER) {
        timer = setTimeout(() => stop(() => timedOut(timeoutMs)), timeoutMs)
        ;(timer as { unref?: () => void }).unref?.()
      }
      // A stream someone paused does not flow on its own when a 'data' listener is added.
      if (typeof readable.resume === 'function') readable.resume()
    } catch (error) {
      // an object that only looks like a stream
      stop(() => unreadable(error))
    }
  })
}

/** Leaves the stream for the caller: unpiped and paused, not destroyed (as raw-body did on any error). */
function halt(readable: Readable): void {
  try {
    if (typeof readable.unpipe === 'function') readable.unpipe()
    if (typeof readable.pause === 'function') readable.pause()
  } catch {
    // a broken stream object must not hide the reason we stopped
  }
}
