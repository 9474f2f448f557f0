// Reads fixtures/<preset>/*.json (written by `npm run fixtures`, never by the tests) for the
// fixture suites: test/providers/fixtures.test.ts and test/http/fixtures-http.test.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { VerifyOptions } from '../../src/index.js'

export interface Fixture {
  /** Preset id: the folder name. */
  preset: string
  /** File name without `.json`. */
  name: string
  description: string
  source: string
  headers: Record<string, string>
  /** The body as text, when the fixture stores it as text. */
  body?: string
  /** The exact body bytes. */
  bytes: Buffer
  secret: string
  /** HTTP method the provider uses for this delivery; default POST. */
  method?: string
  now: number
  options?: Omit<VerifyOptions, 'now'>
  expect: string
  expectId?: string
  expectKind?: 'event' | 'handshake'
  expectResponseBody?: string
}

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url))

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = []
  for (const preset of readdirSync(root, { withFileTypes: true })) {
    if (!preset.isDirectory()) continue
    for (const file of readdirSync(root + preset.name).sort()) {
      if (!file.endsWith('.json')) continue
      const raw = JSON.parse(readFileSync(`${root}${preset.name}/${file}`, 'utf8')) as Omit<Fixture, 'preset' | 'name' | 'bytes'> & { bodyBase64?: string }
      const bytes = raw.body !== undefined ? Buffer.from(raw.body, 'utf8') : Buffer.from(raw.bodyBase64 ?? '', 'base64')
      out.push({ ...raw, preset: preset.name, name: file.slice(0, -'.json'.length), bytes })
    }
  }
  return out
}

/** HTTP status per code, as issue 2 specifies it: 400 malformed, 401 mismatch or stale, 413 too large. */
export const STATUS: Readonly<Record<string, number>> = {
  ERR_WEBHOOK_MISSING_HEADER: 400,
  ERR_WEBHOOK_MALFORMED_HEADER: 400,
  ERR_WEBHOOK_MALFORMED_SIGNATURE: 400,
  ERR_WEBHOOK_SIGNATURE_MISMATCH: 401,
  ERR_WEBHOOK_TIMESTAMP_TOO_OLD: 401,
  ERR_WEBHOOK_TIMESTAMP_IN_FUTURE: 401,
  ERR_WEBHOOK_BODY_TOO_LARGE: 413,
  ERR_WEBHOOK_MALFORMED_PAYLOAD: 400,
}

/** The fixture's HTTP method (POST unless it says otherwise). */
export const methodOf = (f: Fixture): string => (f.method ?? 'POST').toUpperCase()

/** Whether a request with this method may carry a body (fetch refuses one on GET and HEAD). */
export const hasBody = (f: Fixture): boolean => !['GET', 'HEAD'].includes(methodOf(f))

/** The body parsed as JSON when it is JSON text, else undefined (what `payload` must be). */
export function jsonOf(fixture: Fixture): unknown {
  if (fixture.body === undefined) return undefined
  try {
    return JSON.parse(fixture.body)
  } catch {
    return undefined
  }
}
