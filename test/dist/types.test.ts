// The BUILT type declarations resolve for a consumer under each moduleResolution TypeScript users
// have today: node16 from an ES module (.mts → dist/*.d.ts), node16 from CommonJS (.cts →
// dist/*.d.cts) and bundler. A throwaway project outside the repo gets node_modules/hookseal as a
// symlink to this package and imports every public subpath (public.ts: the root, every preset and
// adapter, testing); tsc must report nothing (skipLibCheck off, so errors inside our .d.ts count).
// attw (npm run check:package) does not check the wildcard subpaths "./providers/*" and
// "./adapters/*", so this is where their types are checked. Skipped when dist/ is missing.
// (node10 resolution cannot see "exports" subpaths at all; see the packaging note.)
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { publicSubpaths, root } from './public.js'

const built = existsSync(`${root}dist/index.d.ts`) && existsSync(`${root}dist/index.d.cts`)
if (!built) console.warn('test/dist/types: dist/ is missing, so the type-resolution tests are skipped. Run `npm run build` (npm test does).')

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string }
const specs = publicSubpaths.map((s) => s.spec)

// Each import must bring real declarations: `typeof m` with no exports would still compile, so a
// key of the module type is required to be a string (never for an empty module).
const esmLines = specs.map((spec, i) => `import * as m${i} from '${spec}'\nexport const k${i}: keyof typeof m${i} & string = Object.keys(m${i})[0] as keyof typeof m${i} & string`)
const cjsLines = specs.map((spec, i) => `import m${i} = require('${spec}')\nexport const k${i}: keyof typeof m${i} & string = Object.keys(m${i})[0] as keyof typeof m${i} & string`)
const rootCheck = `import { verifyWebhook, WebhookVerificationError } from '${pkg.name}'\nexport const check = (e: unknown): e is WebhookVerificationError => e instanceof WebhookVerificationError\nexport const v: typeof verifyWebhook = verifyWebhook\n`

const projects = {
  'node16, ES module consumer': { file: 'consumer.mts', source: esmLines.join('\n') + '\n' + rootCheck, options: { module: 'node16', moduleResolution: 'node16' } },
  'node16, CommonJS consumer': { file: 'consumer.cts', source: cjsLines.join('\n') + '\n', options: { module: 'node16', moduleResolution: 'node16' } },
  'bundler': { file: 'consumer.ts', source: esmLines.join('\n') + '\n' + rootCheck, options: { module: 'esnext', moduleResolution: 'bundler' } },
} as const

describe.skipIf(!built)('types of every subpath resolve from dist/', () => {
  const dir = built ? mkdtempSync(join(tmpdir(), 'hookseal-types-')) : ''
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }))

  test.concurrent.each(Object.entries(projects))('%s', async (name, project) => {
    const home = join(dir, name.replace(/\W+/g, '-'))
    mkdirSync(join(home, 'node_modules'), { recursive: true })
    symlinkSync(root, join(home, 'node_modules', pkg.name), 'dir')
    writeFileSync(join(home, project.file), project.source)
    writeFileSync(
      join(home, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { ...project.options, target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
        files: [project.file],
      }),
    )
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', home], { cwd: home, timeout: 50_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
      )
    })
    expect(result.out).toBe('')
    expect(result.code).toBe(0)
  }, 60_000)
})
