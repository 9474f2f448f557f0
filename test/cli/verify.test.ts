// hookseal verify: exit codes, and the diagnosis of failures. Every genuine delivery here is signed
// by someone else (GitHub's documented example, @octokit/webhooks-methods, the Stripe SDK, node:crypto
// following a provider's documented formula); each broken variant must be diagnosed with the cause id
// that explains it. Assertions are on codes and cause ids, never on the wording.
import { createHmac, createPrivateKey, sign as edSign } from 'node:crypto'
import { sign as octokitSign } from '@octokit/webhooks-methods'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import type { Diagnosis } from '../../src/cli/diagnose.js'
import { cli } from './helpers.js'

const GITHUB = { secret: "It's a Secret to Everybody", body: 'Hello, World!', signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }
const SECRET = 'gh-webhook-secret'
const NOW = 1_700_000_000_000

async function json(argv: string[], stdin: string, extra: Parameters<typeof cli>[1] = {}): Promise<{ code: number; out: Diagnosis & { ok: boolean } }> {
  const r = await cli([...argv, '--json'], { stdin, now: NOW, ...extra })
  return { code: r.code, out: JSON.parse(r.stdout) }
}

const ids = (d: Diagnosis, key: 'found' | 'possible' = 'found') => d[key].map((c) => c.id)

async function github(body: string, secret = SECRET): Promise<string[]> {
  return ['--header', `X-Hub-Signature-256: ${await octokitSign(secret, body)}`, '--header', 'X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958']
}

describe('hookseal verify: genuine deliveries', () => {
  it("exits 0 on GitHub's documented example", async () => {
    const r = await cli(['verify', 'github', '--secret', GITHUB.secret, '--header', `X-Hub-Signature-256: ${GITHUB.signature}`], { stdin: GITHUB.body })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^OK /)
    expect(r.stderr).toBe('')
  })

  it('--json says ok, with the id', async () => {
    const body = '{"action":"opened"}'
    const { code, out } = await json(['verify', 'github', '--secret', SECRET, ...(await github(body))], body)
    expect(code).toBe(0)
    expect(out).toMatchObject({ ok: true, provider: 'github', kind: 'event', id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' })
  })

  it('header names are case-insensitive and the secret may come from a file', async () => {
    const r = await cli(['verify', 'github', '--secret-file', 's', '--header', `x-hub-signature-256:${GITHUB.signature}`], { stdin: GITHUB.body, files: { s: `${GITHUB.secret}\n` } })
    expect(r.code).toBe(0)
  })

  it('reads headers from --headers-file (a copied header block with its request line)', async () => {
    const block = `POST /webhooks/github HTTP/1.1\r\nHost: example.com\r\nX-Hub-Signature-256: ${GITHUB.signature}\r\nContent-Type: application/json\r\n\r\n`
    const r = await cli(['verify', 'github', '--secret', GITHUB.secret, '--headers-file', 'h.txt'], { stdin: GITHUB.body, files: { 'h.txt': block } })
    expect(r.code).toBe(0)
    const missing = await cli(['verify', 'github', '--secret', GITHUB.secret, '--headers-file', 'nope.txt'], { stdin: GITHUB.body })
    expect(missing.code).toBe(2)
  })

  it('checks a body larger than the library default of 1 MiB (the CLI already holds it all)', async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(1_200_000) })
    const { code, out } = await json(['verify', 'github', '--secret', SECRET, ...(await github(body))], body)
    expect(code).toBe(0)
    expect(out.ok).toBe(true)
  })
})

