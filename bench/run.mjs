// npm run bench: hookseal side by side with the peers and with bare node:crypto, in one run.
// Writes bench/results.md (ratios to the floor). Use --quick for a short run.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHmac, createPublicKey, generateKeyPairSync, sign as edSign, timingSafeEqual, verify as edVerify } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { createVerifier, verifyWebhook } from 'hookseal'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import Stripe from 'stripe'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { Webhook as SvixWebhook } from 'svix'
import { verifyKey as discordVerifyKey } from 'discord-interactions'
import nacl from 'tweetnacl'
import { captureBench, readerBench } from './capture.mjs'
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
  return rows
}

// One line per case for the README: hookseal's two entry points and the best peer, as ratios to the floor.
const summary = []
const summarise = (name, rows) => {
  const pick = (prefix) => rows.find((r) => r.name.startsWith(prefix))?.ratio
  const peers = rows.filter((r) => !r.name.startsWith('floor') && !r.name.startsWith('hookseal'))
  const best = peers.reduce((a, b) => (b.ratio > (a?.ratio ?? -1) ? b : a), undefined)
  summary.push({ name, verifier: pick('hookseal createVerifier'), once: pick('hookseal verifyWebhook'), best })
}

log('# hookseal benchmark')
log()
log(`Node ${process.version}, ${ROUNDS} paired rounds per case, median; ratio = ops per CPU-second ÷ the floor's in the same run (higher is better; CPU time, so a loaded machine does not skew one contender).`)
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
  summarise(`GitHub HMAC-SHA256, ${label(size)}`, table(
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
  ))
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
  summarise(`Stripe, ${label(size)}`, table(
    await compare({
      'floor: node:crypto createHmac + timingSafeEqual': () =>
        timingSafeEqual(createHmac('sha256', whsec).update(`${t}.`).update(body).digest(), Buffer.from(v1, 'hex')),
      'hookseal createVerifier().verify': () => verifier.verify(event),
      'hookseal verifyWebhook': () => verifyWebhook(event, 'stripe', whsec),
      'stripe webhooks.signature.verifyHeader': () => stripe.webhooks.signature.verifyHeader(body, header, whsec),
    }),
  ))
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
    const event = { headers, body }
    contenders['hookseal createVerifier().verify'] = () => v.verify(event)
    contenders['hookseal verifyWebhook'] = () => verifyWebhook(event, 'standard-webhooks', swSecret)
  }
  contenders['standardwebhooks Webhook.verify'] = () => sw.verify(text, headers)
  contenders['svix Webhook.verify'] = () => sx.verify(text, svixHeaders)
  log(`## Standard Webhooks (v1 HMAC-SHA256 base64), ${label(size)}`)
  summarise(`Standard Webhooks, ${label(size)}`, table(await compare(contenders)))
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
  summarise('Ed25519 (Discord)', table(
    await compare({
      // as the HMAC floors do: decode the received hex signature and put timestamp and body together per request
      'floor: crypto.verify with a cached key': () => edVerify(null, Buffer.concat([Buffer.from(ts), body]), cached, Buffer.from(sig, 'hex')),
      'hookseal createVerifier().verify': () => discord.verify(event),
      'hookseal verifyWebhook': () => verifyWebhook(event, 'discord', hex),
      'discord-interactions verifyKey': () => discordVerifyKey(body, sig, ts, hex),
      'tweetnacl sign.detached.verify': () => nacl.sign.detached.verify(Buffer.concat([Buffer.from(ts), body]), Buffer.from(sig, 'hex'), raw),
    }),
  ))
}

