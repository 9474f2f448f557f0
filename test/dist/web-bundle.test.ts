// What a Worker or edge bundler makes of the BUILT package (esbuild, platform browser, the worker
// conditions, no `node` condition): the web backend and no Node at all (no Buffer, no process, no
// node: import, no require of a builtin), and `sideEffects: false` honoured, so one preset's subpath
// brings no other preset. Prints the minified+gzipped sizes. Skipped when dist/ is missing.
import { existsSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'
import { presetIds, publicSubpaths, root } from './public.js'

const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/crypto/web.js`)
if (!built) console.warn('test/dist/web-bundle: dist/ is missing, so the web bundle tests are skipped. Run `npm run build` (npm test does).')

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string }
const subpaths = publicSubpaths.map((s) => s.subpath)
const presets = presetIds
// Every subpath runs on Web runtimes except these Node-only ones, which may use Node (a new subpath
// is checked here by default).
const nodeOnly = new Set(['./adapters/express', './adapters/fastify', './adapters/koa', './adapters/gcf', './adapters/lambda', './adapters/openfaas'])
const webSubpaths = subpaths.filter((s) => !nodeOnly.has(s) && !s.includes('redis'))

async function bundle(contents: string, minify = true, platform: 'browser' | 'node' = 'browser'): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    conditions: platform === 'browser' ? ['workerd', 'worker', 'browser'] : [],
    target: 'es2022',
    minify,
    // frameworks and the optional fast-check peer are the user's, not ours
    external: ['fast-check', 'hono', 'hono/*', 'next', 'next/*'],
    tsconfigRaw: {},
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) }
}

const gz = (code: string) => gzipSync(code).length

// The https addresses a preset file puts in its schemes (docs, not comments): text unique to that preset.
const presetUrls = (id: string) =>
  readFileSync(`${root}providers/${id}.ts`, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//') && !line.trimStart().startsWith('*'))
    .flatMap((line) => [...line.matchAll(/'(https:\/\/[^']+)'/g)].map((m) => m[1]!))

describe.skipIf(!built)('the web bundle', () => {
  test('everything web-facing bundles to the web backend with no Node global or builtin', async () => {
    expect(webSubpaths).toEqual(expect.arrayContaining(['.', './testing', './providers/github', './adapters/hono']))
    const { code, inputs } = await bundle(webSubpaths.map((s, i) => `export * as m${i} from '${s === '.' ? pkg.name : pkg.name + s.slice(1)}'`).join('\n'))
    expect(inputs).toContain('dist/crypto/web.js')
    expect(inputs).toContain('dist/body/stream-none.js')
    expect(inputs.filter((i) => /crypto\/node|stream-node|raw-body|node_modules\/(depd|http-errors|iconv-lite)/.test(i))).toEqual([])
    expect(code.match(/\b(Buffer|process|setImmediate|__dirname|__filename)\b/g) ?? []).toEqual([])
    expect(code.match(/["'`]node:[a-z_/]+["'`]/g) ?? []).toEqual([])
    // esbuild's guarded `__require` helper may exist (tweetnacl's CJS wrapper); no builtin is ever required
    expect(code.match(/\brequire\(\s*["'`][^"'`]+["'`]\s*\)/g) ?? []).toEqual([])
  }, 30_000)

  test.each(presets)('hookseal/providers/%s alone brings no other preset', async (id) => {
    const { code, inputs } = await bundle(`export * from '${pkg.name}/providers/${id}'`)
    const others = inputs.filter((i) => i.startsWith('dist/providers/') && i !== `dist/providers/${id}.js`)
    expect(others).toEqual([])
    expect(inputs).not.toContain('dist/index.js')
    // every preset lives in the one shared chunk, so what proves the rest were shaken off is their
    // text: no other preset file's documentation address reaches this bundle
    const own = new Set(presetUrls(id))
    const foreign = presets.filter((other) => other !== id).flatMap(presetUrls).filter((url) => !own.has(url) && code.includes(url))
    expect(foreign).toEqual([])
  }, 30_000)

  test('one preset subpath is a small fraction of everything', async () => {
    const one = await bundle(`export { github } from '${pkg.name}/providers/github'`)
    const withRoot = await bundle(`export { verifyWebhook } from '${pkg.name}'\nexport { github } from '${pkg.name}/providers/github'`)
    const everything = await bundle(subpaths.filter((s) => !s.startsWith('./adapters/')).map((s, i) => `export * as m${i} from '${s === '.' ? pkg.name : pkg.name + s.slice(1)}'`).join('\n'))
    // the other presets' header names stay out of the one-preset bundle
    for (const header of ['stripe-signature', 'x-signature-ed25519', 'svix-signature', 'x-twilio-signature']) expect(one.code.toLowerCase()).not.toContain(header)
    expect(gz(one.code)).toBeLessThan(gz(everything.code) / 4)
    console.info(
      [
        `min+gz: hookseal/providers/github alone ${gz(one.code)} B (${one.code.length} B min)`,
        `hookseal verifyWebhook + github ${gz(withRoot.code)} B (${withRoot.code.length} B min)`,
        `everything except adapters ${gz(everything.code)} B (${everything.code.length} B min)`,
      ].join('; '),
    )
  }, 30_000)
})

// A bundler targeting Node (esbuild platform node: the "node" condition, so dist/node/) gets the Node
// build, whose root file holds the whole library (tsup.config.ts): `sideEffects: false` and the
// registry's `@__PURE__` must still let it keep only the preset imported.
describe.skipIf(!built)('the node-platform bundle', () => {
  test('hookseal/providers/github alone brings no other preset and a fraction of the library', async () => {
    const one = await bundle(`export { github } from '${pkg.name}/providers/github'`, true, 'node')
    const everything = await bundle(`export * from '${pkg.name}'`, true, 'node')
    expect(one.inputs).toEqual(expect.arrayContaining(['dist/node/providers/github.js', 'dist/node/index.js']))
    const own = new Set(presetUrls('github'))
    const foreign = presets.filter((other) => other !== 'github').flatMap(presetUrls).filter((url) => !own.has(url) && one.code.includes(url))
    expect(foreign).toEqual([])
    expect(gz(one.code)).toBeLessThan(gz(everything.code) / 4)
    console.info(`node platform, min+gz: hookseal/providers/github alone ${gz(one.code)} B (${one.code.length} B min); everything ${gz(everything.code)} B (${everything.code.length} B min)`)
  }, 30_000)
})
