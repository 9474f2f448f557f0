// Running the property suite: checkScheme (resolves a report, never throws for a failing property)
// and describeScheme (registers one test per property with vitest, jest or node:test). The shipped
// `suite({ test, factory })` of abstract-level and noble-hashes' property tests are the models.
import fc from 'fast-check'
import { resolveScheme, verifyWebhook } from '../internal.js'
import type { KeyInput, Scheme } from '../core/types.js'
import { arbitraries } from './arbitraries.js'
import { createKeyResolver, keyModeOf, signDelivery, type GeneratedDelivery } from './delivery.js'
import { PROPERTY_NAMES, PropertyViolation, propertiesFor, propertyDefinition, type PropertyContext, type PropertyName, type VerifyFunction } from './properties.js'

/** Options for `checkScheme` and `describeScheme`. */
export interface CheckOptions {
  /**
   * Sign every delivery with this secret instead of random ones (HMAC: the secret; Ed25519: the
   * private seed, whose public key is derived with the active crypto backend).
   */
  secret?: KeyInput
  /** Ed25519: the private key to sign with (hex/base64 seed, PKCS#8 PEM, bytes). */
  signingKey?: KeyInput
  /** Ed25519: the public key the verifier gets (default: derived from `signingKey`). */
  verifyKey?: KeyInput
  /** In a scheme that takes both (Standard Webhooks), which kind of key to sign with. Default: its first algorithm's. */
  keyKind?: 'hmac' | 'ed25519'
  /** Largest body generated (now and then; most are small). Default: 256 KiB. Lower it for slow pure-JS crypto. */
  largestBodyBytes?: number
  /** Runs per property. Default: 100. */
  numRuns?: number
  /** fast-check seed, to replay a failure. Default: random. */
  seed?: number
  /** Only these properties (default: every one that applies to the scheme). */
  properties?: readonly PropertyName[]
  /** The verifier under test, shaped like `verifyWebhook` (the default). */
  verify?: VerifyFunction
}

/** One broken property, with fast-check's shrunk counterexample. */
export interface CheckFailure {
  property: PropertyName
  /** The smallest input found that breaks it (fast-check's `stringify`, cut at 4000 characters). */
  counterexample: string
  /** What went wrong: the expected code and what the verifier did instead. */
  error: string
  /** `{ seed, path }` replay exactly this failure with `fc.check(..., { seed, path })`. */
  seed: number
  path: string | null
}

/** What `checkScheme` resolves: `ok` when every property held. */
export interface CheckResult {
  ok: boolean
  failures: CheckFailure[]
  /** The properties that ran. */
  properties: PropertyName[]
}

const MAX_COUNTEREXAMPLE = 4000

function stringifyCounterexample(value: unknown): string {
  const text = fc.stringify(value)
  return text.length > MAX_COUNTEREXAMPLE ? `${text.slice(0, MAX_COUNTEREXAMPLE)}… (${text.length} characters)` : text
}

function errorText(error: unknown): string {
  if (error instanceof PropertyViolation) return error.message
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

interface Prepared {
  scheme: Scheme
  names: PropertyName[]
  context: PropertyContext
  numRuns: number
  seed: number | undefined
}

/** Checks the options once: configuration mistakes are TypeErrors, as everywhere in hookseal. */
function prepare(provider: string | Scheme, options: CheckOptions): Prepared {
  if (typeof options !== 'object' || options === null) throw new TypeError('checkScheme options must be an object.')
  const scheme = resolveScheme(provider)
  const mode = keyModeOf(scheme, options.keyKind)
  const numRuns = options.numRuns ?? 100
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) throw new TypeError('numRuns must be a positive integer.')
  if (options.verify !== undefined && typeof options.verify !== 'function') throw new TypeError('verify must be a function shaped like verifyWebhook.')
  const applicable = propertiesFor(scheme)
  let names = applicable
  if (options.properties !== undefined) {
    for (const name of options.properties) {
      if (!(PROPERTY_NAMES as readonly string[]).includes(name)) throw new TypeError(`Unknown property '${String(name)}'. Known: ${PROPERTY_NAMES.join(', ')}.`)
    }
    names = applicable.filter((n) => options.properties!.includes(n))
  }
  if (mode === 'hmac' && (options.signingKey !== undefined || options.verifyKey !== undefined)) {
    throw new TypeError(`Scheme '${scheme.id}' uses an HMAC secret: pass { secret }, not signingKey/verifyKey.`)
  }
  if (options.verifyKey !== undefined && options.signingKey === undefined && options.secret === undefined) {
    throw new TypeError('verifyKey needs the matching signingKey: the kit signs every delivery itself.')
  }
  const signingKey = options.signingKey ?? options.secret
  if (typeof signingKey === 'string' && signingKey.length === 0) throw new TypeError('The secret is empty.')
  const verifyKeyOf = createKeyResolver(scheme, mode, signingKey !== undefined && options.verifyKey !== undefined ? { signingKey, verifyKey: options.verifyKey } : undefined)
  const largest = options.largestBodyBytes
  if (largest !== undefined && (!Number.isSafeInteger(largest) || largest < 1)) throw new TypeError('largestBodyBytes must be a positive integer.')
  const arbs = arbitraries(scheme, { keyKind: mode, ...(signingKey !== undefined && { secret: signingKey }), ...(largest !== undefined && { largestBodyBytes: largest }) })
  const context: PropertyContext = {
    scheme,
    mode,
    verify: options.verify ?? verifyWebhook,
    arbs,
    verifyKeyOf,
    sign: (delivery: GeneratedDelivery) => signDelivery(scheme, delivery, verifyKeyOf),
  }
  return { scheme, names, context, numRuns, seed: options.seed }
}

