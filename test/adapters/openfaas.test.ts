// The OpenFaaS adapter inside a stand-in for the node22 template, run on real Express 4 over
// 127.0.0.1. The stand-in follows the template's documented contract (https://docs.openfaas.com/languages/node/):
// with RAW_BODY=true the body is a Buffer (body-parser raw, limit MAX_RAW_SIZE), otherwise JSON and
// forms are parsed; the handler gets event {body, headers, method, query, path} and a context with
// status(), headers(), succeed(), fail(); objects are sent as JSON, strings as they are.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express4'
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest'
import { readSecret, withWebhook, type FunctionContext, type FunctionEvent } from '../../src/adapters/openfaas.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, post, SLACK_SECRET } from './helpers.js'

type Handler = (event: FunctionEvent, context: FunctionContext) => unknown

function template(handler: Handler, rawBody: boolean): express.Express {
  const app = express()
  if (rawBody) app.use(express.raw({ type: '*/*', limit: '100kb' }))
  else app.use(express.json(), express.urlencoded({ extended: true }), express.text({ type: 'text/*' }))
  app.all('*', (req, res) => {
    let status = 200
    let headers: Record<string, string> = {}
    let done = false
    const send = (value: unknown) => {
      done = true
      res.set(headers).status(status).send(value)
    }
    const context: FunctionContext & { fail(value: unknown): void } = {
      status(code: number) {
        status = code
        return context
      },
      headers(values: Record<string, string>) {
        headers = values
        return context
      },
      succeed: send,
      fail(value: unknown) {
        status = status === 200 ? 500 : status
        send(String(value))
      },
    }
    const event: FunctionEvent = { body: req.body, headers: req.headers, method: req.method, query: req.query, path: req.path }
    Promise.resolve(handler(event, context)).then(
      (value) => {
        if (!done) send(value)
      },
      (error: unknown) => context.fail(error),
    )
  })
  return app
}

const route = (provider: string, secret: string, maxBodyBytes?: number): Handler =>
  withWebhook(provider, secret, (webhook, _event, context) => context.status(200).succeed(eventReply(webhook)), { maxBodyBytes, onError: () => {} })

const servers: Server[] = []
async function start(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

let raw = { github: '', slack: '' }
let parsed = ''
beforeAll(async () => {
  raw = { github: await start(template(route('github', GITHUB_SECRET, MAX_BODY_BYTES), true)), slack: await start(template(route('slack', SLACK_SECRET), true)) }
  parsed = await start(template(route('github', GITHUB_SECRET), false))
})
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))))

test.describe('RAW_BODY=true', () => adapterSuite((r) => raw[r]))

test('without RAW_BODY the template parses JSON: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
  const res = await post(parsed, github('{"action":"opened"}'))
  expect(res.status).toBe(400)
  expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
})

test('the BODY_NOT_RAW error names RAW_BODY and MAX_RAW_SIZE (logged once by default)', async () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const handler = withWebhook('github', GITHUB_SECRET, () => 'unreachable')
    const d = github('{"a":1}')
    const context = { status: () => context, headers: () => context, succeed: () => undefined }
    await handler({ body: { a: 1 }, headers: d.headers, method: 'POST' }, context)
    await handler({ body: { a: 1 }, headers: d.headers, method: 'POST' }, context)
    expect(log).toHaveBeenCalledTimes(1)
    // the fix is named: which settings (not asserting wording, only that both names appear)
    expect(String(log.mock.calls[0]![0])).toContain('RAW_BODY')
    expect(String(log.mock.calls[0]![0])).toContain('MAX_RAW_SIZE')
  } finally {
    log.mockRestore()
  }
})

test('a bodiless GET (RAW_BODY leaves {}) is verified as an empty body', async () => {
  const d = github('')
  const res = await fetch(raw.github, { headers: { 'x-hub-signature-256': d.headers['x-hub-signature-256']! } })
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ handler: true, rawBody: '' })
})

// readSecret
const dirs: string[] = []
const cwd = process.cwd()
afterEach(() => {
  process.chdir(cwd)
  vi.unstubAllEnvs()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hookseal-openfaas-'))
  dirs.push(d)
  return d
}

test('readSecret reads $secret_mount_path/<name>, trimmed, and caches it', () => {
  const mount = tempDir()
  writeFileSync(join(mount, 'github-secret'), '  s3cret-value\n')
  vi.stubEnv('secret_mount_path', mount)
  expect(readSecret('github-secret')).toBe('s3cret-value')
  writeFileSync(join(mount, 'github-secret'), 'changed\n')
  expect(readSecret('github-secret')).toBe('s3cret-value')
})

test('readSecret falls back to .secrets/<name> in the working directory', () => {
  const work = tempDir()
  mkdirSync(join(work, '.secrets'))
  writeFileSync(join(work, '.secrets', 'local-secret'), 'from-dot-secrets\n')
  vi.stubEnv('secret_mount_path', join(work, 'no-such-mount'))
  process.chdir(work)
  expect(readSecret('local-secret')).toBe('from-dot-secrets')
})

test('readSecret: a missing or empty secret, or a name with a path in it, is a TypeError', () => {
  const mount = tempDir()
  vi.stubEnv('secret_mount_path', mount)
  process.chdir(mount)
  expect(() => readSecret('missing-secret')).toThrow(TypeError)
  writeFileSync(join(mount, 'blank'), ' \n')
  expect(() => readSecret('blank')).toThrow(TypeError)
  expect(() => readSecret('../etc/passwd')).toThrow(TypeError)
  expect(() => readSecret('')).toThrow(TypeError)
})

test('a missing secret names the paths it tried', () => {
  const mount = tempDir()
  vi.stubEnv('secret_mount_path', mount)
  process.chdir(mount)
  expect(() => readSecret('nowhere')).toThrow(join(mount, 'nowhere'))
})

test('configuration mistakes throw a TypeError when the handler module loads', () => {
  expect(() => withWebhook('no-such-preset', 'x', () => {})).toThrow(TypeError)
})
