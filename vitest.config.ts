import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The same suites run once per crypto backend: node:crypto, Web Crypto, and Web Crypto with
// Ed25519 forced onto tweetnacl. `#crypto` is the package's conditional import; here it is aliased.
const backends = {
  node: 'src/crypto/node.ts',
  web: 'src/crypto/web.ts',
  tweetnacl: 'src/crypto/web-tweetnacl.ts',
} as const

// Suites that only need the engine run on every backend; the rest (Node streams, HTTP servers,
// the built package) on node:crypto only.
const everyBackend = ['test/crypto/**/*.test.ts', 'test/providers/**/*.test.ts', 'test/property/**/*.test.ts', 'test/core/**/*.test.ts']

export default defineConfig({
  test: {
    projects: Object.entries(backends).map(([name, file]) => ({
      resolve: { alias: { '#crypto': here(file), '#stream': here('src/body/stream-node.ts') } },
      test: {
        name,
        include: name === 'node' ? ['test/**/*.test.ts'] : everyBackend,
        env: { HOOKSEAL_BACKEND: name },
        testTimeout: 30_000,
      },
    })),
  },
})
