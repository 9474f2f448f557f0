// Smoke test of the BUILT package (dist/), loaded by its own name the way a dependent project loads
// it: package.json "exports" for 'hookseal' and 'hookseal/providers/<id>', "imports" conditions
// for the crypto backend. `npm test` builds first; when dist/ is missing the suite is skipped.
//
// CJS is loaded in-process with Node's own require. ESM is loaded in plain `node` children
// (test/dist/probe.mjs): inside Vitest an import() goes through Vite, whose '#crypto' alias would
// swap the built backend for the source one, so it would not test what users get.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`)
if (!built) console.warn('test/dist: dist/ is missing, so the built-package smoke tests are skipped. Run `npm run build` (npm test does).')

// GitHub's published example: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
const SECRET = "It's a Secret to Everybody"
const BODY = 'Hello, World!'
const SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
const TAMPERED = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e16'

type Api = typeof import('../../src/index.js')
type Outcome = { ok: true; kind: string; provider: string } | { ok: false; name: string; code: string; status: number; instanceOfRoot: boolean }
interface ProbeReport {
  resolved: { esm: string; cjs: string }
  backend: { esm: string; cjs: string }
  esm: Record<string, Outcome>
  cjs: Record<string, Outcome>
}

async function probe(conditions: string[]): Promise<ProbeReport> {
  const { stdout } = await promisify(execFile)(process.execPath, [...conditions.map((c) => `--conditions=${c}`), 'test/dist/probe.mjs'], { cwd: root })
  return JSON.parse(stdout) as ProbeReport
}

describe.skipIf(!built)('built package, CJS in-process (require)', () => {
  const require = createRequire(import.meta.url)

  test("require('hookseal') resolves to dist/node/index.cjs (the node condition's build)", () => {
    expect(require.resolve('hookseal')).toBe(`${root}dist/node/index.cjs`)
    expect(require.resolve('hookseal/providers/github')).toBe(`${root}dist/node/providers/github.cjs`)
  })

  test('verifies the GitHub docs vector and rejects a tampered one', async () => {
    const { verifyWebhook, WebhookVerificationError } = require('hookseal') as Api
    const ok = await verifyWebhook({ headers: { 'X-Hub-Signature-256': SIGNATURE }, body: BODY }, 'github', SECRET)
    expect(ok.kind).toBe('event')
    expect(new TextDecoder().decode(ok.rawBody)).toBe(BODY)

    const error = await verifyWebhook({ headers: { 'X-Hub-Signature-256': TAMPERED }, body: BODY }, 'github', SECRET).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect(error).toMatchObject({ name: 'WebhookVerificationError', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test('a scheme from a subpath works with the root entry, and its errors are the root class', async () => {
    const { verifyWebhook, WebhookVerificationError } = require('hookseal') as Api
    const { github } = require('hookseal/providers/github') as { github: Api['github'] }
    const ok = await verifyWebhook({ headers: { 'x-hub-signature-256': SIGNATURE }, body: BODY }, github(), SECRET)
    expect(ok.provider).toBe('github')
    const error = await verifyWebhook({ headers: { 'x-hub-signature-256': TAMPERED }, body: BODY }, github(), SECRET).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect(error).toMatchObject({ code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401 })
  })

  test('a configuration mistake is a TypeError, not a request error', async () => {
    const { verifyWebhook } = require('hookseal') as Api
    await expect(verifyWebhook({ headers: {}, body: BODY }, 'no-such-preset', SECRET)).rejects.toBeInstanceOf(TypeError)
  })
})

// Each backend condition, from a plain node child: which file '#crypto' picks, and the same
// outcomes through ESM import() and CJS require().
const runs = [
  { conditions: [], backend: 'node', dir: 'dist/node' },
  { conditions: ['hookseal-web'], backend: 'web', dir: 'dist' },
  { conditions: ['hookseal-tweetnacl'], backend: 'web+tweetnacl', dir: 'dist' },
] as const

describe.skipIf(!built).each(runs)('built package in node $conditions', ({ conditions, backend, dir }) => {
  let report: Promise<ProbeReport> | undefined
  const get = () => (report ??= probe([...conditions]))

  test(`resolves by name to ${dir}/ and selects the ${backend} backend`, async () => {
    const r = await get()
    expect(r.resolved.esm).toBe(`file://${root}${dir}/index.js`)
    expect(r.resolved.cjs).toBe(`${root}${dir}/index.cjs`)
    expect(r.backend).toEqual({ esm: backend, cjs: backend })
  })

  for (const format of ['esm', 'cjs'] as const) {
    test(`${format}: GitHub docs vector accepted, tampered rejected, subpath scheme and error class agree`, async () => {
      const r = (await get())[format]
      expect(r.githubDocs).toEqual({ ok: true, kind: 'event', provider: 'github' })
      expect(r.githubSubpath).toEqual({ ok: true, kind: 'event', provider: 'github' })
      for (const key of ['githubTampered', 'githubSubpathTampered']) {
        expect(r[key]).toEqual({ ok: false, name: 'WebhookVerificationError', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401, instanceOfRoot: true })
      }
    })

    test(`${format}: an Ed25519 (Discord) delivery signed with node:crypto verifies; tampered and non-canonical ones do not`, async () => {
      const r = (await get())[format]
      expect(r.discord).toEqual({ ok: true, kind: 'event', provider: 'discord' })
      for (const key of ['discordTamperedBody', 'discordMalleated']) {
        expect(r[key]).toEqual({ ok: false, name: 'WebhookVerificationError', code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH', status: 401, instanceOfRoot: true })
      }
    })
  }
})
