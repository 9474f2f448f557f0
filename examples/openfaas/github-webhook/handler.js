/* global module, require */
// OpenFaaS node22 template handler. readSecret reads /var/openfaas/secrets/github-webhook-secret
// (or .secrets/github-webhook-secret when run locally).
'use strict'
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the node22 template loads handlers with require()
const { withWebhook, readSecret } = require('hookseal/adapters/openfaas')

module.exports = withWebhook('github', readSecret('github-webhook-secret'), async (webhook, event, context) => {
  console.log(`GitHub delivery ${webhook.id}`)
  return context.status(202).succeed({ received: webhook.id })
})
