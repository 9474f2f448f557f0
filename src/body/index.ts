// Captures the exact bytes of a request once, whatever shape the platform hands over, with a size
// limit. Never decodes, never re-encodes: a string body is taken as the UTF-8 the platform decoded.
import { readStream } from '#stream'
import { fail } from '../core/errors.js'
import { fromBase64, isBytes, utf8 } from '../core/encoding.js'
import { toHeaderLookup, type HeaderLookup } from '../core/headers.js'
import { DEFAULT_BODY_TIMEOUT_MS, withDeadline } from './deadline.js'

export interface CapturedRequest {
  bytes: Uint8Array
  headers: HeaderLookup
  method: string | undefined
  url: string | undefined
}

const NOT_RAW =
  'The body was already parsed into an object, so its exact bytes are gone and no signature can be checked. ' +
  "Give hookseal the raw body: express.raw({ type: 'application/json' }) on this route (or the body-parser `verify` hook), " +
  'RAW_BODY: "true" in the OpenFaaS stack.yml environment, bodyParser: false in Next.js Pages API routes.'

type AnyRequest = Record<string, unknown>

function tooLarge(maxBodyBytes: number): never {
  fail('ERR_WEBHOOK_BODY_TOO_LARGE', `The body is larger than maxBodyBytes (${maxBodyBytes}); raise maxBodyBytes if such deliveries are expected.`)
}

function checkSize(bytes: Uint8Array, maxBodyBytes: number): Uint8Array {
  if (bytes.length > maxBodyBytes) tooLarge(maxBodyBytes)
  return bytes
}

/** A body a platform already holds in memory: bytes, a string, or (refused) a parsed object. */
function heldBody(body: unknown, base64: boolean, maxBodyBytes: number): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array(0)
  if (isBytes(body)) return checkSize(body, maxBodyBytes)
  if (body instanceof ArrayBuffer) return checkSize(new Uint8Array(body), maxBodyBytes)
  if (typeof body === 'string') {
    if (base64) {
      // base64 is 4/3 of the bytes: refuse before decoding something far too large
      if (body.length > Math.ceil(maxBodyBytes / 3) * 4 + 4) tooLarge(maxBodyBytes)
      const bytes = fromBase64(body.replace(/\s+/g, ''))
      if (bytes === undefined) fail('ERR_WEBHOOK_BODY_UNREADABLE', 'isBase64Encoded is set but the body is not valid base64.')
      return checkSize(bytes, maxBodyBytes)
    }
    // a UTF-8 string is at most 3 bytes per UTF-16 unit and at least 1
    if (body.length > maxBodyBytes) tooLarge(maxBodyBytes)
    return checkSize(utf8(body), maxBodyBytes)
  }
  fail('ERR_WEBHOOK_BODY_NOT_RAW', NOT_RAW)
}

async function readWebBody(request: Request, maxBodyBytes: number, timeoutMs: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    fail('ERR_WEBHOOK_BODY_NOT_RAW', 'The Request body was already read; verify before reading it, or pass request.clone().')
  }
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBodyBytes) tooLarge(maxBodyBytes)
  const stream = request.body
  if (stream === null) return new Uint8Array(0)
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  // A client that goes away may only abort the request's signal; stop reading then instead of hanging.
  const signal = (request as { signal?: AbortSignal }).signal
  const onAbort = () => void reader.cancel().catch(() => {})
  const aborted = () => signal?.aborted === true
  const deadline = Date.now() + timeoutMs
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      if (aborted()) fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request was aborted before its body was read.')
      const { done, value } = await withDeadline(reader.read(), deadline - Date.now(), () => void reader.cancel().catch(() => {}))
      if (aborted()) fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request was aborted before its body was read.')
      if (done) break
      total += value.length
      if (total > maxBodyBytes) {
        void reader.cancel().catch(() => {})
        tooLarge(maxBodyBytes)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'WebhookVerificationError') throw error
    fail('ERR_WEBHOOK_BODY_UNREADABLE', 'The request body could not be read (the client aborted or the stream failed).', error)
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

function isWebRequest(request: AnyRequest): request is AnyRequest & Request {
  return (
    typeof request.arrayBuffer === 'function' &&
    typeof request.clone === 'function' &&
    typeof (request.headers as { get?: unknown } | undefined)?.get === 'function'
  )
}

