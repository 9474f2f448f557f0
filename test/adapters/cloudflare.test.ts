// The Cloudflare Workers adapter: (1) from source, the wrapped fetch handler served over 127.0.0.1
// by @hono/node-server (real Web Requests); (2) the BUILT adapter (dist/) bundled with Worker
// conditions (so '#crypto' is the Web Crypto backend) and run in workerd through miniflare 3,
// secrets as env bindings, the same suite sent over HTTP to miniflare's 127.0.0.1 server.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { withWebhook } from '../../src/adapters/cloudflare.js'
import { adapterSuite, eventReply, github, GITHUB_SECRET, MAX_BODY_BYTES, SLACK_SECRET } from './helpers.js'

interface Env {
  GITHUB_SECRET: string
  SLACK_SECRET: string
}
const json = (webhook: Parameters<typeof eventReply>[0]) => Response.json(eventReply(webhook))
const routes: Record<string, (request: Request, env: Env, ctx: unknown) => Promise<Response>> = {
  '/github': withWebhook('github', (env: Env) => env.GITHUB_SECRET, json, { maxBodyBytes: MAX_BODY_BYTES }),
  '/slack': withWebhook('slack', SLACK_SECRET, json),
}
const env: Env = { GITHUB_SECRET, SLACK_SECRET }

describe('from source, on Node', () => {
  let server: ServerType
  let origin = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: (request) => routes[new URL(request.url).pathname]!(request, env, {}), port: 0, hostname: '127.0.0.1' }, () => resolve())
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  adapterSuite((route) => `${origin}/${route}`)

  test('a secret from env is read per request; a changed binding takes effect', async () => {
    const d = github('{"a":1}')
    const request = () => new Request('https://worker.example/github', { method: 'POST', headers: d.headers, body: new Uint8Array(d.body) })
    expect((await routes['/github']!(request(), env, {})).status).toBe(200)
    expect((await routes['/github']!(request(), { ...env, GITHUB_SECRET: 'rotated' }, {})).status).toBe(401)
  })

  test('an unknown preset throws a TypeError when the module loads; an empty env secret on the first request', async () => {
    expect(() => withWebhook('no-such-preset', 'x', json)).toThrow(TypeError)
    const handler = withWebhook('github', (e: Env) => e.GITHUB_SECRET, json)
    await expect(handler(new Request('https://worker.example/', { method: 'POST', body: '{}' }), { ...env, GITHUB_SECRET: '' }, {})).rejects.toThrow(TypeError)
  })
})

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/adapters/cloudflare.js`) && existsSync(`${root}dist/crypto/web.js`)
if (!built) console.warn('test/adapters/cloudflare: dist/adapters/cloudflare.js is missing (run `npx tsup`); the workerd suite is skipped.')

describe.skipIf(!built)('built package in workerd (miniflare)', () => {
  let mf: Miniflare
  let origin = ''
  beforeAll(async () => {
    const bundle = await build({
      absWorkingDir: root,
      entryPoints: ['test/adapters/worker-entry.mjs'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      tsconfigRaw: {},
      logLevel: 'silent',
    })
    mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: '2025-07-01',
      bindings: { GITHUB_SECRET, SLACK_SECRET },
      host: '127.0.0.1',
      port: 0,
    })
    origin = (await mf.ready).origin
  }, 60_000)
  afterAll(() => mf?.dispose())

  adapterSuite((route) => `${origin}/${route}`)
})