describe('hookseal verify: failures name the step and the cause', () => {
  it('a wrong secret: exit 1, SIGNATURE_MISMATCH on stderr, nothing on stdout', async () => {
    const r = await cli(['verify', 'github', '--secret', 'wrong', '--header', `X-Hub-Signature-256: ${GITHUB.signature}`], { stdin: GITHUB.body })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    const { out } = await json(['verify', 'github', '--secret', 'wrong', '--header', `X-Hub-Signature-256: ${GITHUB.signature}`], GITHUB.body)
    expect(out).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
    expect(out.found).toEqual([])
    expect(ids(out, 'possible')).toContain('wrong-secret-or-body')
  })

  it('whitespace around the secret', async () => {
    const { code, out } = await json(['verify', 'github', '--secret', `${GITHUB.secret} `, '--header', `X-Hub-Signature-256: ${GITHUB.signature}`], GITHUB.body)
    expect(code).toBe(1)
    expect(ids(out)).toEqual(['secret-whitespace'])
  })

  it('CRLF line endings where the sender signed LF, and the reverse', async () => {
    const lf = '{\n  "action": "opened"\n}'
    const crlf = lf.replace(/\n/g, '\r\n')
    expect(ids((await json(['verify', 'github', '--secret', SECRET, ...(await github(lf))], crlf)).out)).toContain('body-crlf')
    expect(ids((await json(['verify', 'github', '--secret', SECRET, ...(await github(crlf))], lf)).out)).toContain('body-lf')
  })

  it('a trailing newline the sender did not sign (echo, heredoc)', async () => {
    const body = '{"action":"opened"}'
    const { out } = await json(['verify', 'github', '--secret', SECRET, ...(await github(body))], `${body}\n`)
    expect(ids(out)).toContain('body-trailing-newline')
  })

  it('a re-serialised JSON body: found when a standard form verifies, suspected otherwise', async () => {
    const pretty = JSON.stringify({ action: 'opened', number: 1, labels: ['a'] }, null, 2)
    const compact = JSON.stringify(JSON.parse(pretty))
    const found = await json(['verify', 'github', '--secret', SECRET, ...(await github(pretty))], compact)
    expect(ids(found.out)).toEqual(['body-json-reserialised'])
    const odd = '{"action" : "opened",  "n": 1.0}'
    const suspected = await json(['verify', 'github', '--secret', SECRET, ...(await github(odd))], JSON.stringify(JSON.parse(odd)))
    expect(suspected.out.found).toEqual([])
    expect(ids(suspected.out, 'possible')).toContain('body-json-reserialised')
  })

  it('a clock off by N seconds, both ways, with N reported (Stripe SDK signer)', async () => {
    const secret = 'whsec_abc123'
    const body = '{"id":"evt_1"}'
    const t = NOW / 1000 - 400
    const header = new Stripe('sk_test_dummy').webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t })
    const old = await json(['verify', 'stripe', '--secret', secret, '--header', `Stripe-Signature: ${header}`], body)
    expect(old.code).toBe(1)
    expect(old.out.code).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(old.out.found).toMatchObject([{ id: 'clock-skew', skewSeconds: 400 }])
    const future = await json(['verify', 'stripe', '--secret', secret, '--header', `Stripe-Signature: ${header}`], body, { now: (t - 350) * 1000 })
    expect(future.out.code).toBe('ERR_WEBHOOK_TIMESTAMP_IN_FUTURE')
    expect(future.out.found).toMatchObject([{ id: 'clock-skew', skewSeconds: -350 }])
    // --now at the signed time, or a wider --tolerance, verifies
    expect((await cli(['verify', 'stripe', '--secret', secret, '--header', `Stripe-Signature: ${header}`, '--now', String(t * 1000)], { stdin: body })).code).toBe(0)
    expect((await cli(['verify', 'stripe', '--secret', secret, '--header', `Stripe-Signature: ${header}`, '--tolerance', '400'], { stdin: body, now: NOW })).code).toBe(0)
  })

  it('a Stripe secret without its whsec_ prefix (the wrong secret kind)', async () => {
    const body = '{"id":"evt_1"}'
    const header = new Stripe('sk_test_dummy').webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_abc123', timestamp: NOW / 1000 })
    const { out } = await json(['verify', 'stripe', '--secret', 'abc123', '--header', `Stripe-Signature: ${header}`], body)
    expect(ids(out)).toContain('secret-prefix-missing')
  })

  it('Discord: the private key where the public key belongs (node:crypto signs, RFC 8032 test 1 key)', async () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'
    const publicKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
    const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed, 'hex')]), format: 'der', type: 'pkcs8' })
    const ts = String(NOW / 1000)
    const body = '{"type":1}'
    const signature = edSign(null, Buffer.from(ts + body), key).toString('hex')
    const headers = ['--header', `X-Signature-Ed25519: ${signature}`, '--header', `X-Signature-Timestamp: ${ts}`]
    const ok = await json(['verify', 'discord', '--secret', publicKey, ...headers], body)
    expect(ok.out).toMatchObject({ ok: true, kind: 'handshake' })
    const wrong = await json(['verify', 'discord', '--secret', seed, ...headers], body)
    expect(wrong.out.code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(ids(wrong.out)).toContain('private-key')
  })

  it('Square: a URL changed by a proxy (signed per Square\'s documented formula, HMAC-SHA256 base64 of URL + body)', async () => {
    const body = '{"merchant_id":"M1"}'
    const url = 'https://hooks.example.com/square'
    const signature = createHmac('sha256', 'sq-key').update(url + body).digest('base64')
    const header = ['--header', `x-square-hmacsha256-signature: ${signature}`]
    expect((await cli(['verify', 'square', '--secret', 'sq-key', '--url', url, ...header], { stdin: body })).code).toBe(0)
    const { out } = await json(['verify', 'square', '--secret', 'sq-key', '--url', 'http://hooks.example.com/square', ...header], body)
    expect(ids(out)).toEqual(['url-changed'])
  })

  it('another preset: a GitHub delivery checked as openfaas names github', async () => {
    const body = '{"zen":"hi"}'
    const { out } = await json(['verify', 'openfaas', '--secret', SECRET, ...(await github(body))], body)
    expect(out.code).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(out.found).toContainEqual(expect.objectContaining({ id: 'other-preset', preset: 'github' }))
    expect(ids(out, 'possible')).toContain('headers-missing')
  })

  it('a timestamp in milliseconds where the preset sends seconds (Slack)', async () => {
    const { out } = await json(['verify', 'slack', '--secret', 's', '--header', 'X-Slack-Signature: v0=' + 'ab'.repeat(32), '--header', `X-Slack-Request-Timestamp: ${NOW}`], 'x')
    expect(out.code).toBe('ERR_WEBHOOK_MALFORMED_HEADER')
    expect(ids(out)).toContain('timestamp-unit')
  })

  it('a quoted signature value', async () => {
    const { out } = await json(['verify', 'github', '--secret', GITHUB.secret, '--header', `X-Hub-Signature-256: "${GITHUB.signature}"`], GITHUB.body)
    expect(out.code).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(ids(out)).toContain('header-quoted')
  })
})

describe('hookseal verify: usage errors exit 2', () => {
  it.each([
    ['a header without a colon', ['verify', 'github', '--secret', 's', '--header', 'X-Hub-Signature-256 sha256=00']],
    ['a preset that signs the URL, without --url', ['verify', 'twilio', '--secret', 's']],
    ['--now that is not milliseconds', ['verify', 'github', '--secret', 's', '--now', 'yesterday']],
    ['--tolerance that is not a number', ['verify', 'github', '--secret', 's', '--tolerance', '-5']],
    ['a Discord key that is no key at all', ['verify', 'discord', '--secret', 'not-a-key', '--header', 'X-Signature-Ed25519: 00']],
    ['two presets', ['verify', 'github', 'stripe', '--secret', 's']],
  ])('%s', async (_, argv) => {
    const r = await cli(argv, { stdin: 'x' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('hookseal verify')
  })
})
