// npm run bench: hookseal side by side with the peers and with bare node:crypto, in one run.
// Writes bench/results.md (ratios to the floor). Use --quick for a short run.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHmac, createPublicKey, generateKeyPairSync, sign as edSign, timingSafeEqual, verify as edVerify } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import getRawBody from 'raw-body'
import { createVerifier, verifyWebhook } from 'hookseal'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import Stripe from 'stripe'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { Webhook as SvixWebhook } from 'svix'
import { verifyKey as discordVerifyKey } from 'discord-interactions'
import nacl from 'tweetnacl'
import { compare, fmt, median, QUICK, ROUNDS } from './lib.mjs'

const out = []
const log = (line = '') => {
  out.push(line)
  console.log(line)
}
const SIZES = QUICK ? [256, 65536] : [256, 4096, 65536, 1048576]
const label = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`)
const bodyOf = (n) => Buffer.from(JSON.stringify({ data: 'x'.repeat(Math.max(0, n - 11)) }).slice(0, n))
const table = (rows) => {
  log('| contender | ratio to floor |')
  log('| --- | --- |')
  for (const r of rows) log(`| ${r.name} | ${fmt(r.ratio)} |`)
  log()
}

log('# hookseal benchmark')
log()
log(`Node ${process.version}, ${ROUNDS} paired rounds per case, median; ratio = ops/s ÷ the floor's ops/s in the same run (higher is better).`)
log()

// ── HMAC: GitHub ────────────────────────────────────────────────────────────────────────────────
const secret = 'bench-webhook-secret'
for (const size of SIZES) {
  const body = bodyOf(size)
  const text = body.toString()
  const sig = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
  const event = { headers: { 'x-hub-signature-256': sig }, body }
  const github = createVerifier('github', secret)
  log(`## GitHub (HMAC-SHA256 hex), ${label(size)}`)
  table(
    await compare({
      'floor: node:crypto createHmac + timingSafeEqual': () => {
        const expected = createHmac('sha256', secret).update(body).digest()
        return timingSafeEqual(expected, Buffer.from(sig.slice(7), 'hex'))
      },
      'hookseal createVerifier().verify': () => github.verify(event),
      'hookseal verifyWebhook': () => verifyWebhook(event, 'github', secret),
      '@octokit/webhooks-methods verify (string)': () => octokitVerify(secret, text, sig),
      '@octokit/webhooks-methods verify (Buffer→string)': () => octokitVerify(secret, body.toString('utf8'), sig),
    }),
  )
}

// ── HMAC: Stripe ────────────────────────────────────────────────────────────────────────────────
const stripe = new Stripe('sk_test_bench')
const whsec = 'whsec_benchSigningSecret'
for (const size of SIZES) {
  const body = bodyOf(size)
  const t = Math.floor(Date.now() / 1000)
  const v1 = createHmac('sha256', whsec).update(`${t}.`).update(body).digest('hex')
  const header = `t=${t},v1=${v1}`
  const event = { headers: { 'stripe-signature': header }, body }
  const verifier = createVerifier('stripe', whsec)
  log(`## Stripe (t=, v1= HMAC-SHA256), ${label(size)}`)
  table(
    await compare({
      'floor: node:crypto createHmac + timingSafeEqual': () =>
        timingSafeEqual(createHmac('sha256', whsec).update(`${t}.`).update(body).digest(), Buffer.from(v1, 'hex')),
      'hookseal createVerifier().verify': () => verifier.verify(event),
      'stripe webhooks.signature.verifyHeader': () => stripe.webhooks.signature.verifyHeader(body, header, whsec),
    }),
  )
}

// ── HMAC: Standard Webhooks / Svix ──────────────────────────────────────────────────────────────
const swSecretBytes = Buffer.from('standard-webhooks-bench-secret-32b')
const swSecret = 'whsec_' + swSecretBytes.toString('base64')
let hasStandardPreset = true
try {
  createVerifier('standard-webhooks', swSecret)
} catch {
  hasStandardPreset = false
}
for (const size of SIZES) {
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
  if (hasStandardPreset) {
    const v = createVerifier('standard-webhooks', swSecret)
    contenders['hookseal createVerifier().verify'] = () => v.verify({ headers, body })
  }
  contenders['standardwebhooks Webhook.verify'] = () => sw.verify(text, headers)
  contenders['svix Webhook.verify'] = () => sx.verify(text, svixHeaders)
  log(`## Standard Webhooks (v1 HMAC-SHA256 base64), ${label(size)}`)
  table(await compare(contenders))
}

