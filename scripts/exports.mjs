// Keeps package.json "exports" in step with the files: one subpath per preset in providers/ and per
// adapter in src/adapters/, plus the root and ./testing. `--check` fails when they differ (run by npm test).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'

const pkgUrl = new URL('../package.json', import.meta.url)
const pkg = JSON.parse(readFileSync(pkgUrl, 'utf8'))
// Every subpath has two builds (tsup.config.ts): dist/node/ with the node:crypto backend compiled in,
// for the "node" condition (Node, Bun, Deno), and dist/ for everything else (Workers, edge runtimes,
// browsers), which picks its backend through package.json "imports". The custom conditions that force
// a Web Crypto backend in tests come first, so they still reach dist/ under Node. One set of types.
const build = (dir, name) => ({
  import: { types: `./dist/${name}.d.ts`, default: `./${dir}/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./${dir}/${name}.cjs` },
})
const entry = (name) => ({
  'hookseal-web': build('dist', name),
  'hookseal-tweetnacl': build('dist', name),
  node: build('dist/node', name),
  ...build('dist', name),
})
const modules = (dir) =>
  (existsSync(new URL(`../${dir}/`, import.meta.url)) ? readdirSync(new URL(`../${dir}/`, import.meta.url)) : [])
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort()

const exportsMap = { '.': entry('index') }
for (const id of modules('providers')) exportsMap[`./providers/${id}`] = entry(`providers/${id}`)
for (const name of modules('src/adapters')) exportsMap[`./adapters/${name}`] = entry(`adapters/${name}`)
exportsMap['./testing'] = entry('testing/index')
exportsMap['./package.json'] = './package.json'

if (process.argv.includes('--check')) {
  if (JSON.stringify(pkg.exports) !== JSON.stringify(exportsMap)) {
    const have = Object.keys(pkg.exports ?? {})
    const want = Object.keys(exportsMap)
    const missing = want.filter((s) => !have.includes(s))
    const extra = have.filter((s) => !want.includes(s))
    const changed = want.filter((s) => have.includes(s) && JSON.stringify(pkg.exports[s]) !== JSON.stringify(exportsMap[s]))
    console.error('package.json "exports" does not match providers/ and src/adapters/: run `node scripts/exports.mjs`')
    if (missing.length > 0) console.error(`  no subpath for: ${missing.join(', ')}`)
    if (extra.length > 0) console.error(`  subpath without a file: ${extra.join(', ')}`)
    if (changed.length > 0) console.error(`  different targets or order: ${changed.join(', ')}`)
    if (missing.length + extra.length + changed.length === 0) console.error('  same subpaths in a different order')
    process.exit(1)
  }
  console.log(`exports: ${Object.keys(exportsMap).length} subpaths match the files`)
} else {
  pkg.exports = exportsMap
  writeFileSync(pkgUrl, JSON.stringify(pkg, null, 2) + '\n')
  console.log(`exports: wrote ${Object.keys(exportsMap).length} subpaths`)
}
