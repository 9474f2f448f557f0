// `npm run demo`: starts an OpenFaaS-style function guarded by hookseal on 127.0.0.1, replays every
// recorded delivery in fixtures/<preset>/*.json against it over HTTP, genuine and tampered, prints
// what came back and exits non-zero on any surprise.
//
// It uses the BUILT package by its own name ('hookseal' resolves through package.json "exports"
// to dist/), exactly as an installed dependency would be used.
//
//   node demo/run.mjs [--fixtures <dir>] [--verbose]
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { presets, WebhookVerificationError } from 'hookseal'
import { startFunction } from './openfaas.mjs'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const fixturesDir = args.includes('--fixtures') ? args[args.indexOf('--fixtures') + 1] : fileURLToPath(new URL('../fixtures/', import.meta.url))

// ── terminal output ──────────────────────────────────────────────────────────────────────────
const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code) => (text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
const green = paint('32')
const red = paint('31')
const dim = paint('2')
const bold = paint('1')

// ── fixtures ─────────────────────────────────────────────────────────────────────────────────
async function loadFixtures(dir) {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    throw new Error(`No fixtures at ${dir}: run \`npm run fixtures\` first.`)
  }
  const fixtures = []
  const skipped = [] // fixture folders whose preset is not (yet) in the registry
  // presets in registry order (github, stripe, discord, hub, …), then anything else
  const order = Object.keys(presets)
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length)
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name)
  folders.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  for (const folder of folders) {
    if (!Object.hasOwn(presets, folder)) {
      skipped.push(folder)
      continue
    }
    // each recording first, then its twins: push.json, push.missing-header.json, …
    const key = (file) => file.slice(0, -'.json'.length).split('.')
    const files = (await readdir(join(dir, folder)))
      .filter((f) => f.endsWith('.json'))
      .sort((a, b) => {
        const [ka, kb] = [key(a), key(b)]
        return ka[0].localeCompare(kb[0]) || ka.length - kb.length || a.localeCompare(b)
      })
    for (const file of files) {
      const path = join(dir, folder, file)
      const data = JSON.parse(await readFile(path, 'utf8'))
      fixtures.push({ preset: folder, name: basename(file, '.json'), path, ...data })
    }
  }
  return { fixtures, skipped }
}

function bodyOf(fixture) {
  if (typeof fixture.bodyBase64 === 'string') return new Uint8Array(Buffer.from(fixture.bodyBase64, 'base64'))
  return new TextEncoder().encode(fixture.body ?? '')
}

function nowOf(fixture) {
  const now = fixture.now
  if (typeof now === 'number') return now
  if (typeof now === 'string') return Date.parse(now)
  return undefined
}

// ── deliveries ───────────────────────────────────────────────────────────────────────────────
// The fixtures already hold each recording's tampered twins (body, signature, timestamp, key…).
// The demo adds the one tamper that happens by accident in real code: a JSON body parser that
// re-serialises the body before verification (express.json(), RAW_BODY unset on OpenFaaS).
function reserialised(body) {
  try {
    const text = JSON.stringify(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)))
    const bytes = new TextEncoder().encode(text)
    return Buffer.compare(bytes, body) === 0 ? undefined : bytes
  } catch {
    return undefined // not JSON: nothing a JSON body parser would rewrite
  }
}

/** The deliveries to send for one fixture: itself and, for an accepted JSON one, its re-serialised twin. */
function deliveriesFor(fixture) {
  const body = bodyOf(fixture)
  const base = { fixture, headers: fixture.headers, body, now: nowOf(fixture), options: fixture.options }
  const list = [{ ...base, label: fixture.name, expect: fixture.expect, recorded: true }]
  const rewritten = fixture.expect === 'ok' ? reserialised(body) : undefined
  if (rewritten) list.push({ ...base, body: rewritten, label: `${fixture.name} ~ re-serialised`, expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', recorded: false })
  return list
}

// ── sending ──────────────────────────────────────────────────────────────────────────────────
// Hop-by-hop and framing headers belong to the recorded connection, not to the delivery: fetch
// sets its own (and refuses some of these).
const CONNECTION_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect'])

async function send(url, delivery) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (CONNECTION_HEADERS.has(name.toLowerCase())) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v))
  }
  // demo plumbing (see handler.mjs): the recording's clock and per-fixture verify options
  if (delivery.now !== undefined) headers.set('x-demo-now', String(delivery.now))
  if (delivery.options !== undefined) headers.set('x-demo-options', JSON.stringify(delivery.options))
  const method = delivery.fixture.method ?? 'POST'
  const withBody = method !== 'GET' && method !== 'HEAD'
  const res = await fetch(`${url}/${delivery.fixture.preset}`, { method, headers, ...(withBody && { body: delivery.body }) })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, text, json }
}

function statusOf(code) {
  return new WebhookVerificationError(code, '').status
}

