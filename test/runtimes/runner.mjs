// The fixture suite as one portable module: it runs inside Bun, Deno, workerd and the edge
// runtime, so it uses only what every one of them has (Uint8Array, TextEncoder, atob/btoa, Request,
// crypto.subtle) and no Node global. It mirrors test/providers/fixtures.test.ts: every fixture in
// every request shape must resolve or reject exactly as its `expect` says.
//
// runFixtures(api, fixtures, status) → { passed, failures, subtleEd25519 }
//   api       the built package's root module (verifyWebhook, WebhookVerificationError)
//   fixtures  plain fixture objects as stored in fixtures/<preset>/*.json, plus `preset` and `name`
//   status    the HTTP status per error code (test/providers/load-fixtures.ts STATUS)

/* global atob, btoa, crypto */
/* eslint no-restricted-globals: ["error", "Buffer", "process", "require", "__dirname", "setImmediate", "Deno", "Bun"] */

const encoder = new TextEncoder()

function bytesOf(f) {
  if (f.body !== undefined) return encoder.encode(f.body)
  const bin = atob(f.bodyBase64 ?? '')
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function toBase64(bytes) {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

const methodOf = (f) => (f.method ?? 'POST').toUpperCase()
const hasBody = (f) => !['GET', 'HEAD'].includes(methodOf(f))

function jsonOf(f) {
  if (f.body === undefined) return undefined
  try {
    return JSON.parse(f.body)
  } catch {
    return undefined
  }
}

function sameBytes(a, b) {
  if (!(a instanceof Uint8Array) || a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Structural equality of JSON values (what `payload` must be: the body parsed as JSON). */
function sameJson(a, b) {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]))
}

// The request shapes platforms hand over (the same four as test/providers/fixtures.test.ts).
const shapes = {
  'plain event': (f, bytes) => ({ method: methodOf(f), headers: f.headers, body: f.body ?? bytes }),
  'Uint8Array view at an offset': (f, bytes) => {
    const backing = new Uint8Array(bytes.length + 29).fill(0x7b)
    backing.set(bytes, 13)
    return { method: methodOf(f), headers: f.headers, body: backing.subarray(13, 13 + bytes.length) }
  },
  'Lambda base64 event': (f, bytes) => ({
    headers: Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: toBase64(bytes),
    isBase64Encoded: true,
    requestContext: { http: { method: methodOf(f) } },
  }),
  'Web Request': (f, bytes) =>
    new Request('http://127.0.0.1/webhook', { method: methodOf(f), headers: f.headers, body: hasBody(f) ? bytes.slice() : null }),
}

/** Why the outcome differs from the fixture's expectation, or undefined when it matches. */
async function check(api, f, bytes, status, promise) {
  let result
  try {
    result = await promise
  } catch (error) {
    if (f.expect === 'ok') return `rejected with ${error?.code ?? error?.name ?? String(error)}`
    if (!(error instanceof api.WebhookVerificationError) || error.name !== 'WebhookVerificationError') {
      return `rejected with a ${error?.name ?? typeof error}, not a WebhookVerificationError`
    }
    if (error.code !== f.expect || error.status !== status[f.expect]) return `rejected with ${error.code}/${error.status}`
    return undefined
  }
  if (f.expect !== 'ok') return `resolved, expected ${f.expect}`
  if (result.provider !== f.preset) return `provider ${result.provider}`
  if (!sameBytes(result.rawBody, bytes)) return 'rawBody differs from the bytes sent'
  if (result.kind !== (f.expectKind ?? 'event')) return `kind ${result.kind}`
  if (f.expectId !== undefined && result.id !== f.expectId) return `id ${result.id}`
  if (f.expectResponseBody !== undefined ? result.response?.body !== f.expectResponseBody : result.response !== undefined) return 'handshake response differs'
  if (!sameJson(result.payload, jsonOf(f))) return 'payload differs from the body parsed as JSON'
  return undefined
}

/** Whether this runtime's crypto.subtle has Ed25519 (else the web backend falls back to tweetnacl). */
async function subtleEd25519() {
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(32).fill(0x11), { name: 'Ed25519' }, false, ['verify'])
    return true
  } catch {
    return false
  }
}

export async function runFixtures(api, fixtures, status) {
  let passed = 0
  const failures = []
  for (const f of fixtures) {
    const bytes = bytesOf(f)
    for (const [shape, make] of Object.entries(shapes)) {
      let reason
      try {
        reason = await check(api, f, bytes, status, api.verifyWebhook(make(f, bytes), f.preset, f.secret, { ...f.options, now: f.now }))
      } catch (error) {
        reason = `threw synchronously: ${error?.name}: ${error?.message}`
      }
      if (reason === undefined) passed++
      else failures.push({ fixture: `${f.preset}/${f.name}`, shape, reason })
    }
  }
  return { passed, failures, subtleEd25519: await subtleEd25519() }
}

/**
 * An Ed25519 public key given as a CryptoKey of this runtime (keys from crypto.subtle may come
 * from another realm, as in the edge VM): a Discord-style delivery signed by this runtime's own
 * crypto.subtle must verify, and the same one with a changed body must not. Resolves to the two
 * outcomes ('ok' or the error code).
 */
export async function runCryptoKeyCheck(api) {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])
  const timestamp = '1700000000'
  const body = '{"type":1}'
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, encoder.encode(timestamp + body)))
  const hex = Array.from(signature, (b) => b.toString(16).padStart(2, '0')).join('')
  const attempt = (text) =>
    api
      .verifyWebhook({ method: 'POST', headers: { 'X-Signature-Ed25519': hex, 'X-Signature-Timestamp': timestamp }, body: text }, 'discord', pair.publicKey, { now: 1_700_000_010_000 })
      .then(
        () => 'ok',
        (error) => error?.code ?? String(error),
      )
  return { genuine: await attempt(body), tampered: await attempt('{"type":2}') }
}
