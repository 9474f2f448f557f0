// Every example in examples/ run by test/examples/drive.mjs under plain Node, importing the BUILT
// package by its own name as users do: a correctly signed delivery is accepted by the example's
// handler, a wrongly signed one is 401 {"error":"ERR_WEBHOOK_SIGNATURE_MISMATCH"}.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/adapters/express.js`)
if (!built) console.warn('test/examples: dist/ is missing (run `npx tsup`); the examples are skipped.')

type Outcome = { status: number; body: unknown }
let results: Record<string, Record<string, Outcome | number>> = {}

describe.skipIf(!built)('examples', () => {
  beforeAll(async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['test/examples/drive.mjs'], { cwd: root, timeout: 60_000 }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)))
    })
    results = JSON.parse(stdout.trim().split('\n').at(-1)!)
  }, 60_000)

  const accepted: Record<string, Outcome> = {
    express: { status: 202, body: { received: 'd-123' } },
    fastify: { status: 200, body: { received: true } },
    nextjs: { status: 202, body: { received: 'd-123' } },
    cloudflare: { status: 200, body: { received: true } },
    lambda: { status: 202, body: { received: 'd-123' } },
    openfaas: { status: 202, body: { received: 'd-123' } },
  }
  for (const [name, ok] of Object.entries(accepted)) {
    test(`${name}: a signed delivery reaches the handler, a wrong signature is 401`, () => {
      expect(results[name]!.ok).toEqual(ok)
      expect(results[name]!.bad).toEqual({ status: 401, body: { error: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' } })
    })
  }

  test('fastify: routes outside the webhook scope keep the JSON parser', () => {
    expect(results.fastify!.echo).toEqual({ status: 200, body: { a: 1 } })
  })

  test('cloudflare: the handler deferred its work with ctx.waitUntil', () => {
    expect(results.cloudflare!.waitUntil).toBe(1)
  })
})
