// Next.js App Router route handler: app/api/webhooks/github/route.js
// Set GITHUB_WEBHOOK_SECRET in the environment (.env.local for `next dev`).
import { withWebhook } from 'hookseal/adapters/next'

export const POST = withWebhook('github', process.env.GITHUB_WEBHOOK_SECRET, async (webhook) => {
  console.log(`GitHub delivery ${webhook.id}`)
  return Response.json({ received: webhook.id }, { status: 202 })
})
