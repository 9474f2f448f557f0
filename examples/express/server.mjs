// Express: the webhook route verifies its own raw body; the rest of the app keeps express.json().
// Run: GITHUB_WEBHOOK_SECRET=… node examples/express/server.mjs
import express from 'express'
import { verifyWebhooks } from 'hookseal/adapters/express'

export const app = express()

// Before any global body parser: the middleware reads the exact bytes itself.
app.post('/webhooks/github', verifyWebhooks('github', process.env.GITHUB_WEBHOOK_SECRET), (req, res) => {
  const { id, payload } = req.webhook
  console.log(`GitHub delivery ${id}: ${payload?.action ?? 'event'}`)
  res.status(202).json({ received: id })
})

app.use(express.json())
app.get('/health', (_req, res) => res.json({ ok: true }))

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`))
}
