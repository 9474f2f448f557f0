// Runs every example under plain Node, as a user would (the examples import 'hookseal/…', which
// Node resolves to this package's dist/ by self-reference), sends each a delivery signed with
// node:crypto from the provider's documented formula, one with a wrong signature, and prints what
// came back as JSON for test/examples/examples.test.ts.
// GitHub: 'sha256=' + hex HMAC-SHA256(secret, body) — https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
// Stripe: Stripe-Signature 't=<unix>,v1=' + hex HMAC-SHA256(secret, `${t}.${body}`) — https://docs.stripe.com/webhooks#verify-manually
import { createHmac } from 'node:crypto'
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const GITHUB_SECRET = 'example-github-secret'
const STRIPE_SECRET = 'whsec_exampleStripeEndpointSecret'
process.env.GITHUB_WEBHOOK_SECRET = GITHUB_SECRET
process.env.STRIPE_WEBHOOK_SECRET = STRIPE_SECRET

const githubBody = JSON.stringify({ action: 'opened', zen: 'Design for failure 🎉' })
const stripeBody = JSON.stringify({ id: 'evt_1Example', object: 'event', type: 'payment_intent.succeeded' })
const hmac = (secret, text) => createHmac('sha256', secret).update(text).digest('hex')

function githubHeaders(secret = GITHUB_SECRET) {
  return { 'content-type': 'application/json', 'x-github-delivery': 'd-123', 'x-hub-signature-256': 'sha256=' + hmac(secret, githubBody) }
}
function stripeHeaders(secret = STRIPE_SECRET) {
  const t = Math.floor(Date.now() / 1000)
  return { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${hmac(secret, `${t}.${stripeBody}`)}` }
}

async function overHttp(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers, body })
  return { status: res.status, body: await res.json() }
}
async function web(response) {
  const res = await response
  return { status: res.status, body: await res.json() }
}

const out = {}

{
  const { app } = await import('../../examples/express/server.mjs')
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const url = `http://127.0.0.1:${server.address().port}/webhooks/github`
  out.express = { ok: await overHttp(url, githubHeaders(), githubBody), bad: await overHttp(url, githubHeaders('wrong'), githubBody) }
  server.close()
}

{
  const { app } = await import('../../examples/fastify/server.mjs')
  const origin = await app.listen({ port: 0, host: '127.0.0.1' })
  out.fastify = {
    ok: await overHttp(`${origin}/webhooks/stripe`, stripeHeaders(), stripeBody),
    bad: await overHttp(`${origin}/webhooks/stripe`, stripeHeaders('whsec_wrong'), stripeBody),
    echo: await overHttp(`${origin}/echo`, { 'content-type': 'application/json' }, '{"a":1}'),
  }
  await app.close()
}

{
  const { POST } = await import('../../examples/nextjs/app/api/webhooks/github/route.js')
  const request = (headers) => new Request('https://example.com/api/webhooks/github', { method: 'POST', headers, body: githubBody })
  out.nextjs = { ok: await web(POST(request(githubHeaders()), { params: Promise.resolve({}) })), bad: await web(POST(request(githubHeaders('wrong')), {})) }
}

{
  const worker = (await import('../../examples/cloudflare/worker.mjs')).default
  const env = { STRIPE_WEBHOOK_SECRET: STRIPE_SECRET }
  const waited = []
  const ctx = { waitUntil: (p) => waited.push(p) }
  const request = (headers) => new Request('https://worker.example/', { method: 'POST', headers, body: stripeBody })
  out.cloudflare = { ok: await web(worker.fetch(request(stripeHeaders()), env, ctx)), bad: await web(worker.fetch(request(stripeHeaders('whsec_wrong')), env, ctx)), waitUntil: waited.length }
}

{
  const { handler } = await import('../../examples/lambda/handler.mjs')
  const event = (headers) => ({ version: '2.0', rawPath: '/', rawQueryString: '', headers, requestContext: { http: { method: 'POST' } }, body: Buffer.from(githubBody).toString('base64'), isBase64Encoded: true })
  const parse = (r) => ({ status: r.statusCode, body: JSON.parse(r.body) })
  out.lambda = { ok: parse(await handler(event(githubHeaders()), {})), bad: parse(await handler(event(githubHeaders('wrong')), {})) }
}

{
  // The function folder as faas-cli builds it: handler.js, its package.json, hookseal installed.
  const dir = mkdtempSync(join(tmpdir(), 'hookseal-openfaas-example-'))
  try {
    for (const f of ['handler.js', 'package.json']) copyFileSync(join(root, 'examples/openfaas/github-webhook', f), join(dir, f))
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(root, join(dir, 'node_modules/hookseal'), 'dir')
    mkdirSync(join(dir, 'secrets'))
    writeFileSync(join(dir, 'secrets/github-webhook-secret'), GITHUB_SECRET + '\n')
    process.env.secret_mount_path = join(dir, 'secrets')
    const handler = createRequire(join(dir, 'handler.js'))('./handler.js')
    const call = async (headers) => {
      const sent = { status: 200 }
      const context = {
        status(code) {
          sent.status = code
          return context
        },
        headers() {
          return context
        },
        succeed(value) {
          sent.body = value
        },
      }
      await handler({ body: Buffer.from(githubBody), headers, method: 'POST', query: {}, path: '/' }, context)
      return sent
    }
    out.openfaas = { ok: await call(githubHeaders()), bad: await call(githubHeaders('wrong')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

console.log(JSON.stringify(out))
