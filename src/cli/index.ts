#!/usr/bin/env node
// The `hookseal` executable (package.json "bin" → dist/cli/index.js). All logic lives in
// commands.ts; this file only binds it to the process. No top-level await: tsup also emits CJS.
import { run } from './commands.js'
import { nodeIo } from './io.js'

run(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`hookseal: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  },
)