async function runOne(prepared: Prepared, name: PropertyName): Promise<CheckFailure | undefined> {
  const property = propertyDefinition(name).build(prepared.context)
  const details = await fc.check(property, { numRuns: prepared.numRuns, ...(prepared.seed !== undefined && { seed: prepared.seed }) })
  if (!details.failed) return undefined
  return {
    property: name,
    counterexample: details.counterexample === null ? '(none: the run was interrupted or skipped too often)' : stringifyCounterexample(details.counterexample[0]),
    error: details.errorInstance === null ? `fast-check stopped after ${details.numRuns} runs and ${details.numSkips} skips` : errorText(details.errorInstance),
    seed: details.seed,
    path: details.counterexamplePath,
  }
}

/**
 * Runs the whole property suite against a scheme (a preset id, a preset factory's scheme, or your
 * own from `defineScheme`) and resolves a report; a broken property is a failure in the report,
 * never a throw. Configuration mistakes (an ECDSA scheme, an unknown property) throw a TypeError.
 *
 * @example
 * const report = await checkScheme(acme, { numRuns: 200 })
 * if (!report.ok) console.table(report.failures)
 */
export async function checkScheme(provider: string | Scheme, options: CheckOptions = {}): Promise<CheckResult> {
  const prepared = prepare(provider, options)
  const failures: CheckFailure[] = []
  for (const name of prepared.names) {
    const failure = await runOne(prepared, name)
    if (failure !== undefined) failures.push(failure)
  }
  return { ok: failures.length === 0, failures, properties: prepared.names }
}

/** The `describe` and `it` of vitest, jest or `node:test`. */
export interface TestFunctions {
  describe: (name: string, body: () => void) => unknown
  it: (name: string, body: () => Promise<void>, timeout?: number) => unknown
}

/** Options for `describeScheme`: `checkScheme`'s options plus the runner's `describe` and `it`. */
export interface DescribeOptions extends CheckOptions, TestFunctions {
  /** Suite name. Default: `hookseal properties: <scheme id>`. */
  name?: string
  /** Per-test timeout passed as `it`'s third argument (vitest, jest); leave unset for node:test. */
  timeout?: number
}

/**
 * A failing property, thrown from the registered test so the runner shows the counterexample.
 *
 * @example
 * catch (e) { if (e instanceof PropertyFailureError) console.log(e.failure.property, e.failure.seed) }
 */
export class PropertyFailureError extends Error {
  override readonly name = 'PropertyFailureError'
  readonly failure: CheckFailure
  constructor(failure: CheckFailure) {
    super(
      `Property '${failure.property}' failed: ${failure.error}\n` +
        `Counterexample: ${failure.counterexample}\n` +
        `Replay with { seed: ${failure.seed}${failure.path === null ? '' : `, path: ${JSON.stringify(failure.path)}`} }.`,
    )
    this.failure = failure
  }
}

/**
 * Registers the property suite as one test per property with your test runner.
 *
 * @example
 * import { describe, it } from 'vitest'            // or '@jest/globals', or 'node:test'
 * describeScheme(acme, { describe, it, numRuns: 200 })
 */
export function describeScheme(provider: string | Scheme, options: DescribeOptions): void {
  const { describe, it, name, timeout, ...checkOptions } = options ?? ({} as DescribeOptions)
  if (typeof describe !== 'function' || typeof it !== 'function') throw new TypeError('describeScheme needs your test runner\'s { describe, it }.')
  const prepared = prepare(provider, checkOptions)
  describe(name ?? `hookseal properties: ${prepared.scheme.id}`, () => {
    for (const property of prepared.names) {
      const body = async () => {
        const failure = await runOne(prepared, property)
        if (failure !== undefined) throw new PropertyFailureError(failure)
      }
      if (timeout === undefined) it(property, body)
      else it(property, body, timeout)
    }
  })
}
