// Cloudflare Worker: the secret is a binding (`wrangler secret put STRIPE_WEBHOOK_SECRET`).
// wrangler.toml: main = "worker.mjs", compatibility_date = "2025-07-01"
import { withWebhook } from 'hookseal/adapters/cloudflare'

export default {
  fetch: withWebhook('stripe', (env) => env.STRIPE_WEBHOOK_SECRET, async (webhook, _request, env, ctx) => {
    const event = webhook.payload
    // Acknowledge at once; do the work after the response (Stripe retries slow endpoints).
    ctx.waitUntil(Promise.resolve(console.log(`Stripe ${event.type} (${event.id})`)))
    return Response.json({ received: true })
  }),
}
