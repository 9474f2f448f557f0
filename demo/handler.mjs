// The function itself, written as you would write handler.js in an OpenFaaS node22 function
// (stack.yml: `environment: { RAW_BODY: "true" }`, and secrets mounted under /var/openfaas/secrets).
// One function serves every built-in preset, picked by path: /github, /stripe, /discord, /hub, …
import { readFile } from 'node:fs/promises'
import { presets, verifyWebhook, WebhookVerificationError } from 'hookseal'

// OpenFaaS mounts each secret as a file. Read per request so a rotated secret needs no redeploy.
// During a rotation a second file holds the previous secret; either may match. The file is used
// exactly as stored (hookseal never trims a secret): create it without a trailing newline, e.g.
// `faas-cli secret create github-webhook-secret --from-literal "$SECRET"`.
async function readSecrets(preset) {
  const dir = process.env.SECRETS_DIR ?? '/var/openfaas/secrets'
  const read = (name) => readFile(`${dir}/${name}`, 'utf8')
  const current = await read(`${preset}-webhook-secret`)
  const previous = await read(`${preset}-webhook-secret-previous`).catch(() => undefined)
  return previous === undefined ? [current] : [current, previous]
}

// DEMO PLUMBING, not something a real function does: the recorded deliveries carry a fixed
// timestamp, so the demo tells the function which clock to verify against in X-Demo-Now
// (ms since the epoch), and passes each recording's own options in X-Demo-Options: another
// tolerance, or for schemes that sign the URL (Twilio, HubSpot, Square) the public URL the
// provider called. A real function uses the real clock and sets its options in code.
function demoOptions(headers) {
  const options = {}
  const now = headers['x-demo-now']
  if (typeof now === 'string' && /^\d+$/.test(now)) options.now = Number(now)
  const extra = headers['x-demo-options']
  if (typeof extra === 'string') {
    const { toleranceSeconds, maxBodyBytes, url, verifyToken } = JSON.parse(extra)
    Object.assign(options, JSON.parse(JSON.stringify({ toleranceSeconds, maxBodyBytes, url, verifyToken })))
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
