// npm run bench: hookseal side by side with the peers and with bare node:crypto, in one run.
// Writes bench/results.md (ratios to the floor). Use --quick for a short run.
import { execFileSync } from 'node:child_process'
import { createHmac, generateKeyPairSync, sign as edSign } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { CASES } from './cases.mjs'
import { WEB_CASES } from './webcrypto.mjs'
import { captureBench, readerBench } from './capture.mjs'
import { compareInProcesses, fmt, median, QUICK, ROUNDS } from './lib.mjs'

const out = []
const log = (line = '') => {
  out.push(line)
  console.log(line)
}
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
  const peers = rows.filter((r) => !r.name.startsWith('floor') && !r.name.startsWith('hookseal') && !r.name.startsWith('reference'))
  const best = peers.reduce((a, b) => (b.ratio > (a?.ratio ?? -1) ? b : a), undefined)
  summary.push({ name, verifier: pick('hookseal createVerifier'), once: pick('hookseal verifyWebhook'), best })
}

log('# hookseal benchmark')
log()
log(`Node ${process.version}, ${ROUNDS} paired rounds per case, each contender in a fresh process every round (fresh heap and JIT state, warmed up untimed), median; ratio = ops per CPU-second ÷ the floor's in the same round (higher is better; CPU time, so a loaded machine does not skew one contender).`)
log()

// ── verifiers: each contender in its own process, round after round (bench/lib.mjs) ────────────
const casesFile = fileURLToPath(new URL('./cases.mjs', import.meta.url))
for (const { id, title, summary } of CASES) {
  log(`## ${title}`)
  summarise(summary, table(compareInProcesses([casesFile, id])))
}

// ── Web Crypto backend vs bare crypto.subtle (the hookseal-web condition) ─────────────────────────
{
  const webFile = fileURLToPath(new URL('./webcrypto.mjs', import.meta.url))
  log(`## Web Crypto backend vs bare crypto.subtle (cached keys); median of ${ROUNDS * 3} rounds`)
  log('| case | hookseal ÷ bare subtle |')
  log('| --- | --- |')
  for (const { id, name } of WEB_CASES) {
    // Web Crypto runs each call as a job on Node's thread pool (about 60 µs for a 256 B HMAC), and
    // a round's ratio moves by ±0.1 with the pool's scheduling: three times the rounds for a median
    // that holds from run to run.
    const [, hookseal] = compareInProcesses(['--conditions=hookseal-web', webFile, id], ROUNDS * 3)
    log(`| ${name} | ${fmt(hookseal.ratio)} |`)
    summary.push({ name: `Web Crypto backend: ${name}`, verifier: hookseal.ratio })
  }
  log()
}

