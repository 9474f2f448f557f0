// Fastify: the plugin keeps raw bytes and verifies only inside the scope of the webhook routes.
// Run: STRIPE_WEBHOOK_SECRET=whsec_… node examples/fastify/server.mjs
import Fastify from 'fastify'
import { verifyWebhooks } from 'hookseal/adapters/fastify'

export const app = Fastify()

app.register(async (webhooks) => {
  await webhooks.register(verifyWebhooks('stripe', process.env.STRIPE_WEBHOOK_SECRET))
  webhooks.post('/webhooks/stripe', async (request, reply) => {
    const event = request.webhook.payload
    console.log(`Stripe ${event.type} (${event.id})`)
    return reply.code(200).send({ received: true })
  })
})

// Other routes keep Fastify's JSON parser.
app.post('/echo', async (request) => request.body)

if (import.meta.url === `file://${process.argv[1]}`) {
  const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
  console.log(`listening on ${address}`)
}
