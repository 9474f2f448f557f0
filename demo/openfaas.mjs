// A stand-in for an OpenFaaS function built from the node20/node22 template, small enough to read.
// It does what the template's index.js does with RAW_BODY=true: read the body into a Buffer,
// untouched (up to MAX_RAW_SIZE), build the `event` and `context` the template hands to
// handler.js, call `handler(event, context)` and send back what the handler returns.
// Shape of event/context: https://docs.openfaas.com/languages/node/ (node20/node22 templates).
// Written from that documented interface, not copied from the template.
import { createServer } from 'node:http'

/** The template's `context`: chainable status()/headers(), then succeed(value) or fail(error). */
class FunctionContext {
  #status = 200
  #headers = {}
  #done

  constructor(done) {
    this.#done = done
  }

  status(code) {
    if (code === undefined) return this.#status
    this.#status = code
    return this
  }

  headers(values) {
    if (values === undefined) return this.#headers
    this.#headers = values
    return this
  }

  succeed(value) {
    this.#done(undefined, value)
  }

  fail(error) {
    this.#done(error)
  }
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > limit) {
        reject(Object.assign(new Error('request entity too large'), { status: 413 }))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Starts `handler` as a function on 127.0.0.1 (a free port) and resolves to { url, close }.
 * `maxRawBytes` plays MAX_RAW_SIZE (the real template defaults to 100kb; hookseal to 1 MiB).
 */
export function startFunction(handler, { maxRawBytes = 1024 * 1024 } = {}) {
  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      if (res.headersSent) return
      res.writeHead(status, headers)
      res.end(body)
    }
    let body
    try {
      body = await readBody(req, maxRawBytes)
    } catch (error) {
      send(error.status ?? 400, { 'content-type': 'text/plain' }, error.message)
      return
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const event = {
      body, // a Buffer, exactly the bytes received (RAW_BODY=true)
      headers: req.headers,
      method: req.method,
      query: Object.fromEntries(url.searchParams),
      path: url.pathname,
    }
    let answered = false
    const context = new FunctionContext((error, value) => {
      answered = true
      if (error !== undefined) {
        send(500, { 'content-type': 'text/plain' }, String(error))
        return
      }
      const headers = { ...context.headers() }
      let text = value
      if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
        text = JSON.stringify(value)
        headers['content-type'] ??= 'application/json'
      }
      send(context.status(), headers, text === undefined ? '' : String(text))
    })
    try {
      const value = await handler(event, context)
      if (!answered) context.succeed(value)
    } catch (error) {
      context.fail(error)
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}
