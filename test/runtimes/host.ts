// Host side of the runtime suites (runs in Node under Vitest): the fixture input every runtime
// gets, the web bundle of the BUILT package, and child processes. Nothing here is built from src/:
// `npm test` builds dist/ first, and without dist/ the suites are skipped.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Format } from 'esbuild'
import { loadFixtures, STATUS } from '../providers/load-fixtures.js'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/index.cjs`) && existsSync(`${root}dist/crypto/web.js`)
export const skipReason = 'dist/ is missing, so the runtime suites are skipped. Run `npm run build` first (npm test does).'

export interface Failure {
  fixture: string
  shape: string
  reason: string
}
export interface RunResult {
  backend: string
  passed: number
  failures: Failure[]
  /** Whether the runtime's crypto.subtle has Ed25519 (the web backend uses it then, unless forced onto tweetnacl). */
  subtleEd25519: boolean
  /** runCryptoKeyCheck: a delivery verified with an Ed25519 CryptoKey of the runtime, genuine and tampered. */
  cryptoKey: { genuine: string; tampered: string }
}

export const cryptoKeyExpected = { genuine: 'ok', tampered: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' }

/** The fixtures as stored (body text or bodyBase64) plus preset and name, and the status per code. */
export function fixtureInput(): { json: string; count: number } {
  const fixtures = loadFixtures().map(({ bytes, ...f }) => (f.body === undefined ? { ...f, bodyBase64: bytes.toString('base64') } : f))
  return { json: JSON.stringify({ fixtures, status: STATUS }), count: fixtures.length }
}

/** Writes the fixture input to a fresh temporary file (for the Bun and Deno children). */
export function fixtureFile(): { file: string; count: number } {
  const { json, count } = fixtureInput()
  const file = join(mkdtempSync(join(tmpdir(), 'hookseal-runtimes-')), 'fixtures.json')
  writeFileSync(file, json)
  return { file, count }
}

/**
 * An installed copy of the built package, as a dependent project sees it: <tmp>/node_modules/hookseal
 * holds package.json and dist/ (copied), every other node_modules entry is a symlink to ours, and the
 * entry and runner sit in <tmp>. Bun honours the repo's tsconfig.json "paths" (which send '#crypto'
 * to src/crypto/node.ts for tsc), so inside the repo it would not run what users get. The package's
 * '#crypto' is read through backend.mjs, a file placed inside the copied package scope.
 */
export function installedCopy(dir: string): string {
  const modules = join(dir, 'node_modules')
  const pkg = join(modules, 'hookseal')
  mkdirSync(pkg, { recursive: true })
  cpSync(`${root}package.json`, join(pkg, 'package.json'))
  cpSync(`${root}dist`, join(pkg, 'dist'), { recursive: true })
  writeFileSync(join(pkg, 'backend.mjs'), "export { backend } from '#crypto'\n")
  for (const name of readdirSync(`${root}node_modules`)) {
    if (name === 'hookseal' || name === '.bin' || name.startsWith('.')) continue
    symlinkSync(`${root}node_modules/${name}`, join(modules, name))
  }
  for (const file of ['entry-local.mjs', 'runner.mjs']) cpSync(`${root}test/runtimes/${file}`, join(dir, file))
  return join(dir, 'entry-local.mjs')
}

/**
 * Bundles an entry the way a Worker or edge bundler does: platform browser, the workerd/worker
 * conditions, no `node` condition, so package.json "imports" sends '#crypto' and '#stream' to the
 * web files of dist/. `tsconfigRaw: {}` keeps the repo's tsconfig "paths" (which point '#crypto'
 * at the Node source for tsc) out of it.
 */
export async function bundleWeb(
  entry: string,
  options: { format?: Format; minify?: boolean; external?: string[]; globalName?: string; conditions?: string[] } = {},
): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: options.format ?? 'esm',
    ...(options.globalName !== undefined && { globalName: options.globalName }),
    platform: 'browser',
    conditions: [...(options.conditions ?? []), 'workerd', 'worker', 'browser'],
    target: 'es2022',
    minify: options.minify ?? false,
    external: options.external ?? [],
    tsconfigRaw: {},
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) }
}

/** Runs a child with a timeout; resolves to its stdout, rejects with stderr on a non-zero exit. */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd: string = root): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: 50_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

/** The last line of a child's stdout, parsed. */
export function lastJsonLine(stdout: string): RunResult {
  const lines = stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1]!) as RunResult
}
