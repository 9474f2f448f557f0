// The Lambda adapter. There is no Lambda runtime to run here, so: (1) the shared suite over real HTTP
// through a 127.0.0.1 bridge that turns each request into a Function URL event (payload format 2.0,
// body base64-encoded as Function URLs do for non-text content), and (2) direct invocations with
// events shaped as AWS documents them for REST APIs (1.0) and HTTP APIs (2.0):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { withWebhook, type LambdaHttpEvent, type LambdaHttpResult } from '../../src/adapters/lambda.js'
import { adapterSuite, AWKWARD_BODY, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, slackChallenge, SLACK_SECRET } from './helpers.js'

const reply = async (webhook: Parameters<typeof eventReply>[0]): Promise<LambdaHttpResult> => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(eventReply(webhook)) })
const handlers: Record<string, (event: LambdaHttpEvent, context: unknown) => Promise<LambdaHttpResult>> = {
  '/github': withWebhook('github', GITHUB_SECRET, reply, { maxBodyBytes: MAX_BODY_BYTES }),
  '/slack': withWebhook('slack', SLACK_SECRET, reply),
}

async function functionUrlEvent(req: IncomingMessage): Promise<LambdaHttpEvent & Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const [rawPath, rawQueryString = ''] = (req.url ?? '/').split('?')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: { http: { method: req.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' } },
    body: Buffer.concat(chunks).toString('base64'),
    isBase64Encoded: true,
  }
}

let server: Server
let origin = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    void functionUrlEvent(req)
      .then((event) => handlers[event.rawPath as string]!(event, {}))
      .then((result) => res.writeHead(result.statusCode, result.headers).end(result.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

adapterSuite((route) => `${origin}/${route}`)

const text = '{"action":"opened","emoji":"🎉"}'

test('REST API (payload 1.0) event with a text body', async () => {
  const d = github(text)
  const event = {
    resource: '/webhook',
    path: '/webhook',
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': d.headers['x-hub-signature-256'], 'X-GitHub-Delivery': 'abc' },
    multiValueHeaders: { 'Content-Type': ['application/json'], 'X-Hub-Signature-256': [d.headers['x-hub-signature-256']], 'X-GitHub-Delivery': ['abc'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: { httpMethod: 'POST', path: '/prod/webhook', stage: 'prod' },
    body: text,
    isBase64Encoded: false,
  }
  const result = await handlers['/github']!(event, {})
  expect(result.statusCode).toBe(200)
  expect(JSON.parse(result.body!)).toMatchObject({ handler: true, id: 'abc', rawBody: Buffer.from(text).toString('base64') })
})

test('HTTP API (payload 2.0) event with a base64 binary body, and one byte changed', async () => {
  const d = github(AWKWARD_BODY)
  const event = { version: '2.0', rawPath: '/webhook', rawQueryString: '', headers: d.headers, requestContext: { http: { method: 'POST' } }, body: Buffer.from(d.body).toString('base64'), isBase64Encoded: true }
  expect((await handlers['/github']!(event, {})).statusCode).toBe(200)
  const tampered = Buffer.from(d.body)
  tampered[0]! ^= 1
  const bad = await handlers['/github']!({ ...event, body: tampered.toString('base64') }, {})
  expect(bad.statusCode).toBe(401)
  expect(JSON.parse(bad.body!)).toEqual({ error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
})

test('the base64 text taken as the body (isBase64Encoded ignored) would fail: the flag is honoured', async () => {
  const d = github(text)
  const event = { headers: d.headers, body: Buffer.from(text).toString('base64'), isBase64Encoded: false }
  expect((await handlers['/github']!(event, {})).statusCode).toBe(401)
})

test('a handshake event returns the provider reply in the Lambda result shape', async () => {
  const d = slackChallenge('lambda-challenge')
  const result = await handlers['/slack']!({ headers: d.headers, body: Buffer.from(d.body).toString(), isBase64Encoded: false }, {})
  expect(result).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge":"lambda-challenge"}' })
})

test('a body that is not valid base64 while isBase64Encoded is set: 400 ERR_WEBHOOK_BODY_UNREADABLE', async () => {
  const d = github(text)
  const result = await handlers['/github']!({ headers: d.headers, body: '*not base64*', isBase64Encoded: true }, {})
  expect(result.statusCode).toBe(400)
  expect(JSON.parse(result.body!)).toEqual({ error: 'ERR_WEBHOOK_BODY_UNREADABLE' })
})

test('configuration mistakes throw a TypeError when the handler is created', () => {
  expect(() => withWebhook('no-such-preset', 'x', reply)).toThrow(TypeError)
})
