import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', globalThis: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', fetch: 'readonly', Request: 'readonly', Response: 'readonly', Headers: 'readonly', AbortController: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The engine, the web backend and the presets run on runtimes without Node globals.
    files: ['src/core/**/*.ts', 'src/crypto/web*.ts', 'src/crypto/types.ts', 'src/body/index.ts', 'src/body/stream-none.ts', 'src/testing/**/*.ts', 'src/auth/**/*.ts', 'src/replay/{check,index,memory,types}.ts', 'src/adapters/{hono,next,cloudflare}.ts', 'providers/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', 'setImmediate'],
      'no-restricted-imports': ['error', { patterns: ['node:*'] }],
    },
  },
)
