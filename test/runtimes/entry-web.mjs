// Bundled by esbuild with the worker conditions (test/runtimes/host.ts) for workerd and the edge
// runtime: the built package by its own name, '#crypto' and '#stream' resolved by package.json
// "imports" without the `node` condition, so to the web backend. No Node globals here.
import * as api from 'hookseal'
import { backend } from '#crypto'
import { runCryptoKeyCheck, runFixtures } from './runner.mjs'

/** Runs the fixture suite from its JSON text; resolves to the JSON text of the result. */
export async function run(inputJson) {
  const input = JSON.parse(inputJson)
  return JSON.stringify({ backend: backend.name, ...(await runFixtures(api, input.fixtures, input.status)), cryptoKey: await runCryptoKeyCheck(api) })
}

// The Worker: POST the input JSON, get the result JSON back.
export default {
  async fetch(request) {
    return new Response(await run(await request.text()), { headers: { 'content-type': 'application/json' } })
  },
}
