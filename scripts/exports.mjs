// Writes package.json "exports"; `--check` fails when package.json differs (run by npm test).
//
// Presets and adapters are reached through subpath patterns, "./providers/*" and "./adapters/*": a
// cold start pays for the map, because Node parses the whole of package.json "exports" on the first
// resolution, and one entry per preset and adapter (38 subpaths, each with every condition spelled
// out) made a 44 KB map that cost about a millisecond of every cold `import 'hookseal'`. A pattern
// exposes whatever file the build writes under dist/providers/ and dist/adapters/ (and dist/node/…),
// which is exactly one file per preset in providers/ and per adapter in src/adapters/:
// test/dist/subpaths.test.ts checks that, and imports every one of them by name both ways, and
// test/dist/types.test.ts type-checks every one of them (attw skips wildcard subpaths).
//
// Each subpath has two builds (tsup.config.ts): dist/node/ with the node:crypto backend compiled in,
// for the "node" condition (Node, Bun, Deno), and dist/ for everything else (Workers, edge runtimes,
// browsers), which picks its backend through package.json "imports". The custom conditions that force
// a Web Crypto backend come before "node", so they still reach dist/ under Node. One set of types,
// given once per subpath ahead of every runtime condition: .d.ts for import, .d.cts for require.
import { readFileSync, writeFileSync } from 'node:fs'

const pkgUrl = new URL('../package.json', import.meta.url)
const pkg = JSON.parse(readFileSync(pkgUrl, 'utf8'))

const files = (dir, name) => ({ import: `./${dir}/${name}.js`, require: `./${dir}/${name}.cjs` })
const entry = (name) => ({
  types: { import: `./dist/${name}.d.ts`, require: `./dist/${name}.d.cts` },
  'hookseal-web': files('dist', name),
  'hookseal-tweetnacl': files('dist', name),
  node: files('dist/node', name),
  ...files('dist', name),
})

const exportsMap = {
  '.': entry('index'),
  './providers/*': entry('providers/*'),
  './adapters/*': entry('adapters/*'),
  './testing': entry('testing/index'),
  './package.json': './package.json',
}

if (process.argv.includes('--check')) {
  if (JSON.stringify(pkg.exports) !== JSON.stringify(exportsMap)) {
    console.error('package.json "exports" is not the map scripts/exports.mjs writes: run `node scripts/exports.mjs`')
    process.exit(1)
  }
  console.log(`exports: ${Object.keys(exportsMap).length} subpaths (presets and adapters by pattern) as scripts/exports.mjs writes them`)
} else {
  pkg.exports = exportsMap
  writeFileSync(pkgUrl, JSON.stringify(pkg, null, 2) + '\n')
  console.log(`exports: wrote ${Object.keys(exportsMap).length} subpaths`)
}
