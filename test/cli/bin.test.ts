// The built executable (dist/cli/index.js, package.json "bin"), run as a child process: the shebang,
// stdin/stdout/stderr and exit codes through a real process. Skipped when dist/ is not built.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
const built = existsSync(bin)

const GITHUB = { secret: "It's a Secret to Everybody", body: 'Hello, World!', signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }

function hookseal(args: string[], input = '', env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  if (env.HOOKSEAL_SECRET === undefined) delete childEnv.HOOKSEAL_SECRET
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env: childEnv, timeout: 20_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe.skipIf(!built)('the built hookseal CLI (node dist/cli/index.js)', () => {
  it('starts with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })

  it("sign prints GitHub's documented signature; the secret from HOOKSEAL_SECRET", () => {
    const r = hookseal(['sign', 'github', '--id', 'd1'], GITHUB.body, { HOOKSEAL_SECRET: GITHUB.secret })
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').sort()).toEqual(['', 'X-GitHub-Delivery: d1', `X-Hub-Signature-256: ${GITHUB.signature}`])
  })

  it('verify exits 0 when genuine, 1 with the code on stderr when not, 2 on a usage error', () => {
    const header = ['--header', `X-Hub-Signature-256: ${GITHUB.signature}`]
    expect(hookseal(['verify', 'github', '--secret', GITHUB.secret, ...header], GITHUB.body).code).toBe(0)
    const bad = hookseal(['verify', 'github', '--secret', GITHUB.secret, ...header], `${GITHUB.body}\n`)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    const usage = hookseal(['verify'])
    expect(usage.code).toBe(2)
    expect(usage.stdout).toBe('')
  })

  it('presets lists the presets', () => {
    const r = hookseal(['presets'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^github\s/m)
  })
})
