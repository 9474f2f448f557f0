// The auth suites' one way to take a rejection apart: it must be an AuthError, which is a
// WebhookVerificationError (one error family), never anything else.
import { expect } from 'vitest'
import { AuthError } from '../../src/auth/index.js'
import { WebhookVerificationError } from '../../src/core/errors.js'

export async function rejection(p: Promise<unknown>): Promise<AuthError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AuthError)
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return error as AuthError
}
