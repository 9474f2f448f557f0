// verifyAny with the presets that all read X-Hub-Signature(-256): github (X-Hub-Signature-256 +
// X-GitHub-Delivery), hub (either header), meta (X-Hub-Signature-256, no id header) and bitbucket
// (X-Hub-Signature + X-Request-UUID); openfaas has its own header. verifyAny picks the preset whose
// signature, timestamp and id headers a request carries most of; a tie is ambiguous and rejects with
// ERR_WEBHOOK_UNKNOWN_PROVIDER. (intercom, also sha1= in X-Hub-Signature, is not a preset: no vector.)
// Each preset gets its own secret, and every routed delivery is signed with that preset's secret
// only, so a request that verifies proves it was routed to the right preset.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { verifyAny, WebhookVerificationError } from '../../src/index.js'

const SECRETS = { github: 'gh-secret', hub: 'hub-key', meta: 'meta-app-secret', bitbucket: 'bb-secret', openfaas: 'openfaas-endpoint-secret' } as const
type Id = keyof typeof SECRETS
const pick = (...ids: Id[]) => Object.fromEntries(ids.map((id) => [id, SECRETS[id]]))
const hex = (hash: string, secret: string, body: string) => createHmac(hash, secret).update(body).digest('hex')

const body = '{"hello":"world"}'
// deliveries as each provider sends them (GitHub also sends the legacy sha1 header)
const deliveries = {
  github: { 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'X-Hub-Signature': `sha1=${hex('sha1', SECRETS.github, body)}`, 'X-Hub-Signature-256': `sha256=${hex('sha256', SECRETS.github, body)}` },
  meta: { 'X-Hub-Signature-256': `sha256=${hex('sha256', SECRETS.meta, body)}` },
  bitbucket: { 'X-Request-UUID': '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'X-Hook-UUID': '4f2b1c8e-7a3d-4e9f-b6c5-1d2e3f4a5b6c', 'X-Hub-Signature': `sha256=${hex('sha256', SECRETS.bitbucket, body)}` },
  hubLegacy: { 'X-Hub-Signature': `sha256=${hex('sha256', SECRETS.hub, body)}` },
  openfaas: { 'X-Openfaas-Delivery': 'fe0f677c-c431-498e-8ace-9ba857434334', 'X-Openfaas-Signature-256': `sha256=${hex('sha256', SECRETS.openfaas, body)}` },
  bothHubHeadersNoId: { 'X-Hub-Signature': `sha256=${hex('sha256', SECRETS.bitbucket, body)}`, 'X-Hub-Signature-256': `sha256=${hex('sha256', SECRETS.meta, body)}` },
}

async function outcome(headers: Record<string, string>, secrets: Record<string, string>): Promise<string> {
  return verifyAny({ method: 'POST', headers, body }, secrets).then(
    (result) => `ok:${result.provider}`,
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )
}

describe('verifyAny across the X-Hub-Signature family', () => {
  const all = pick('github', 'hub', 'meta', 'bitbucket', 'openfaas')

  test.each([
    // resolved: one preset carries more of its own headers than the others
    ['GitHub delivery (X-Hub-Signature-256 + X-GitHub-Delivery) among all five', deliveries.github, all, 'ok:github'],
    ['Bitbucket delivery (X-Hub-Signature + X-Request-UUID) among all five', deliveries.bitbucket, all, 'ok:bitbucket'],
    ['OpenFaaS Pro delivery (its own header) among all five', deliveries.openfaas, all, 'ok:openfaas'],
    ['GitHub delivery with github and meta configured', deliveries.github, pick('github', 'meta'), 'ok:github'],
    ['Meta delivery with meta and bitbucket configured (bitbucket reads the other header)', deliveries.meta, pick('meta', 'bitbucket'), 'ok:meta'],
    ['Bitbucket delivery with meta and bitbucket configured', deliveries.bitbucket, pick('meta', 'bitbucket'), 'ok:bitbucket'],
    ['Bitbucket delivery with hub and bitbucket configured (X-Request-UUID decides)', deliveries.bitbucket, pick('hub', 'bitbucket'), 'ok:bitbucket'],
    ['Meta delivery with meta alone', deliveries.meta, pick('meta'), 'ok:meta'],
    ['X-Hub-Signature only among hub, meta and github: only hub reads it', deliveries.hubLegacy, pick('hub', 'meta', 'github'), 'ok:hub'],
    // ambiguous: the same headers fit several presets equally
    ['Meta delivery (X-Hub-Signature-256 only) among all five: github, hub and meta tie', deliveries.meta, all, 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['Meta delivery with github and meta configured: no X-GitHub-Delivery, a tie', deliveries.meta, pick('github', 'meta'), 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['Meta delivery with hub and meta configured: a tie', deliveries.meta, pick('hub', 'meta'), 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['X-Hub-Signature only (no X-Request-UUID) with hub and bitbucket: a tie', deliveries.hubLegacy, pick('hub', 'bitbucket'), 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['both X-Hub-Signature headers and no id header, meta and bitbucket: a tie', deliveries.bothHubHeadersNoId, pick('meta', 'bitbucket'), 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['no signature header of any configured preset', { 'X-Request-UUID': 'x' }, all, 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
    ['OpenFaaS delivery with only the X-Hub presets configured', deliveries.openfaas, pick('github', 'hub', 'meta', 'bitbucket'), 'ERR_WEBHOOK_UNKNOWN_PROVIDER'],
  ])('%s → %s', async (_, headers, secrets, expected) => {
    expect(await outcome(headers, secrets)).toBe(expected)
  })

  test('routing is by headers, then the chosen preset verifies with its own secret only (no fallback)', async () => {
    // a Bitbucket-shaped request signed with meta's secret: routed to bitbucket, which rejects it
    const headers = { ...deliveries.bitbucket, 'X-Hub-Signature': `sha256=${hex('sha256', SECRETS.meta, body)}` }
    expect(await outcome(headers, pick('meta', 'bitbucket'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    // a GitHub delivery whose X-GitHub-Delivery was stripped is no longer routable among github and meta
    const { 'X-GitHub-Delivery': _, ...stripped } = deliveries.github
    expect(await outcome(stripped, pick('github', 'meta'))).toBe('ERR_WEBHOOK_UNKNOWN_PROVIDER')
  })

  test("known limit: Meta's unsigned GET subscribe handshake carries no signature header, so verifyAny cannot route it", async () => {
    // verify that route with verifyWebhook(req, 'meta', secret, { verifyToken }) instead
    const request = new Request('https://example.com/hooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock')
    const code = await verifyAny(request, pick('meta', 'github'), { verifyToken: 'meatyhamhock' }).then(
      () => 'accepted',
      (e: unknown) => (e as WebhookVerificationError).code,
    )
    expect(code).toBe('ERR_WEBHOOK_UNKNOWN_PROVIDER')
  })
})
