// A Worker built from the BUILT package's cloudflare adapter (dist/), bundled by the test with
// Worker conditions and run in workerd through miniflare. Secrets come from env bindings.
/* global btoa */
import { withWebhook } from '../../dist/adapters/cloudflare.js'

function reply(webhook) {
  let bin = ''
  for (const byte of webhook.rawBody) bin += String.fromCharCode(byte)
  return Response.json({ handler: true, provider: webhook.provider, kind: webhook.kind, id: webhook.id, rawBody: btoa(bin) })
}

const routes = {
  '/github': withWebhook('github', (env) => env.GITHUB_SECRET, reply, { maxBodyBytes: 1024 }),
  '/slack': withWebhook('slack', (env) => env.SLACK_SECRET, reply),
}

export default {
  fetch(request, env, ctx) {
    const route = routes[new URL(request.url).pathname]
    return route === undefined ? new Response('not found', { status: 404 }) : route(request, env, ctx)
  },
}