function isNodeStream(request: AnyRequest): boolean {
  return typeof request.on === 'function' && typeof request.pipe === 'function'
}

/**
 * The path and query an event object carries: Node and Web requests have `url`; Lambda HTTP API (v2)
 * and Function URLs `rawPath` + `rawQueryString`; API Gateway REST (v1) and the OpenFaaS node
 * templates `path` + a query object. Only used by schemes that read the query (Meta's handshake).
 */
function urlOf(request: AnyRequest): string | undefined {
  if (typeof request.url === 'string') return request.url
  if (typeof request.rawPath === 'string') {
    return typeof request.rawQueryString === 'string' && request.rawQueryString !== '' ? `${request.rawPath}?${request.rawQueryString}` : request.rawPath
  }
  if (typeof request.path !== 'string') return undefined
  const query = request.multiValueQueryStringParameters ?? request.queryStringParameters ?? request.query
  const params = new URLSearchParams()
  if (typeof query === 'object' && query !== null) {
    for (const [name, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') params.append(name, v)
    }
  }
  const text = params.toString()
  return text === '' ? request.path : `${request.path}?${text}`
}

function isEmptyPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0
}

function methodOf(request: AnyRequest): string | undefined {
  const ctx = request.requestContext as { http?: { method?: unknown } } | undefined
  const method = request.method ?? request.httpMethod ?? ctx?.http?.method
  return typeof method === 'string' ? method.toUpperCase() : undefined
}

/**
 * Reads the exact body bytes and the headers of any supported request shape. Synchronous when the
 * platform already holds the bytes (no Promise to wait for on the hot path); a promise when a stream
 * must be read. Throws or rejects only with WebhookVerificationError.
 */
export function captureRequest(request: unknown, maxBodyBytes: number, bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS): CapturedRequest | Promise<CapturedRequest> {
  if (typeof request !== 'object' || request === null) {
    fail('ERR_WEBHOOK_INVALID_REQUEST', 'verifyWebhook needs the incoming request: a Node request, a Web Request or an event object with headers and body.')
  }
  const req = request as AnyRequest
  if (isWebRequest(req)) {
    const headers = toHeaderLookup(req.headers)
    return readWebBody(req, maxBodyBytes, bodyTimeoutMs).then((bytes) => ({ bytes, headers, method: methodOf(req), url: req.url }))
  }
  const headers = toHeaderLookup(req.headers)
  const method = methodOf(req)
  const url = urlOf(req)
  // Google Cloud Functions and Firebase keep the bytes in rawBody next to a parsed body.
  if (req.rawBody !== undefined && req.rawBody !== null) {
    return { bytes: heldBody(req.rawBody, false, maxBodyBytes), headers, method, url }
  }
  if (isNodeStream(req)) {
    if (req.body !== undefined) {
      // express.raw() / text(), OpenFaaS RAW_BODY=true: the bytes are already here. Express 4
      // leaves {} when no parser matched; the stream is then still unread.
      const untouched = typeof req.body === 'object' && req.body !== null && !isBytes(req.body) && Object.keys(req.body).length === 0 && req.readableEnded !== true && (req as { complete?: boolean }).complete !== true
      if (!untouched) return { bytes: heldBody(req.body, false, maxBodyBytes), headers, method, url }
    }
    if (req.readableEnded === true) fail('ERR_WEBHOOK_BODY_NOT_RAW', NOT_RAW)
    const length = headers('content-length')
    return readStream(req, maxBodyBytes, length, bodyTimeoutMs).then((bytes) => ({ bytes, headers, method, url }))
  }
  if (!('body' in req) && !('headers' in req)) {
    fail('ERR_WEBHOOK_INVALID_REQUEST', 'verifyWebhook needs the incoming request: a Node request, a Web Request or an event object with headers and body.')
  }
  // The OpenFaaS node templates hand a bodiless GET over as `body: {}`: nothing was parsed there.
  const bodiless = (method === 'GET' || method === 'HEAD') && isEmptyPlainObject(req.body)
  return { bytes: bodiless ? new Uint8Array(0) : heldBody(req.body, req.isBase64Encoded === true, maxBodyBytes), headers, method, url }
}
