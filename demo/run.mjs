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
  // presets in registry order (github, stripe, discord, hub, …), then anything else
  const order = Object.keys(presets)
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length)
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name)
  folders.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  for (const folder of folders) {
    if (!Object.hasOwn(presets, folder)) {
      console.warn(dim(`skipping fixtures/${folder}/: no preset with that id`))
      continue
    }
    const files = (await readdir(join(dir, folder))).filter((f) => f.endsWith('.json')).sort()
    for (const file of files) {
      const path = join(dir, folder, file)
      const data = JSON.parse(await readFile(path, 'utf8'))
      fixtures.push({ preset: folder, name: basename(file, '.json'), path, ...data })
    }
  }
  return fixtures
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

// ── headers, as plain { name: value } records whose names keep the fixture's case ────────────
function findHeader(headers, lowerName) {
  const name = Object.keys(headers).find((n) => n.toLowerCase() === lowerName)
  return name === undefined ? undefined : { name, value: headers[name] }
}

function withHeader(headers, lowerName, change) {
  const found = findHeader(headers, lowerName)
  if (found === undefined || typeof found.value !== 'string') return undefined
  return { ...headers, [found.name]: change(found.value) }
}

function without(headers, lowerNames) {
  return Object.fromEntries(Object.entries(headers).filter(([n]) => !lowerNames.includes(n.toLowerCase())))
}

// ── tampering, driven by each preset's scheme data (header names, labels, timestamp source) ──
/** Changes the last digit of a hex or base64 signature to another valid digit. */
function flipDigit(text) {
  const last = text.at(-1)
  const next = last === '0' ? '1' : /[0-9a-f]/.test(last) ? '0' : last === 'A' ? 'B' : 'A'
  return text.slice(0, -1) + next
}

/** Every signature entry of a header value, changed by one digit. */
function tamperSignatureValue(scheme, value) {
  if (scheme.labelSeparator === undefined) return flipDigit(value)
  const entries = scheme.separator === undefined ? [value] : value.split(scheme.separator)
  return entries
    .map((entry) => {
      const at = entry.indexOf(scheme.labelSeparator)
      const label = at < 0 ? '' : entry.slice(0, at).trim()
      return Object.hasOwn(scheme.algorithms, label) ? flipDigit(entry.trimEnd()) : entry
    })
    .join(scheme.separator ?? '')
}

function signatureHeaderOf(scheme, headers) {
  for (const name of scheme.signatureHeaders) if (findHeader(headers, name)) return name
  return undefined
}

/** The signed timestamp in seconds, read from the header or the labelled entry. */
function timestampOf(scheme, headers) {
  const ts = scheme.timestamp
  if (ts === undefined || ts.unit !== 's') return undefined
  if (ts.header !== undefined) {
    const found = findHeader(headers, ts.header.toLowerCase())
    return found && /^\d+$/.test(found.value.trim()) ? Number(found.value.trim()) : undefined
  }
  const sig = findHeader(headers, scheme.signatureHeaders[0])
  const match = sig && new RegExp(`(?:^|${scheme.separator})\\s*${ts.label}${scheme.labelSeparator}(\\d+)`).exec(sig.value)
  return match ? Number(match[1]) : undefined
}

function shiftTimestamp(scheme, headers, by) {
  const ts = scheme.timestamp
  if (ts.header !== undefined) return withHeader(headers, ts.header.toLowerCase(), (v) => String(Number(v.trim()) + by))
  const re = new RegExp(`((?:^|${scheme.separator})\\s*${ts.label}${scheme.labelSeparator})(\\d+)`)
  return withHeader(headers, scheme.signatureHeaders[0], (v) => v.replace(re, (_, head, t) => head + String(Number(t) + by)))
}

