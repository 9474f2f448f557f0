// The portable runner must be able to fail: run in Node on the source engine, it reports a
// fixture whose expectation is wrong (a genuine delivery expected to fail, a tampered one expected
// to pass, a wrong code) once per request shape, and passes the untouched ones.
import { expect, test } from 'vitest'
import * as api from '../../src/index.js'
import { loadFixtures, STATUS } from '../providers/load-fixtures.js'
// @ts-expect-error plain ESM module without types (it runs inside other runtimes)
import { runFixtures } from './runner.mjs'

const stored = loadFixtures()
  .filter((f) => f.preset === 'github')
  .map(({ bytes, ...f }) => (f.body === undefined ? { ...f, bodyBase64: bytes.toString('base64') } : f))

test('reports every wrong expectation, in every shape, and passes the rest', async () => {
  const genuine = stored.find((f) => f.expect === 'ok')!
  const tampered = stored.find((f) => f.expect === 'ERR_WEBHOOK_SIGNATURE_MISMATCH')!
  const wrong = [
    { ...genuine, name: 'wrong-1', expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' },
    { ...tampered, name: 'wrong-2', expect: 'ok' },
    { ...tampered, name: 'wrong-3', expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' },
    { ...genuine, name: 'wrong-4', expectId: 'not-the-id' },
  ]
  const result = (await runFixtures(api, [genuine, tampered, ...wrong], STATUS)) as { passed: number; failures: { fixture: string }[] }
  expect(result.passed).toBe(2 * 4)
  expect(result.failures.map((f) => f.fixture).sort()).toEqual(['wrong-1', 'wrong-2', 'wrong-3', 'wrong-4'].flatMap((n) => Array(4).fill(`github/${n}`)))
})