// ── body capture: the stream reader alone, and from a real loopback request (bench/capture.mjs) ───
{
  const secret = 'bench-webhook-secret'
  for (const row of await readerBench({ quick: QUICK, log })) {
    summary.push({ name: `Stream reader alone, ${row.name}: CPU speed vs raw-body`, verifier: row.ratio })
  }
  for (const row of await captureBench({ secret, quick: QUICK, log })) {
    summary.push({ name: `Body capture ${row.name}: throughput vs raw-body + node:crypto; live peak memory ÷ body`, verifier: row.ratio, memory: [row.raw.live, row.ours.live, row.floor.live] })
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

// ── cold start to the first verified delivery ───────────────────────────────────────────────────
// What a function's first request costs on top of a bare node: the import, then one delivery
// verified. Every library loads node:crypto (or Web Crypto) at some point, at import or on first use
// (hookseal: on first use), so this is the number to compare. The deliveries are signed here, in the
// parent, and written into each child's code, so a child loads only the library it measures.
{
  const runs = QUICK ? 5 : 21
  const body = JSON.stringify({ action: 'opened', data: 'x'.repeat(200) })
  const t = Math.floor(Date.now() / 1000)
  const gh = { secret: 'bench-webhook-secret' }
  gh.sig = 'sha256=' + createHmac('sha256', gh.secret).update(body).digest('hex')
  const st = { secret: 'whsec_benchSigningSecret' }
  st.header = `t=${t},v1=${createHmac('sha256', st.secret).update(`${t}.${body}`).digest('hex')}`
  const swKey = Buffer.from('standard-webhooks-bench-secret-32b')
  const sw = { secret: 'whsec_' + swKey.toString('base64'), id: 'msg_cold', ts: String(t) }
  sw.sig = 'v1,' + createHmac('sha256', swKey).update(`${sw.id}.${sw.ts}.${body}`).digest('base64')
  const swHeaders = { 'webhook-id': sw.id, 'webhook-timestamp': sw.ts, 'webhook-signature': sw.sig }
  const svixHeaders = { 'svix-id': sw.id, 'svix-timestamp': sw.ts, 'svix-signature': sw.sig }
  const pair = generateKeyPairSync('ed25519')
  const dc = { key: Buffer.from(pair.publicKey.export({ format: 'jwk' }).x, 'base64url').toString('hex'), ts: String(t) }
  dc.sig = edSign(null, Buffer.from(dc.ts + body), pair.privateKey).toString('hex')
  const j = JSON.stringify
  const ok = (expr) => `if (!(${expr})) throw new Error('not verified')`
  const hookseal = (request, preset, secret) => `const { verifyWebhook } = await import('hookseal'); ${ok(`(await verifyWebhook(${j(request)}, ${j(preset)}, ${j(secret)})).kind === 'event'`)}`
  const contenders = [
    ['GitHub: hookseal verifyWebhook', hookseal({ headers: { 'x-hub-signature-256': gh.sig }, body }, 'github', gh.secret)],
    ['GitHub: @octokit/webhooks-methods verify', `const { verify } = await import('@octokit/webhooks-methods'); ${ok(`await verify(${j(gh.secret)}, ${j(body)}, ${j(gh.sig)})`)}`],
    ['Stripe: hookseal verifyWebhook', hookseal({ headers: { 'stripe-signature': st.header }, body }, 'stripe', st.secret)],
    ['Stripe: stripe webhooks.signature.verifyHeader', `const { default: Stripe } = await import('stripe'); ${ok(`new Stripe('sk_test_bench').webhooks.signature.verifyHeader(${j(body)}, ${j(st.header)}, ${j(st.secret)})`)}`],
    ['Standard Webhooks: hookseal verifyWebhook', hookseal({ headers: swHeaders, body }, 'standard-webhooks', sw.secret)],
    ['Standard Webhooks: standardwebhooks Webhook.verify', `const { Webhook } = await import('standardwebhooks'); ${ok(`new Webhook(${j(sw.secret)}).verify(${j(body)}, ${j(swHeaders)})`)}`],
    ['Standard Webhooks: svix Webhook.verify', `const { Webhook } = await import('svix'); ${ok(`new Webhook(${j(sw.secret)}).verify(${j(body)}, ${j(svixHeaders)})`)}`],
    ['Discord: hookseal verifyWebhook', hookseal({ headers: { 'x-signature-ed25519': dc.sig, 'x-signature-timestamp': dc.ts }, body }, 'discord', dc.key)],
    ['Discord: discord-interactions verifyKey', `const { verifyKey } = await import('discord-interactions'); ${ok(`await verifyKey(${j(body)}, ${j(dc.sig)}, ${j(dc.ts)}, ${j(dc.key)})`)}`],
  ]
  const time = (code) => {
    const report = ';const u = process.cpuUsage(); console.log((u.user + u.system) / 1000)'
    return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code + report], { encoding: 'utf8' }).trim())
  }
  const bare = []
  const times = contenders.map(() => [])
  for (let r = 0; r < runs; r++) {
    bare.push(time(''))
    contenders.forEach(([, code], i) => times[i].push(time(code)))
  }
  log(`## Cold start to the first verified delivery: import, then one delivery verified; whole process CPU time minus a bare ESM \`node -e ''\` in the same round, median of ${runs} interleaved rounds`)
  log('| library and call | extra ms over bare node |')
  log('| --- | --- |')
  contenders.forEach(([name], i) => {
    const extra = median(times[i].map((ms, r) => ms - bare[r]))
    if (name === 'GitHub: hookseal verifyWebhook') summary.push({ name: 'Cold start to a first verified GitHub delivery (ms over bare node)', ms: extra })
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
    if (r.memory !== undefined) return `| ${r.name} | ${fmt(r.verifier)}; ${r.memory[1].toFixed(2)}x (raw-body ${r.memory[0].toFixed(2)}x; Node's delivery alone ${r.memory[2].toFixed(2)}x) | | |`
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
