// hookseal send against a server on 127.0.0.1: the request it makes verifies with the preset (and,
// for GitHub, with @octokit/webhooks-methods), the response status and body are printed, and a
// refused request exits 1.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWebhook } from '../../src/core/verify.js'
import { cli } from './helpers.js'

interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

let server: Server
let base: string
const received: Received[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) })
      const status = req.url === '/refuse' ? 401 : 200
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'accepted' : 'ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const last = () => received[received.length - 1]!

describe('hookseal send', () => {
  it('POSTs the body from --data @file signed for github; octokit verifies it; prints status and body', async () => {
    const body = '{"zen":"Design for failure. 😀"}\r\n'
    const r = await cli(['send', `${base}/hook`, '--preset', 'github', '--secret', 's3cret', '--data', '@event.json', '--header', 'X-GitHub-Event: push'], {
      files: { 'event.json': body },
      fetch: globalThis.fetch,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('200 OK\naccepted\n')
    const got = last()
    expect(got.method).toBe('POST')
    expect(got.body.toString('utf8')).toBe(body)
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers['x-github-event']).toBe('push')
    expect(await octokitVerify('s3cret', got.body.toString('utf8'), String(got.headers['x-hub-signature-256']))).toBe(true)
  })

  it('reads stdin with --data -, and what it sends verifies for a timestamped preset at --timestamp', async () => {
    const r = await cli(['send', `${base}/stripe`, '--preset', 'stripe', '--secret', 'whsec_x', '--data', '-', '--timestamp', '1700000000'], {
      stdin: 'not json',
      fetch: globalThis.fetch,
    })
    expect(r.code).toBe(0)
    const got = last()
    expect(got.headers['content-type']).toBe('application/octet-stream')
    const event = await verifyWebhook({ headers: got.headers, body: got.body }, 'stripe', 'whsec_x', { now: 1_700_000_000_000 })
    expect(event.timestamp?.getTime()).toBe(1_700_000_000_000)
  })

  it('signs the URL it sends to for presets that sign it (square)', async () => {
    const url = `${base}/square?x=1`
    const r = await cli(['send', url, '--preset', 'square', '--secret', 'k', '--data', '{"a":1}'], { fetch: globalThis.fetch })
    expect(r.code).toBe(0)
    const got = last()
    await expect(verifyWebhook({ headers: got.headers, body: got.body }, 'square', 'k', { url })).resolves.toMatchObject({ provider: 'square' })
  })

  it('with a terminal on stdin and no --data, sends an empty body; -v shows the request headers on stderr', async () => {
    const r = await cli(['send', `${base}/empty`, '--preset', 'github', '--secret', 's', '-v'], { stdinIsTTY: true, fetch: globalThis.fetch })
    expect(r.code).toBe(0)
    expect(last().body.length).toBe(0)
    expect(r.stderr).toMatch(/^> POST /)
    expect(r.stderr.toLowerCase()).toContain('x-hub-signature-256: sha256=')
  })

  it('a non-2xx response exits 1 and still prints status and body', async () => {
    const r = await cli(['send', `${base}/refuse`, '--preset', 'github', '--secret', 's', '--data', 'x'], { fetch: globalThis.fetch })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('401 Unauthorized\nERR_WEBHOOK_SIGNATURE_MISMATCH\n')
  })

  it('a connection failure exits 1 with the reason on stderr', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const r = await cli(['send', `http://127.0.0.1:${port}/`, '--preset', 'github', '--secret', 's', '--data', 'x'], { fetch: globalThis.fetch })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`http://127.0.0.1:${port}/`)
  })

  it.each([
    ['no URL', ['send', '--preset', 'github', '--secret', 's']],
    ['no --preset', ['send', 'http://127.0.0.1:1/', '--secret', 's']],
    ['a URL that is not http(s)', ['send', 'ftp://127.0.0.1/', '--preset', 'github', '--secret', 's']],
    ['an unreadable --data file', ['send', 'http://127.0.0.1:1/', '--preset', 'github', '--secret', 's', '--data', '@nope.json']],
    ['a bad --header', ['send', 'http://127.0.0.1:1/', '--preset', 'github', '--secret', 's', '--header', 'nocolon']],
  ])('%s is a usage error', async (_, argv) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('hookseal send')
  })
})
