// The verifier cases of `npm run bench`: hookseal, the peers and the bare node:crypto floor, one case
// per scheme and body size. bench/run.mjs runs every contender of a case in a process of its own
// (`node bench/cases.mjs <id> <i>` prints the i-th contender's ops per CPU-second; `--names` lists
// them), round after round (bench/lib.mjs compareInProcesses), so each starts from a fresh heap and
// fresh JIT state: measured in one long process, a case's ratios also carried the garbage and the
// compiled code the cases before it left behind (hookseal's Ed25519 rows read 0.82–1.09x across runs
// that way), and in a process shared by the contenders of one case the floor's speed depended on
// which contenders ran beside it. Peers are imported by the cases that use them, so a contender's
// process loads only its own case's libraries. The HMAC cases also time a reference: a complete
// check written by hand with node:crypto (read the headers, check their form and the timestamp,
// HMAC, timingSafeEqual, return a result), which does what a verifier must do and no more, unlike
// the floor, which is handed the signature and timestamp ready.
import { createHmac, createPublicKey, generateKeyPairSync, sign as edSign, timingSafeEqual, verify as edVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createVerifier, verifyWebhook } from 'hookseal'
import { QUICK, serveContender } from './lib.mjs'

const SIZES = QUICK ? [256, 65536] : [256, 4096, 65536, 1048576]
const label = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`)
const bodyOf = (n) => Buffer.from(JSON.stringify({ data: 'x'.repeat(Math.max(0, n - 11)) }).slice(0, n))

/** id → { title (the case's heading), summary (its name in the README table), async contenders() (floor first; set up only in the contender's own process) } */
const cases = new Map()

// ── HMAC: GitHub ────────────────────────────────────────────────────────────────────────────────
const secret = 'bench-webhook-secret'
for (const size of SIZES) {
  cases.set(`github-${size}`, {
    title: `GitHub (HMAC-SHA256 hex), ${label(size)}`,
    summary: `GitHub HMAC-SHA256, ${label(size)}`,
    contenders: async () => {
      const { verify: octokitVerify } = await import('@octokit/webhooks-methods')
      const body = bodyOf(size)
      const text = body.toString()
      const sig = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
      const event = { headers: { 'x-hub-signature-256': sig }, body }
      const github = createVerifier('github', secret)
      return {
        'floor: node:crypto createHmac + timingSafeEqual': () => {
          const expected = createHmac('sha256', secret).update(body).digest()
          return timingSafeEqual(expected, Buffer.from(sig.slice(7), 'hex'))
        },
        'hookseal createVerifier().verify': () => github.verify(event),
        'hookseal verifyWebhook': () => verifyWebhook(event, 'github', secret),
        'reference: a complete check by hand with node:crypto': () => {
          const sent = event.headers['x-hub-signature-256']
          if (typeof sent !== 'string' || !/^sha256=[0-9a-fA-F]{64}$/.test(sent)) throw new Error('malformed')
          const mac = createHmac('sha256', secret).update(event.body).digest()
          if (!timingSafeEqual(mac, Buffer.from(sent.slice(7), 'hex'))) throw new Error('mismatch')
          return { kind: 'event', provider: 'github', rawBody: event.body }
        },
        '@octokit/webhooks-methods verify (string)': () => octokitVerify(secret, text, sig),
        '@octokit/webhooks-methods verify (Buffer→string)': () => octokitVerify(secret, body.toString('utf8'), sig),
      }
    },
  })
}

// ── HMAC: Stripe ────────────────────────────────────────────────────────────────────────────────
const whsec = 'whsec_benchSigningSecret'
for (const size of SIZES) {
  cases.set(`stripe-${size}`, {
    title: `Stripe (t=, v1= HMAC-SHA256), ${label(size)}`,
    summary: `Stripe, ${label(size)}`,
    contenders: async () => {
      const { default: Stripe } = await import('stripe')
      const stripe = new Stripe('sk_test_bench')
      const body = bodyOf(size)
      const t = Math.floor(Date.now() / 1000)
      const v1 = createHmac('sha256', whsec).update(`${t}.`).update(body).digest('hex')
      const header = `t=${t},v1=${v1}`
      const event = { headers: { 'stripe-signature': header }, body }
      const verifier = createVerifier('stripe', whsec)
      return {
        'floor: node:crypto createHmac + timingSafeEqual': () =>
          timingSafeEqual(createHmac('sha256', whsec).update(`${t}.`).update(body).digest(), Buffer.from(v1, 'hex')),
        'hookseal createVerifier().verify': () => verifier.verify(event),
        'hookseal verifyWebhook': () => verifyWebhook(event, 'stripe', whsec),
        'reference: a complete check by hand with node:crypto': () => {
          const sent = event.headers['stripe-signature']
          const fields = new Map(String(sent).split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
          const stamp = fields.get('t')
          const v1 = fields.get('v1')
          if (!/^\d{1,12}$/.test(stamp ?? '') || !/^[0-9a-f]{64}$/.test(v1 ?? '')) throw new Error('malformed')
          if (Math.abs(Date.now() / 1000 - Number(stamp)) > 300) throw new Error('stale')
          const mac = createHmac('sha256', whsec).update(`${stamp}.`).update(event.body).digest()
          if (!timingSafeEqual(mac, Buffer.from(v1, 'hex'))) throw new Error('mismatch')
          return { kind: 'event', provider: 'stripe', rawBody: event.body, timestamp: new Date(Number(stamp) * 1000) }
        },
        'stripe webhooks.signature.verifyHeader': () => stripe.webhooks.signature.verifyHeader(body, header, whsec),
      }
    },
  })
}

// ── HMAC: Standard Webhooks / Svix ──────────────────────────────────────────────────────────────
const swSecretBytes = Buffer.from('standard-webhooks-bench-secret-32b')
const swSecret = 'whsec_' + swSecretBytes.toString('base64')
for (const size of SIZES) {
  cases.set(`standard-webhooks-${size}`, {
    title: `Standard Webhooks (v1 HMAC-SHA256 base64), ${label(size)}`,
    summary: `Standard Webhooks, ${label(size)}`,
    contenders: async () => {
      const { Webhook: StandardWebhook } = await import('standardwebhooks')
      const { Webhook: SvixWebhook } = await import('svix')
      const body = bodyOf(size)
      const id = 'msg_bench'
      const ts = String(Math.floor(Date.now() / 1000))
      const sig = 'v1,' + createHmac('sha256', swSecretBytes).update(`${id}.${ts}.`).update(body).digest('base64')
      const headers = { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': sig }
      const svixHeaders = { 'svix-id': id, 'svix-timestamp': ts, 'svix-signature': sig }
      const sw = new StandardWebhook(swSecret)
      const sx = new SvixWebhook(swSecret)
      const text = body.toString()
      const contenders = {
        'floor: node:crypto createHmac + timingSafeEqual': () =>
          timingSafeEqual(createHmac('sha256', swSecretBytes).update(`${id}.${ts}.`).update(body).digest(), Buffer.from(sig.slice(3), 'base64')),
      }
      let v
      try {
        v = createVerifier('standard-webhooks', swSecret)
      } catch {
        // a build without the preset: the peers alone
      }
      if (v !== undefined) {
        const event = { headers, body }
        contenders['hookseal createVerifier().verify'] = () => v.verify(event)
        contenders['hookseal verifyWebhook'] = () => verifyWebhook(event, 'standard-webhooks', swSecret)
      }
      contenders['reference: a complete check by hand with node:crypto'] = () => {
        const msgId = headers['webhook-id']
        const stamp = headers['webhook-timestamp']
        const sent = headers['webhook-signature']
        if (!msgId || !/^\d{1,12}$/.test(stamp ?? '') || !sent) throw new Error('malformed')
        if (Math.abs(Date.now() / 1000 - Number(stamp)) > 300) throw new Error('stale')
        const mac = createHmac('sha256', swSecretBytes).update(`${msgId}.${stamp}.`).update(body).digest()
        let ok = false
        for (const entry of sent.split(' ')) {
          const [version, b64] = entry.split(',')
          if (version !== 'v1' || !b64) continue
          const given = Buffer.from(b64, 'base64')
          if (given.length === mac.length && timingSafeEqual(given, mac)) ok = true
        }
        if (!ok) throw new Error('mismatch')
        return { kind: 'event', provider: 'standard-webhooks', rawBody: body, id: msgId, timestamp: new Date(Number(stamp) * 1000) }
      }
      contenders['standardwebhooks Webhook.verify'] = () => sw.verify(text, headers)
      contenders['svix Webhook.verify'] = () => sx.verify(text, svixHeaders)
      return contenders
    },
  })
}

// ── Ed25519: Discord ────────────────────────────────────────────────────────────────────────────
cases.set('ed25519', {
  title: 'Ed25519 (Discord interaction)',
  summary: 'Ed25519 (Discord)',
  contenders: async () => {
    const { verifyKey: discordVerifyKey } = await import('discord-interactions')
    const { default: nacl } = await import('tweetnacl')
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url')
    const hex = raw.toString('hex')
    const body = Buffer.from(JSON.stringify({ type: 2, data: { name: 'ping' }, id: '1' }))
    const ts = String(Math.floor(Date.now() / 1000))
    const message = Buffer.concat([Buffer.from(ts), body])
    const sig = edSign(null, message, privateKey).toString('hex')
    const event = { headers: { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts }, body }
    const discord = createVerifier('discord', hex)
    const cached = createPublicKey({ key: publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' })
    return {
      // as the HMAC floors do: decode the received hex signature and put timestamp and body together per request
      'floor: crypto.verify with a cached key': () => edVerify(null, Buffer.concat([Buffer.from(ts), body]), cached, Buffer.from(sig, 'hex')),
      'hookseal createVerifier().verify': () => discord.verify(event),
      'hookseal verifyWebhook': () => verifyWebhook(event, 'discord', hex),
      'discord-interactions verifyKey': () => discordVerifyKey(body, sig, ts, hex),
      'tweetnacl sign.detached.verify': () => nacl.sign.detached.verify(Buffer.concat([Buffer.from(ts), body]), Buffer.from(sig, 'hex'), raw),
    }
  },
})

/** The cases in the order of results.md: [{ id, title, summary }]. */
export const CASES = [...cases].map(([id, { title, summary }]) => ({ id, title, summary }))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const id = process.argv[2]
  const found = cases.get(id)
  if (found === undefined) throw new Error(`bench/cases.mjs: no case ${id}; the cases are ${[...cases.keys()].join(', ')}`)
  process.stdout.write((await serveContender(await found.contenders(), process.argv[3])) + '\n')
}
