// Run by subpaths.test.ts in a plain `node` child (no Vite): loads EVERY subpath of package.json
// "exports" by the package's own name through ESM import() and CJS require(), and prints one JSON
// line: per subpath, the sorted export names each way, or the error.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
const names = (mod) => Object.keys(mod).filter((k) => k !== 'default' && k !== 'module.exports' && k !== '__esModule').sort()

const out = {}
for (const subpath of Object.keys(pkg.exports)) {
  if (subpath === './package.json') continue
  const spec = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
  const entry = { spec }
  try {
    entry.esm = names(await import(spec))
    entry.esmFile = import.meta.resolve(spec)
  } catch (error) {
    entry.esmError = `${error?.code ?? error?.name}: ${error?.message}`
  }
  try {
    entry.cjs = names(require(spec))
    entry.cjsFile = require.resolve(spec)
  } catch (error) {
    entry.cjsError = `${error?.code ?? error?.name}: ${error?.message}`
  }
  out[subpath] = entry
}
console.log(JSON.stringify(out))
