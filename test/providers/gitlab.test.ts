// GitLab: X-Gitlab-Token carries the webhook's secret token as configured
// (https://docs.gitlab.com/user/project/integrations/webhooks/, "Secret token"). Exact-match
// semantics for every near miss, and the delivery id is the Idempotency-Key, which GitLab's sender
// (app/services/web_hook_service.rb) keeps across the retries of one event.
import { describe, expect, test } from 'vitest'
import { gitlab } from '../../providers/gitlab.js'
import { sign, verifyAny, verifyWebhook } from '../../src/index.js'
import { code, tokenSemantics } from './token-semantics.js'

tokenSemantics('gitlab', 'X-Gitlab-Token', 'glpat-Secret_Token-2025')
tokenSemantics('gitlab', 'X-Gitlab-Token', 'mR$7#tQ!p@2^zL&9%wX*4+eV=8')

const TOKEN = 'hookseal-gitlab-Secret-Token_2025'
const body = '{"object_kind":"push","ref":"refs/heads/main","user_name":"Zoë"}'
const headers = (idempotencyKey: string, webhookUuid: string) => ({
  'Content-Type': 'application/json',
  'Idempotency-Key': idempotencyKey,
  'X-Gitlab-Event': 'Push Hook',
  'X-Gitlab-Webhook-UUID': webhookUuid,
  'X-Gitlab-Event-UUID': '3f1c0a2e-9b7d-4e65-8a31-52c4d7e9f0b8',
  'X-Gitlab-Instance': 'https://gitlab.example.com',
  'X-Gitlab-Token': TOKEN,
})

describe('gitlab', () => {
  test('the id is the Idempotency-Key: the same on a retry, whatever X-Gitlab-Webhook-UUID says', async () => {
    const first = await verifyWebhook({ headers: headers('9f1b6c2e-evt', 'uuid-attempt-1'), body }, 'gitlab', TOKEN)
    const retry = await verifyWebhook({ headers: headers('9f1b6c2e-evt', 'uuid-attempt-2'), body }, 'gitlab', TOKEN)
    expect(first.id).toBe('9f1b6c2e-evt')
    expect(retry.id).toBe(first.id)
    // before GitLab 17.4 there is no Idempotency-Key: no id rather than a per-attempt or shared UUID
    const { 'Idempotency-Key': _, ...older } = headers('x', 'uuid-attempt-3')
    expect((await verifyWebhook({ headers: older, body }, 'gitlab', TOKEN)).id).toBeUndefined()
  })

  test('sign() writes the token and the id GitLab would send', async () => {
    expect(await sign('gitlab', { payload: body, secret: TOKEN, id: 'evt-1' })).toEqual({ 'Idempotency-Key': 'evt-1', 'X-Gitlab-Token': TOKEN })
  })

  test('a multi-byte token is compared as UTF-8, exactly', async () => {
    const token = 'sécrèt-тайна-秘密'
    expect(await code(verifyWebhook({ headers: { 'X-Gitlab-Token': token }, body }, 'gitlab', token))).toBe('accepted')
    expect(await code(verifyWebhook({ headers: { 'X-Gitlab-Token': token.normalize('NFD') }, body }, 'gitlab', token))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('verifyAny tells GitLab from Telegram and GitHub by its headers', async () => {
    const secrets = { github: 'gh-secret', telegram: 'tg_secret', gitlab: TOKEN }
    expect((await verifyAny({ headers: headers('k', 'u'), body }, secrets)).provider).toBe('gitlab')
    expect(await code(verifyAny({ headers: { ...headers('k', 'u'), 'X-Gitlab-Token': 'wrong' }, body }, secrets))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the preset: a token scheme with no window, documented as signing nothing', () => {
    const scheme = gitlab()
    expect(scheme.algorithms).toEqual({ '': 'token' })
    expect(scheme.encoding).toBe('text')
    expect(scheme.timestamp).toBeUndefined()
    expect(scheme.idHeader).toBe('Idempotency-Key')
    expect(scheme.docs).toBe('https://docs.gitlab.com/user/project/integrations/webhooks/')
  })
})
