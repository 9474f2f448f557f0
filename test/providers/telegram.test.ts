// Telegram: X-Telegram-Bot-Api-Secret-Token carries setWebhook's secret_token as it was given
// (https://core.telegram.org/bots/api#setwebhook; 1–256 characters of A-Z a-z 0-9 _ -). Exact-match
// semantics for every near miss; Telegram signs nothing, so the body is never involved.
import { describe, expect, test } from 'vitest'
import { telegram } from '../../providers/telegram.js'
import { verifyAny, verifyWebhook } from '../../src/index.js'
import { code, tokenSemantics } from './token-semantics.js'

tokenSemantics('telegram', 'X-Telegram-Bot-Api-Secret-Token', 'hookseal_Telegram-secret_0123456789')
tokenSemantics('telegram', 'X-Telegram-Bot-Api-Secret-Token', 'Z9')

const HEADER = 'X-Telegram-Bot-Api-Secret-Token'
const update = '{"update_id":873215506,"message":{"message_id":1365,"text":"Bonjour 👋"}}'

describe('telegram', () => {
  test('the longest secret_token Telegram allows (256 characters) and one character short of it', async () => {
    const token = 'Ab9_-'.repeat(51) + 'Z'
    expect(token).toHaveLength(256)
    expect(await code(verifyWebhook({ headers: { [HEADER]: token }, body: update }, 'telegram', token))).toBe('accepted')
    expect(await code(verifyWebhook({ headers: { [HEADER]: token.slice(0, 255) }, body: update }, 'telegram', token))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('the bot token is not the secret_token', async () => {
    const botToken = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'
    expect(await code(verifyWebhook({ headers: { [HEADER]: 'hookseal_secret' }, body: update }, 'telegram', botToken))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('verifyAny recognises a Telegram update among other presets', async () => {
    const result = await verifyAny({ headers: { [HEADER]: 'tg_secret' }, body: update }, { github: 'gh', gitlab: 'gl', telegram: 'tg_secret' })
    expect(result.provider).toBe('telegram')
    expect(result.id).toBeUndefined()
  })

  test('the preset: a token scheme, no window, no id header', () => {
    const scheme = telegram()
    expect(scheme.algorithms).toEqual({ '': 'token' })
    expect(scheme.timestamp).toBeUndefined()
    expect(scheme.idHeader).toBeUndefined()
    expect(scheme.docs).toBe('https://core.telegram.org/bots/api#setwebhook')
  })
})
