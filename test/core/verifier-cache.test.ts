// verifyWebhook keeps the verifiers it builds for repeated arguments (a performance measure): these
// tests check that every argument still counts, call after call, so the cache can never hand one
// request's secret, window or replay setting to another. Signatures come from node:crypto and the
// providers' documented formulas (GitHub: hex HMAC-SHA256 of the body; Stripe: of `${t}.${body}`).
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { defineScheme, verifyWebhook } from '../../src/index.js'

const hmacHex = (secret: string | Uint8Array, content: string) => createHmac('sha256', secret).update(content).digest('hex')
const github = (body: string, secret: string | Uint8Array) => ({ headers: { 'x-hub-signature-256': `sha256=${hmacHex(secret, body)}` }, body })
const stripeAt = (body: string, secret: string, t: number) => ({ headers: { 'stripe-signature': `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}` }, body })
const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error))

describe('verifyWebhook with repeated arguments', () => {
  test('each call checks its own secret, alternating', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await code(verifyWebhook(github('{}', 'a'), 'github', 'a'))).toBe('ok')
      expect(await code(verifyWebhook(github('{}', 'a'), 'github', 'b'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      expect(await code(verifyWebhook(github('{}', 'a'), 'github', ['b', 'a']))).toBe('ok')
      expect(await code(verifyWebhook(github('{}', 'a'), 'github', ['b']))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    }
  })

  test('the same secret with another preset, or with options after none, is checked as such', async () => {
    const t = 1_700_000_000
    const request = stripeAt('{}', 'whsec_x', t)
    expect(await code(verifyWebhook(github('{}', 'whsec_x'), 'github', 'whsec_x'))).toBe('ok')
    expect(await code(verifyWebhook(github('{}', 'whsec_x'), 'stripe', 'whsec_x'))).toBe('ERR_WEBHOOK_MISSING_HEADER')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now: t * 1000 }))).toBe('ok')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now: (t + 3600) * 1000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x'))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
  })

  test('bytes secrets count by content: a different array with other bytes is another secret', async () => {
    const a = new TextEncoder().encode('a')
    expect(await code(verifyWebhook(github('{}', 'a'), 'github', a))).toBe('ok')
    expect(await code(verifyWebhook(github('{}', 'a'), 'github', new TextEncoder().encode('b')))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await code(verifyWebhook(github('{}', 'a'), 'github', a))).toBe('ok')
  })

  test('now and toleranceSeconds are honoured per call, including a Date changed in place', async () => {
    const t = 1_700_000_000
    const request = stripeAt('{}', 'whsec_x', t)
    const now = new Date(t * 1000)
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now }))).toBe('ok')
    now.setTime((t + 3600) * 1000)
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now, toleranceSeconds: 7200 }))).toBe('ok')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now: (t + 3600) * 1000 }))).toBe('ERR_WEBHOOK_TIMESTAMP_TOO_OLD')
    expect(await code(verifyWebhook(request, 'stripe', 'whsec_x', { now: t * 1000 }))).toBe('ok')
  })

  test('replay is honoured per call: with it the second delivery is refused, without it the request passes again', async () => {
    const request = github('{"test":"verifier-cache replay"}', 'a')
    expect(await code(verifyWebhook(request, 'github', 'a'))).toBe('ok')
    expect(await code(verifyWebhook(request, 'github', 'a', { replay: true }))).toBe('ok')
    expect(await code(verifyWebhook(request, 'github', 'a', { replay: true }))).toBe('ERR_WEBHOOK_REPLAYED')
    expect(await code(verifyWebhook(request, 'github', 'a'))).toBe('ok')
  })

  test('two schemes with the same id are told apart', async () => {
    const spec = { id: 'acme', signatureHeader: 'x-sig', algorithms: { '': 'hmac-sha256' }, encoding: 'hex', signedContent: '{body}' } as const
    const hex = defineScheme(spec)
    const base64 = defineScheme({ ...spec, encoding: 'base64' })
    const request = { headers: { 'x-sig': hmacHex('k', '{}') }, body: '{}' }
    expect(await code(verifyWebhook(request, hex, 'k'))).toBe('ok')
    expect(await code(verifyWebhook(request, base64, 'k'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH') // 64 hex digits also read as base64
    expect(await code(verifyWebhook(request, hex, 'k'))).toBe('ok')
  })

  test('configuration mistakes throw on every call', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(verifyWebhook(github('{}', 'a'), 'github', '')).rejects.toBeInstanceOf(TypeError)
      await expect(verifyWebhook(github('{}', 'a'), 'github', 'a', { toleranceSeconds: -1 })).rejects.toBeInstanceOf(TypeError)
    }
  })
})
