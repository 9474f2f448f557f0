// Run by bun.test.ts and deno.test.ts as `<runtime> entry-local.mjs <fixtures.json>`: loads the
// BUILT package by its own name (package.json "exports"; '#crypto' through "imports" with the
// runtime's own conditions), runs the fixture suite and prints one JSON line. Deno runs it in the
// repo; Bun from an installed copy (host.ts installedCopy), where node_modules/hookseal/backend.mjs
// re-exports the package's own '#crypto'.
import * as api from 'hookseal'
import { runCryptoKeyCheck, runFixtures } from './runner.mjs'

const file = globalThis.Deno?.args[0] ?? globalThis.process.argv[2]
const { backend } = await import(globalThis.Deno ? '#crypto' : './node_modules/hookseal/backend.mjs')
const { default: input } = await import(new URL(file, 'file:///').href, { with: { type: 'json' } })
const result = await runFixtures(api, input.fixtures, input.status)
console.log(JSON.stringify({ backend: backend.name, ...result, cryptoKey: await runCryptoKeyCheck(api) }))
