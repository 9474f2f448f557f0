#!/usr/bin/env node
// npm run fuzz: fast-check over mutated and random requests for every preset, against the built
// package (run `npm run build` first; the npm script does). Per preset, at least FUZZ_RUNS runs
// (default 100,000): the shared property suite (hookseal/testing: round trips, every tamper, header
// case, garbage headers) where the kit can sign for the preset, plus for every preset a hostile
// loop of random and duplicated headers, random bodies and secrets, and bad request types. Zero
// escapes of any other error type, zero false accepts. CI: FUZZ_RUNS=2000. Replay: FUZZ_SEED=<seed>.
import fc from 'fast-check'
import { presets, verifyWebhook, WebhookVerificationError } from '../dist/index.js'
import { checkScheme, propertiesFor, unsupportedReason } from '../dist/testing/index.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000)
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const ONLY = process.env.FUZZ_PRESETS?.split(',')
if (!Number.isSafeInteger(RUNS) || RUNS < 1 || !Number.isSafeInteger(SEED)) {
  console.error('FUZZ_RUNS must be a positive integer and FUZZ_SEED an integer.')
  process.exit(2)
}
console.log(`fuzz: ${RUNS} runs per preset, seed ${SEED} (replay with FUZZ_SEED=${SEED})`)

const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '\t', 't=1,v1=', 'sha256=', 'v1,', '\ud800', '0'.repeat(64), 'a'.repeat(9000)))
const headerValue = fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.constantFrom(null, undefined, 1, true, {}, []))
const body = fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.string({ maxLength: 512 }), fc.constantFrom(null, undefined, {}, [], 0, new Uint16Array(4), new ArrayBuffer(3)))

/** Hostile values in place of the whole request (the bad-type table). */
const throwing = new Proxy({}, { get: () => { throw new Error('getter') }, ownKeys: () => { throw new Error('ownKeys') } })
const BAD_REQUESTS = [null, undefined, 0, 1n, 'POST /', Symbol('x'), [], new Uint16Array(2), throwing, { headers: throwing, body: '' }, { get headers() { throw new Error('boom') }, body: '' }, { headers: { 'x-a': '\ud800' }, body: '\udfff' }, Object.create(null)]

function headerNames(scheme) {
  return [...scheme.signatureHeaders, ...[scheme.timestamp?.headers ?? scheme.timestamp?.header ?? []].flat(), ...[scheme.idHeader ?? []].flat(), 'content-type', 'x-other']
}

async function hostile(id, scheme, runs) {
  const names = headerNames(scheme)
  const token = Object.values(scheme.algorithms).includes('token')
  const secret = id === 'discord' ? 'ab'.repeat(32) : id === 'sendgrid' ? undefined : 'whsec_' + 'QUJD'.repeat(8)
  const problems = []
  const options = { url: 'https://example.com/hook', now: 1_700_000_000_000 }
  const call = async (request, key) => {
    try {
      await verifyWebhook(request, id, key ?? secret ?? fixtureKey, options)
      return 'accepted'
    } catch (error) {
      if (error instanceof WebhookVerificationError) return undefined
      if (error instanceof TypeError && key !== undefined) return undefined // a configuration error for a random secret
      return `${error?.name ?? typeof error}: ${String(error?.message ?? error).slice(0, 120)}`
    }
  }
  for (const bad of BAD_REQUESTS) {
    const outcome = await call(bad)
    if (outcome !== undefined) problems.push(`bad request ${typeof bad}: ${outcome}`)
  }
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom(...names, ...names.map((n) => n.toUpperCase())), headerValue, { maxKeys: 6 }), body, fc.option(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.uint8Array({ minLength: 1, maxLength: 40 })), { freq: 4 }), async (headers, b, key) => {
      let outcome = await call({ method: 'POST', headers, body: b }, key ?? undefined)
      // A token scheme's header carries the secret itself: a random header equal to a random secret is a true accept.
      if (outcome === 'accepted' && token && key != null && Object.values(headers).flat().some((v) => String(v) === (typeof key === 'string' ? key : new TextDecoder().decode(key)))) outcome = undefined
      if (outcome !== undefined) problems.push(outcome)
      return outcome === undefined
    }),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  ).catch((error) => problems.push(String(error.message).split('\n').slice(0, 6).join('\n')))
  return problems
}

// An ECDSA public key for SendGrid (SDK test key), so its verifier can be built.
const fixtureKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g=='

let failed = 0
for (const [id, scheme] of Object.entries(presets)) {
  if (ONLY && !ONLY.includes(id)) continue
  const started = Date.now()
  const why = unsupportedReason(scheme)
  let kitRuns = 0
  const problems = []
  if (why === undefined) {
    const properties = propertiesFor(scheme)
    const perProperty = Math.ceil(RUNS / 2 / properties.length)
    const report = await checkScheme(scheme, { numRuns: perProperty, seed: SEED, largestBodyBytes: 4096 })
    kitRuns = perProperty * properties.length
    for (const f of report.failures) problems.push(`${f.property}: ${f.error} (seed ${f.seed}, path ${f.path})\n    ${f.counterexample.slice(0, 300)}`)
  }
  problems.push(...(await hostile(id, scheme, RUNS - kitRuns)))
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (problems.length === 0) console.log(`ok   ${id.padEnd(18)} ${RUNS} runs${why ? ' (hostile only: ' + why.split(':')[0] + ')' : ''} ${seconds} s`)
  else {
    failed++
    console.log(`FAIL ${id}\n  ${problems.slice(0, 5).join('\n  ')}`)
  }
}
console.log(failed === 0 ? 'fuzz: no escapes, no false accepts' : `fuzz: ${failed} preset(s) failed (FUZZ_SEED=${SEED})`)
process.exit(failed === 0 ? 0 : 1)