/** The deliveries to send for one fixture: itself, then (for a genuine one) its tampered twins. */
function deliveriesFor(fixture) {
  const scheme = presets[fixture.preset]
  const body = bodyOf(fixture)
  const now = nowOf(fixture)
  const base = { fixture, headers: fixture.headers, body, now }
  const list = [{ ...base, label: fixture.name, expect: fixture.expect, genuine: true }]
  if (fixture.expect !== 'ok') return list

  const MISMATCH = 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
  const tampered = (label, changes, expect) => list.push({ ...base, ...changes, label: `${fixture.name} ~ ${label}`, expect, genuine: false })

  const flipped = new Uint8Array(body.length === 0 ? 1 : body)
  if (body.length === 0) flipped[0] = 0x20
  else flipped[body.length >> 1] ^= 0x01
  tampered(body.length === 0 ? 'one byte added' : 'one body byte changed', { body: flipped }, MISMATCH)

  try {
    const reparsed = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))))
    if (Buffer.compare(reparsed, body) !== 0) tampered('JSON re-serialised', { body: reparsed }, MISMATCH)
  } catch {
    // not JSON: nothing a JSON body parser would rewrite
  }

  const sigHeader = signatureHeaderOf(scheme, fixture.headers)
  if (sigHeader !== undefined) {
    const headers = withHeader(fixture.headers, sigHeader, (v) => tamperSignatureValue(scheme, v))
    if (headers) tampered('one signature digit changed', { headers }, MISMATCH)
    tampered('signature header removed', { headers: without(fixture.headers, scheme.signatureHeaders) }, 'ERR_WEBHOOK_MISSING_HEADER')
  }

  const ts = timestampOf(scheme, fixture.headers)
  if (ts !== undefined) {
    const headers = shiftTimestamp(scheme, fixture.headers, 1)
    if (headers) tampered('timestamp moved by 1 s', { headers }, MISMATCH)
    const tolerance = fixture.options?.toleranceSeconds ?? scheme.timestamp.toleranceSeconds
    const late = (tolerance + 60) * 1000
    tampered(`replayed ${Math.round((tolerance + 60) / 60)} min later`, { now: ts * 1000 + late }, 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    tampered(`clock ${Math.round((tolerance + 60) / 60)} min behind`, { now: ts * 1000 - late }, 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
  }
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
  if (delivery.now !== undefined) headers.set('x-demo-now', String(delivery.now))
  const res = await fetch(`${url}/${delivery.fixture.preset}`, { method: 'POST', headers, body: delivery.body })
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
    if (delivery.genuine && fixture.expectKind !== undefined && fixture.expectKind !== kind) return { got, code: '', surprise: `kind ${kind}, expected ${fixture.expectKind}` }
    if (delivery.genuine && fixture.expectResponseBody !== undefined && fixture.expectResponseBody !== answer.text) {
      return { got, code: '', surprise: `answered ${answer.text.slice(0, 60)}` }
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
  const fixtures = await loadFixtures(fixturesDir)
  if (fixtures.length === 0) throw new Error(`No fixtures found under ${fixturesDir}: run \`npm run fixtures\` first.`)

  const secretsDir = await mkdtemp(join(tmpdir(), 'hookseal-demo-'))
  process.env.SECRETS_DIR = secretsDir
  const { default: handler } = await import('./handler.mjs')
  const fn = await startFunction(handler)

  console.log(bold('hookseal demo'), dim(`· an OpenFaaS-style function on ${fn.url} guarded by verifyWebhook`))
  console.log(dim(`  replaying ${fixtures.length} recorded deliveries from ${fixturesDir}, each as recorded and then tampered`))
  console.log(dim('  (codes below are WebhookVerificationError codes without their ERR_WEBHOOK_ prefix)\n'))

  const rows = []
  try {
    for (const fixture of fixtures) {
      // The function reads its secret from the mounted secret file, as on OpenFaaS.
      const secrets = Array.isArray(fixture.secret) ? fixture.secret : [fixture.secret]
      await writeFile(join(secretsDir, `${fixture.preset}-webhook-secret`), secrets.join('\n') + '\n')
      for (const delivery of deliveriesFor(fixture)) {
        let verdict
        try {
          verdict = judge(delivery, await send(fn.url, delivery))
        } catch (error) {
          verdict = { got: 'no answer', code: '', surprise: String(error?.cause?.message ?? error?.message ?? error) }
        }
        rows.push({ preset: fixture.preset, delivery: delivery.label, expected: delivery.expect, genuine: delivery.genuine, description: fixture.description, ...verdict })
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
  const genuine = rows.filter((r) => r.genuine).length
  console.log()
  const summary = `${rows.length} deliveries (${genuine} recorded, ${rows.length - genuine} tampered), ${accepted} accepted, ${rejected} rejected as expected, ${surprises.length} surprise${surprises.length === 1 ? '' : 's'}`
  console.log(surprises.length === 0 ? green(summary) : red(summary))
  for (const r of surprises) console.log(red(`  ✗ ${r.preset}/${r.delivery}: ${r.surprise}`))
  return surprises.length === 0 ? 0 : 1
}

function printTable(rows) {
  const MAX_DELIVERY = 52
  const cut = (text, n) => (text.length <= n ? text : text.slice(0, n - 1) + '…')
  // Codes are shown without their common ERR_WEBHOOK_ prefix to keep the table narrow.
  const short = (code) => code.replace(/^ERR_WEBHOOK_/, '')
  const cells = rows.map((r) => [r.preset, cut(r.delivery, MAX_DELIVERY), short(r.expected), r.got, short(r.code) || '—', r.surprise ? '✗' : '✓'])
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
    console.log(r.surprise ? red(text) : r.genuine ? text : dim(text))
    if (verbose && r.genuine && r.description) console.log(dim(`        ${r.description}`))
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