// ── Ed25519: Discord ────────────────────────────────────────────────────────────────────────────
{
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url')
  const hex = raw.toString('hex')
  const body = Buffer.from(JSON.stringify({ type: 2, data: { name: 'ping' }, id: '1' }))
  const ts = String(Math.floor(Date.now() / 1000))
  const message = Buffer.concat([Buffer.from(ts), body])
  const sigBytes = edSign(null, message, privateKey)
  const sig = sigBytes.toString('hex')
  const event = { headers: { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts }, body }
  const discord = createVerifier('discord', hex)
  const cached = createPublicKey({ key: publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' })
  log('## Ed25519 (Discord interaction)')
  table(
    await compare({
      'floor: crypto.verify with a cached key': () => edVerify(null, message, cached, sigBytes),
      'hookseal createVerifier().verify': () => discord.verify(event),
      'hookseal verifyWebhook': () => verifyWebhook(event, 'discord', hex),
      'discord-interactions verifyKey': () => discordVerifyKey(body, sig, ts, hex),
      'tweetnacl sign.detached.verify': () => nacl.sign.detached.verify(message, sigBytes, raw),
    }),
  )
}

// ── Web Crypto backend vs bare crypto.subtle (child process with the hookseal-web condition) ──────
{
  const child = spawnSync(process.execPath, ['--conditions=hookseal-web', fileURLToPath(new URL('./webcrypto.mjs', import.meta.url)), ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(child.stderr)
  log(child.stdout.trim())
  log()
}

// ── raw-body capture from a real loopback request ────────────────────────────────────────────────
{
  log('## Body capture from a loopback request (throughput ratio to raw-body alone; peak extra heap ÷ body)')
  log('| body | hookseal verify ÷ raw-body | raw-body peak ÷ body | hookseal peak ÷ body |')
  log('| --- | --- | --- | --- |')
  const captureSizes = QUICK ? [65536, 1048576] : [65536, 1048576, 16 * 1048576]
  for (const size of captureSizes) {
    const body = bodyOf(size)
    const sig = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
    const verifier = createVerifier('github', secret, { maxBodyBytes: 32 * 1048576 })
    let mode = 'raw-body'
    const server = createServer(async (req, res) => {
      if (mode === 'raw-body') await getRawBody(req, { limit: 32 * 1048576 })
      else await verifier.verify(req)
      res.end('ok')
    })
    await new Promise((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${server.address().port}/`
    const send = () => fetch(url, { method: 'POST', headers: { 'x-hub-signature-256': sig, 'content-type': 'application/json' }, body }).then((r) => r.text())
    const rounds = { 'raw-body': [], hookseal: [] }
    const peaks = { 'raw-body': [], hookseal: [] }
    const n = size >= 16 * 1048576 ? 3 : size >= 1048576 ? 10 : 60
    for (let r = 0; r < Math.min(ROUNDS, 5); r++) {
      for (const m of ['raw-body', 'hookseal']) {
        mode = m
        globalThis.gc?.()
        const base = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
        let peak = 0
        const timer = setInterval(() => {
          const u = process.memoryUsage()
          peak = Math.max(peak, u.heapUsed + u.arrayBuffers - base)
        }, 1)
        const start = process.hrtime.bigint()
        for (let i = 0; i < n; i++) await send()
        const secs = Number(process.hrtime.bigint() - start) / 1e9
        clearInterval(timer)
        rounds[m].push((n * size) / secs)
        peaks[m].push(peak / size)
      }
    }
    server.close()
    log(`| ${label(size)} | ${fmt(median(rounds.hookseal) / median(rounds['raw-body']))} | ${median(peaks['raw-body']).toFixed(2)} | ${median(peaks.hookseal).toFixed(2)} |`)
  }
  log()
  log('Peak memory is sampled in-process (client and server share the heap), so it is an upper bound for both columns alike.')
  log()
}

// ── cold import ─────────────────────────────────────────────────────────────────────────────────
{
  const runs = QUICK ? 5 : 11
  const time = (code) => {
    const xs = []
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint()
      execFileSync(process.execPath, ['--input-type=module', '-e', code])
      xs.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    return median(xs)
  }
  const bare = time('')
  log(`## Cold start: whole process, median of ${runs}, minus a bare \`node -e ''\``)
  log('| import | extra ms over bare node |')
  log('| --- | --- |')
  for (const [name, code] of [
    ['hookseal (every preset)', "import 'hookseal'"],
    ['@octokit/webhooks-methods', "import '@octokit/webhooks-methods'"],
    ['stripe', "import 'stripe'"],
    ['standardwebhooks', "import 'standardwebhooks'"],
    ['svix', "import 'svix'"],
    ['discord-interactions', "import 'discord-interactions'"],
  ]) {
    log(`| ${name} | ${(time(code) - bare).toFixed(1)} |`)
  }
  log()
}

// ── bundle size ─────────────────────────────────────────────────────────────────────────────────
{
  const size = async (contents) => {
    const result = await build({ stdin: { contents, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' }, bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', conditions: ['worker'], external: ['node:*'], logLevel: 'silent', tsconfig: fileURLToPath(new URL('./tsconfig.bundle.json', import.meta.url)) })
    const bytes = result.outputFiles[0].contents
    return `${(bytes.length / 1024).toFixed(1)} KiB min, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzip`
  }
  log('## Bundle size (esbuild, browser/worker conditions, minified; as a consumer resolves the package)')
  log('| entry | size |')
  log('| --- | --- |')
  log(`| \`import { verifyWebhook } from 'hookseal'\` (all presets) | ${await size("export { verifyWebhook } from 'hookseal'")} |`)
  log(`| everything (\`export * from 'hookseal'\`) | ${await size("export * from 'hookseal'")} |`)
  log()
}

writeFileSync(new URL('./results.md', import.meta.url), out.join('\n') + '\n')
console.log('wrote bench/results.md')
