// The shared-token presets (gitlab, telegram): what "compare a shared token" must mean, tested the
// same way for each. The oracle is the provider's documented semantics — the header carries the
// configured token as it is — so exact equality is the whole contract: every near miss fails with
// the mismatch code, and the body, which the token does not cover, never matters.
import { describe, expect, test } from 'vitest'
import { createVerifier, sign, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

export const code = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`),
  )

/** Registers the token-semantics tests for one preset. `token`: at least two characters, one a letter. */
export function tokenSemantics(preset: string, headerName: string, token: string): void {
  const body = '{"ok":true}'
  const send = (value: string | undefined, secret: string | readonly string[] = token, payload: string | Uint8Array = body) =>
    code(verifyWebhook({ headers: value === undefined ? { 'Content-Type': 'application/json' } : { [headerName]: value }, body: payload }, preset, secret))
  const letter = [...token].findIndex((c) => /[A-Za-z]/.test(c))
  const flipped = token.slice(0, letter) + (token[letter] === token[letter]!.toUpperCase() ? token[letter]!.toLowerCase() : token[letter]!.toUpperCase()) + token.slice(letter + 1)
  const mid = Math.floor(token.length / 2)

  describe(`${preset}: the ${headerName} token`, () => {
    test('the exact token is accepted, as an event, whatever the body', async () => {
      expect(await send(token)).toBe('accepted')
      for (const payload of ['', 'not json at all', Uint8Array.of(0xff, 0xfe, 0x00), '{"ok":false}']) expect(await send(token, token, payload)).toBe('accepted')
      const result = await verifyWebhook({ headers: { [headerName.toLowerCase()]: token }, body }, preset, token)
      expect(result.kind).toBe('event')
      expect(result.provider).toBe(preset)
      expect(result.timestamp).toBeUndefined()
      expect(result.payload).toEqual({ ok: true })
    })

    test.each([
      ['another token', () => `${token.slice(0, -1)}${token.at(-1) === 'x' ? 'y' : 'x'}`],
      ['a prefix of the right one (last character dropped)', () => token.slice(0, -1)],
      ['only its first character', () => token.slice(0, 1)],
      ['the right one plus a character (the right one is its prefix)', () => `${token}x`],
      ['the right one twice', () => token + token],
      ['one letter in the other case', () => flipped],
      ['a space inside', () => `${token.slice(0, mid)} ${token.slice(mid)}`],
      ['a tab inside', () => `${token.slice(0, mid)}\t${token.slice(mid)}`],
    ])('%s → mismatch', async (_, value) => {
      expect(await send(value())).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })

    test('no header → missing; an empty or blank one → malformed', async () => {
      expect(await send(undefined)).toBe('ERR_WEBHOOK_MISSING_HEADER')
      expect(await send('')).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
      expect(await send('   ')).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    })

    test('whitespace: around the value it is not part of the HTTP field (RFC 9110 §5.5); in the configured secret it is kept', async () => {
      expect(await send(` ${token}`)).toBe('accepted')
      expect(await send(`${token}\t `)).toBe('accepted')
      // a secret read from a file with its newline is another token (and the mismatch message says so)
      const error = await verifyWebhook({ headers: { [headerName]: token }, body }, preset, `${token}\n`).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WebhookVerificationError)
      expect((error as WebhookVerificationError).code).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
      expect((error as WebhookVerificationError).status).toBe(401)
      expect((error as WebhookVerificationError).message).not.toContain(token)
    })

    test('a rotation list: either token passes and the result says which', async () => {
      const result = await verifyWebhook({ headers: { [headerName]: token }, body }, preset, ['an-older-token', token])
      expect(result.matchedSecret).toBe(1)
      expect(await send(token, ['an-older-token', 'another-token'])).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    })

    test('sign() writes the token itself in the header, and that request verifies', async () => {
      const headers = await sign(preset, { payload: body, secret: token })
      expect(Object.entries(headers).find(([k]) => k.toLowerCase() === headerName.toLowerCase())?.[1]).toBe(token)
      expect((await verifyWebhook({ headers, body }, preset, token)).kind).toBe('event')
    })

    test('an empty secret is a configuration error (TypeError), not a request error', () => {
      expect(() => createVerifier(preset, '')).toThrow(TypeError)
      expect(() => createVerifier(preset, [])).toThrow(TypeError)
    })
  })
}
