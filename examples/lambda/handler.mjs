// AWS Lambda behind a Function URL or API Gateway (REST or HTTP API): the event's body, base64 or
// not, is verified as received. Environment: GITHUB_WEBHOOK_SECRET.
import { withWebhook } from 'hookseal/adapters/lambda'

export const handler = withWebhook('github', process.env.GITHUB_WEBHOOK_SECRET, async (webhook) => {
  console.log(`GitHub delivery ${webhook.id}`)
  return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ received: webhook.id }) }
})
