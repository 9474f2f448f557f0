// The BUILT Next.js adapter inside a real Next.js 15 app, run programmatically (next({ dev: true }))
// on 127.0.0.1: an App Router route handler, a Pages API route with bodyParser: false, and one
// without it (Next parses the body: BODY_NOT_RAW). The app lives in a temporary directory whose
// node_modules links to this repo's; routes import dist/ by absolute path. Next compiles each route
// on first request (~5-15 s), hence the long timeout. HOOKSEAL_SKIP_NEXT=1 skips it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { github, GITHUB_SECRET, post } from './helpers.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const adapter = join(root, 'dist/adapters/next.js')
const run = existsSync(adapter) && process.env.HOOKSEAL_SKIP_NEXT !== '1'
if (!run) console.warn('test/adapters/next-app: skipped (dist/ missing or HOOKSEAL_SKIP_NEXT=1).')

describe.skipIf(!run)('a real Next.js app', () => {
  let dir = ''
  let server: Server
  let origin = ''
  let app: { prepare(): Promise<void>; getRequestHandler(): (req: unknown, res: unknown) => Promise<void>; close?(): Promise<void> }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookseal-next-'))
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    const imp = JSON.stringify(adapter)
    const secret = JSON.stringify(GITHUB_SECRET)
    const reply = 'JSON.stringify({ handler: true, provider: webhook.provider, rawBody: Buffer.from(webhook.rawBody).toString("base64") })'
    mkdirSync(join(dir, 'app/api/github'), { recursive: true })
    writeFileSync(join(dir, 'app/api/github/route.js'), `import { withWebhook } from ${imp}\nexport const POST = withWebhook('github', ${secret}, async (webhook) => new Response(${reply}, { headers: { 'content-type': 'application/json' } }))\n`)
    mkdirSync(join(dir, 'pages/api'), { recursive: true })
    writeFileSync(join(dir, 'pages/api/raw.js'), `import { withWebhookApi } from ${imp}\nexport const config = { api: { bodyParser: false } }\nexport default withWebhookApi('github', ${secret}, (webhook, req, res) => res.setHeader('content-type', 'application/json').end(${reply}))\n`)
    writeFileSync(join(dir, 'pages/api/parsed.js'), `import { withWebhookApi } from ${imp}\nexport default withWebhookApi('github', ${secret}, (webhook, req, res) => res.end(${reply}), { onError: () => {} })\n`)
    process.env.NEXT_TELEMETRY_DISABLED = '1'
    const next = (await import('next')).default as unknown as (options: object) => typeof app
    app = next({ dev: true, dir, hostname: '127.0.0.1', port: 0 })
    await app.prepare()
    const handle = app.getRequestHandler()
    server = createServer((req, res) => void handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 120_000)

  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await app?.close?.()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 30_000)

  for (const path of ['/api/github', '/api/raw']) {
    test(`${path}: verified with the exact bytes; a wrong signature is 401`, async () => {
      const d = github()
      const ok = await post(origin + path, d)
      expect(ok.status).toBe(200)
      expect(JSON.parse(ok.text)).toEqual({ handler: true, provider: 'github', rawBody: Buffer.from(d.body).toString('base64') })
      d.headers['x-hub-signature-256'] = 'sha256=' + '0'.repeat(64)
      const bad = await post(origin + path, d)
      expect(bad.status).toBe(401)
      expect(JSON.parse(bad.text)).toEqual({ error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
    }, 120_000)
  }

  test('a Pages API route without bodyParser: false: 400 ERR_WEBHOOK_BODY_NOT_RAW', async () => {
    const res = await post(origin + '/api/parsed', github('{"action":"opened"}'))
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text)).toEqual({ error: 'ERR_WEBHOOK_BODY_NOT_RAW' })
  }, 120_000)
})