/** Compares the answer with the expectation; returns { got, code, surprise }. */
function judge(delivery, answer) {
  const { fixture, expect } = delivery
  const code = answer.json?.error
  if (answer.status >= 200 && answer.status < 300) {
    const kind = answer.json?.kind === 'event' ? 'event' : 'handshake'
    const got = `${answer.status} ${kind}`
    if (expect !== 'ok') return { got, code: '', surprise: `accepted, expected ${expect}` }
    if (fixture.expectKind !== undefined && fixture.expectKind !== kind) return { got, code: '', surprise: `kind ${kind}, expected ${fixture.expectKind}` }
    if (fixture.expectResponseBody !== undefined && fixture.expectResponseBody !== answer.text) {
      return { got, code: '', surprise: `answered ${answer.text.slice(0, 60)}` }
    }
    if (fixture.expectId !== undefined && kind === 'event' && answer.json?.id !== fixture.expectId) {
      return { got, code: '', surprise: `id ${answer.json?.id}, expected ${fixture.expectId}` }
    }
    return { got, code: '' }
  }
  const got = String(answer.status)
  if (expect === 'ok') return { got, code: code ?? answer.text.slice(0, 40), surprise: 'rejected, expected ok' }
  if (code !== expect) return { got, code: code ?? answer.text.slice(0, 40), surprise: `expected ${expect}` }
  if (answer.status !== statusOf(expect)) return { got, code, surprise: `status ${answer.status}, expected ${statusOf(expect)}` }
  return { got, code }
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────
async function main() {
  const { fixtures, skipped } = await loadFixtures(fixturesDir)
  if (fixtures.length === 0) throw new Error(`No fixtures found under ${fixturesDir}: run \`npm run fixtures\` first.`)

  const secretsDir = await mkdtemp(join(tmpdir(), 'hookseal-demo-'))
  process.env.SECRETS_DIR = secretsDir
  const { default: handler } = await import('./handler.mjs')
  const fn = await startFunction(handler)

  console.log(bold('hookseal demo'), dim(`· an OpenFaaS-style function on ${fn.url} guarded by verifyWebhook`))
  console.log(dim(`  replaying ${fixtures.length} recorded deliveries from ${fixturesDir}, genuine and tampered`))
  if (skipped.length > 0) console.log(dim(`  skipped fixtures/{${skipped.join(',')}}/: no preset with that id in the built package`))
  console.log(dim('  (codes below are WebhookVerificationError codes without their ERR_WEBHOOK_ prefix)\n'))

  const rows = []
  try {
    for (const fixture of fixtures) {
      // The function reads its secret from the mounted secret files, as on OpenFaaS.
      const [current, previous] = Array.isArray(fixture.secret) ? fixture.secret : [fixture.secret]
      await writeFile(join(secretsDir, `${fixture.preset}-webhook-secret`), current)
      await rm(join(secretsDir, `${fixture.preset}-webhook-secret-previous`), { force: true })
      if (previous !== undefined) await writeFile(join(secretsDir, `${fixture.preset}-webhook-secret-previous`), previous)
      for (const delivery of deliveriesFor(fixture)) {
        let verdict
        try {
          verdict = judge(delivery, await send(fn.url, delivery))
        } catch (error) {
          verdict = { got: 'no answer', code: '', surprise: String(error?.cause?.message ?? error?.message ?? error) }
        }
        rows.push({ preset: fixture.preset, delivery: delivery.label, expected: delivery.expect, recorded: delivery.recorded, description: fixture.description, ...verdict })
      }
    }
  } finally {
    await fn.close()
    await rm(secretsDir, { recursive: true, force: true })
  }

  printTable(rows)
  const surprises = rows.filter((r) => r.surprise)
  const accepted = rows.filter((r) => !r.surprise && r.expected === 'ok').length
  const rejected = rows.filter((r) => !r.surprise && r.expected !== 'ok').length
  const recorded = rows.filter((r) => r.recorded).length
  console.log()
  const summary = `${rows.length} deliveries (${recorded} recorded, ${rows.length - recorded} JSON bodies re-serialised by the demo), ${accepted} accepted, ${rejected} rejected as expected, ${surprises.length} surprise${surprises.length === 1 ? '' : 's'}`
  console.log(surprises.length === 0 ? green(summary) : red(summary))
  for (const r of surprises) console.log(red(`  ✗ ${r.preset}/${r.delivery}: ${r.surprise}`))
  return surprises.length === 0 ? 0 : 1
}

function printTable(rows) {
  const MAX_DELIVERY = 48
  const cut = (text, n) => (text.length <= n ? text : text.slice(0, n - 1) + '…')
  // Codes are shown without their common ERR_WEBHOOK_ prefix to keep the table narrow.
  const short = (code) => code.replace(/^ERR_WEBHOOK_/, '')
  // A recording's twins (push.missing-header, push ~ re-serialised) are shown indented under it.
  const base = (r) => r.delivery.split(/[.~ ]/)[0]
  const label = (r, i) => (i > 0 && rows[i - 1].preset === r.preset && base(rows[i - 1]) === base(r) ? '  ' + r.delivery.slice(base(r).length).trimStart() : r.delivery)
  const cells = rows.map((r, i) => [r.preset, cut(label(r, i), MAX_DELIVERY), short(r.expected), r.got, short(r.code) || '—', r.surprise ? '✗' : '✓'])
  const head = ['preset', 'delivery', 'expected', 'got', 'code', '']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) => c.map((text, i) => text.padEnd(widths[i])).join('  ').trimEnd()
  console.log(bold(line(head)))
  console.log(dim(widths.map((w) => '─'.repeat(w)).join('  ')))
  let previous
  rows.forEach((r, i) => {
    if (previous !== undefined && previous !== r.preset) console.log()
    previous = r.preset
    const text = line(cells[i])
    console.log(r.surprise ? red(text) : r.recorded ? text : dim(text))
    if (verbose && r.recorded && r.description) console.log(dim(`        ${r.description}`))
  })
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    console.error(red(`demo failed: ${error.message}`))
    process.exitCode = 1
  },
)