// ── Web Crypto backend vs bare crypto.subtle (child process with the hookseal-web condition) ──────
{
  const child = spawnSync(process.execPath, ['--conditions=hookseal-web', fileURLToPath(new URL('./webcrypto.mjs', import.meta.url)), ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(child.stderr)
  log(child.stdout.trim())
  log()
  for (const [, name, ratio] of child.stdout.matchAll(/^\| (.+?) \| ([\d.]+)x \|$/gm)) summary.push({ name: `Web Crypto backend: ${name}`, verifier: Number(ratio) })
}

// ── body capture: the stream reader alone, and from a real loopback request (bench/capture.mjs) ───
{
  for (const row of await readerBench({ quick: QUICK, log })) {
    summary.push({ name: `Stream reader alone, ${row.name}: CPU speed vs raw-body`, verifier: row.ratio })
  }
  for (const row of await captureBench({ secret, quick: QUICK, log })) {
    summary.push({ name: `Body capture ${row.name}: throughput vs raw-body + node:crypto; live peak memory ÷ body`, verifier: row.ratio, memory: [row.raw.live, row.ours.live] })
  }
}

// ── cold import ─────────────────────────────────────────────────────────────────────────────────
{
  const runs = QUICK ? 5 : 21
  // The child's own CPU time (user + system, whole process up to the end of its code), so other load
  // on the machine does not land on one import; ms. Every contender runs once per round, in turn, so a
  // busy spell of the machine spreads over all of them; each is compared with the bare process of its
  // own module type (an ESM `-e` sets up the ESM loader, a CommonJS one does not).
  const contenders = [
    ['node:crypto alone (what any verifier on Node loads)', "import 'node:crypto'"],
    ['hookseal (every preset)', "import 'hookseal'"],
    ['hookseal/providers/github (one preset subpath)', "import 'hookseal/providers/github'"],
    ["require('hookseal') (CommonJS, every preset)", "require('hookseal')", 'commonjs'],
    ['@octokit/webhooks-methods', "import '@octokit/webhooks-methods'"],
    ['stripe', "import 'stripe'"],
    ['standardwebhooks', "import 'standardwebhooks'"],
    ['svix', "import 'svix'"],
    ['discord-interactions', "import 'discord-interactions'"],
  ]
  const bare = { module: [], commonjs: [] }
  const times = contenders.map(() => [])
  const time = (code, type) => {
    const report = ';const u = process.cpuUsage(); console.log((u.user + u.system) / 1000)'
    return Number(execFileSync(process.execPath, [`--input-type=${type}`, '-e', code + report], { encoding: 'utf8' }).trim())
  }
  for (let r = 0; r < runs; r++) {
    for (const type of ['module', 'commonjs']) bare[type].push(time('', type))
    contenders.forEach(([, code, type = 'module'], i) => times[i].push(time(code, type)))
  }
  log(`## Cold start: whole process CPU time minus that of a bare \`node -e ''\` of the same module type run in the same round; median of ${runs} interleaved rounds`)
  log('| import | extra ms over bare node |')
  log('| --- | --- |')
  contenders.forEach(([name, , type = 'module'], i) => {
    const extra = median(times[i].map((ms, r) => ms - bare[type][r]))
    if (name.startsWith('hookseal (')) summary.push({ name: 'Cold import of hookseal (ms over bare node)', ms: extra })
    log(`| ${name} | ${extra.toFixed(1)} |`)
  })
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

// ── README summary ──────────────────────────────────────────────────────────────────────────────
const head = [
  '## Summary (README table): ratio to the bare floor in the same run, higher is better',
  '',
  '| case | hookseal `createVerifier().verify` | hookseal `verifyWebhook` | best peer |',
  '| --- | --- | --- | --- |',
  ...summary.map((r) => {
    if (r.ms !== undefined) return `| ${r.name} | ${r.ms.toFixed(1)} ms | | |`
    if (r.memory !== undefined) return `| ${r.name} | ${fmt(r.verifier)}; ${r.memory[1].toFixed(2)}x (raw-body ${r.memory[0].toFixed(2)}x) | | |`
    return `| ${r.name} | ${fmt(r.verifier)} | ${r.once === undefined ? '' : fmt(r.once)} | ${r.best ? `${r.best.name} ${fmt(r.best.ratio)}` : ''} |`
  }),
  '',
  '`@hookflo/tern` is not installed in this repository, so it is not measured.',
  '',
]
for (const line of head) console.log(line)
out.splice(4, 0, ...head)
writeFileSync(new URL('./results.md', import.meta.url), out.join('\n') + '\n')
console.log('wrote bench/results.md')
