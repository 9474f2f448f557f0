// The function itself, written as you would write handler.js in an OpenFaaS node22 function
// (stack.yml: `environment: { RAW_BODY: "true" }`, and secrets mounted under /var/openfaas/secrets).
// One function serves every built-in preset, picked by path: /github, /stripe, /discord, /hub, …
import { readFile } from 'node:fs/promises'
import { presets, verifyWebhook, WebhookVerificationError } from 'hookseal'

// OpenFaaS mounts each secret as a file. Read per request so a rotated secret needs no redeploy.
// One secret per line: during a rotation the file holds the new one and the old one.
async function readSecrets(preset) {
  const dir = process.env.SECRETS_DIR ?? '/var/openfaas/secrets'
  const text = await readFile(`${dir}/${preset}-webhook-secret`, 'utf8')
  return text.split(/\r?\n/).filter((line) => line !== '')
}

// DEMO PLUMBING, not something a real function does: the recorded deliveries carry a fixed
// timestamp, so the demo tells the function which clock to verify against in X-Demo-Now
// (ms since the epoch), and a few recordings need another tolerance (X-Demo-Options). A real
// function uses the real clock and sets its options in code.
function demoOptions(headers) {
  const options = {}
  const now = headers['x-demo-now']
  if (typeof now === 'string' && /^\d+$/.test(now)) options.now = Number(now)
  const extra = headers['x-demo-options']
  if (typeof extra === 'string') {
    const { toleranceSeconds, maxBodyBytes } = JSON.parse(extra)
    Object.assign(options, toleranceSeconds !== undefined && { toleranceSeconds }, maxBodyBytes !== undefined && { maxBodyBytes })
  }
  return options
}

export default async function handle(event, context) {
  const preset = event.path.replace(/^\/+|\/+$/g, '')
  if (!Object.hasOwn(presets, preset)) return context.status(404).succeed({ error: 'not found' })

  const secrets = await readSecrets(preset)
  try {
    const webhook = await verifyWebhook(event, preset, secrets, demoOptions(event.headers))
    if (webhook.kind === 'handshake') {
      // e.g. Discord's PING: answer with the ready-made PONG
      const { status, headers, body } = webhook.response
      return context.status(status).headers(headers).succeed(body)
    }
    // Authentic: act on webhook.payload here (and de-duplicate on webhook.id where there is one).
    return context.status(200).succeed({ ok: true, kind: webhook.kind, id: webhook.id ?? null })
  } catch (err) {
    if (err instanceof WebhookVerificationError) {
      return context.status(err.status).succeed({ error: err.code })
    }
    throw err
  }
}
