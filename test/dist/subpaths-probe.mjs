// Run by subpaths.test.ts in a plain `node` child (no Vite), possibly with --conditions=hookseal-web:
// loads every public subpath named on the command line by the package's own name through ESM
// import() and CJS require(), and prints one JSON line: per specifier, the file each way resolves
// to and the sorted export names each way, or the error.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const names = (mod) => Object.keys(mod).filter((k) => k !== 'default' && k !== 'module.exports' && k !== '__esModule').sort()

const out = {}
for (const spec of process.argv.slice(2)) {
  const entry = {}
  try {
    entry.esmFile = import.meta.resolve(spec)
    entry.esm = names(await import(spec))
  } catch (error) {
    entry.esmError = `${error?.code ?? error?.name}: ${error?.message}`
  }
  try {
    entry.cjsFile = require.resolve(spec)
    entry.cjs = names(require(spec))
  } catch (error) {
    entry.cjsError = `${error?.code ?? error?.name}: ${error?.message}`
  }
  out[spec] = entry
}
console.log(JSON.stringify(out))
