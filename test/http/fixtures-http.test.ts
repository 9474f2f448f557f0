// Every recorded fixture sent over real HTTP to a Node server on 127.0.0.1 whose handler gives
// the unread IncomingMessage to verifyWebhook and answers with the outcome. Each fixture goes
// twice: with fetch, and with node:http (which keeps header-name case on the wire), its header
// names in varied case both times.
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyWebhook, WebhookVerificationError } from '../../src/index.js'
import { hasBody, jsonOf, loadFixtures, methodOf, STATUS, type Fixture } from '../providers/load-fixtures.js'

const fixtures = loadFixtures()
const byPath = new Map(fixtures.map((f) => [`/${f.preset}/${f.name}`, f]))

interface Reply {
  status: number
  code?: string
  kind?: string
  id?: string
  provider?: string
  responseBody?: string
  rawBodyBase64?: string
  payload?: unknown
  headerNames: string[]
}

async function handle(req: IncomingMessage): Promise<Omit<Reply, 'headerNames'>> {
  const f = byPath.get(req.url ?? '')
  if (f === undefined) return { status: 404 }
  try {
    const result = await verifyWebhook(req, f.preset, f.secret, { ...f.options, now: f.now })
    return {
      status: 200,
      kind: result.kind,
      id: result.id,
      provider: result.provider,
      responseBody: result.response?.body,
      rawBodyBase64: Buffer.from(result.rawBody).toString('base64'),
      payload: result.payload,
    }
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { status: error.status, code: error.code }
    return { status: 500, code: String(error) }
  }
}

let server: Server
let origin: string

beforeAll(async () => {
  server = createServer((req, res) => {
    void handle(req).then((reply) => {
      // the header names as they arrived on the wire, to show the casing really varied
      const headerNames = req.rawHeaders.filter((_, i) => i % 2 === 0)
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ...reply, headerNames }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
})

/** Header names in one of three casings, chosen per header so a request mixes them. */
function varyCase(headers: Record<string, string>, seed: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value], i) => {
      const mode = (seed + i) % 3
      const varied =
        mode === 0 ? name.toLowerCase() : mode === 1 ? name.toUpperCase() : [...name].map((c, j) => (j % 2 ? c.toLowerCase() : c.toUpperCase())).join('')
      return [varied, value]
    }),
  )
}

async function sendWithFetch(f: Fixture, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${origin}/${f.preset}/${f.name}`, { method: methodOf(f), headers, body: hasBody(f) ? new Uint8Array(f.bytes) : null })
  return { ...((await res.json()) as Reply), status: res.status }
}

function sendWithNodeHttp(f: Fixture, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const length = hasBody(f) ? { 'CONTENT-length': String(f.bytes.length) } : {}
    const req = request(`${origin}/${f.preset}/${f.name}`, { method: methodOf(f), headers: { ...headers, ...length } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply), status: res.statusCode ?? 0 }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(hasBody(f) ? f.bytes : undefined)
  })
}

function expectReply(f: Fixture, reply: Reply): void {
  if (f.expect === 'ok') {
    expect(reply.code).toBeUndefined()
    expect(reply.status).toBe(200)
    expect(reply.provider).toBe(f.preset)
    expect(reply.rawBodyBase64).toBe(f.bytes.toString('base64'))
    expect(reply.kind).toBe(f.expectKind ?? 'event')
    if (f.expectId !== undefined) expect(reply.id).toBe(f.expectId)
    expect(reply.responseBody).toBe(f.expectResponseBody)
    expect(reply.payload).toEqual(jsonOf(f))
  } else {
    expect({ code: reply.code, status: reply.status }).toEqual({ code: f.expect, status: STATUS[f.expect] })
  }
}

describe.each(fixtures.map((f, i) => [`${f.preset}/${f.name} → ${f.expect}`, f, i] as const))('%s', (_, f, i) => {
  test('fetch', async () => {
    expectReply(f, await sendWithFetch(f, varyCase(f.headers, i)))
  })

  test('node:http, header-name case kept on the wire', async () => {
    const headers = varyCase(f.headers, i + 1)
    const reply = await sendWithNodeHttp(f, headers)
    expectReply(f, reply)
    for (const name of Object.keys(headers)) expect(reply.headerNames).toContain(name)
  })
})
