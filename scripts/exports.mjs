// Keeps package.json "exports" in step with the files: one subpath per preset in providers/ and per
// adapter in src/adapters/, plus the root and ./testing. `--check` fails when they differ (run by npm test).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'

const pkgUrl = new URL('../package.json', import.meta.url)
const pkg = JSON.parse(readFileSync(pkgUrl, 'utf8'))
const entry = (name) => ({
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
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
    console.error('package.json "exports" does not match providers/: run `node scripts/exports.mjs`')
    process.exit(1)
  }
  console.log(`exports: ${Object.keys(exportsMap).length} subpaths match the files`)
} else {
  pkg.exports = exportsMap
  writeFileSync(pkgUrl, JSON.stringify(pkg, null, 2) + '\n')
  console.log(`exports: wrote ${Object.keys(exportsMap).length} subpaths`)
}
