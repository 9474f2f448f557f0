// Hostile requests: random header values (strings, signature look-alikes, arrays, duplicates,
// numbers, objects), random bodies and containers, and stale deliveries replayed with a fresh
// timestamp beside the old one. The verifier may reject with any of its codes, but only with
// WebhookVerificationError, and must never accept when the signature header or the body is not the
// genuine one (DESIGN.md principle 3: nothing but our error escapes).
import fc from 'fast-check'
import { fromBase64, utf8 } from '../internal.js'
import { bytesEqual, randomCase, signatureHeaderName, timestampText } from './delivery.js'
import { attempt, event, headerNames, isVerificationError, PropertyViolation, show, always, type PropertyContext, type PropertyDefinition } from './harness.js'

type HeaderOp = { op: 'keep' } | { op: 'drop' } | { op: 'junk'; value: unknown } | { op: 'dup'; value: string; first: boolean } | { op: 'twice' }

function garbageArbitrary(ctx: PropertyContext) {
  const junk = ctx.arbs.junkHeaderValue
  const junkText = junk.filter((v): v is string => typeof v === 'string')
  const op: fc.Arbitrary<HeaderOp> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ op: 'keep' as const }) },
    { weight: 1, arbitrary: fc.constant({ op: 'drop' as const }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('junk' as const), value: junk }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('dup' as const), value: junkText, first: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant({ op: 'twice' as const }) },
  )
  // every header the scheme reads, once each (by lower-case name), in sign()'s spelling where it has one
  const names: string[] = []
  for (const name of [...headerNames(ctx), ...ctx.scheme.signatureHeaders]) {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'keep' as const }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), value: ctx.arbs.body }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('string' as const), value: fc.string({ unit: 'binary', maxLength: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('base64' as const), value: fc.oneof(fc.string(), fc.base64String()) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('other' as const), value: fc.oneof(fc.object({ maxDepth: 1 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer({ min: 0, max: 255 }))) }) },
  )
  return fc.record({
    delivery: ctx.arbs.delivery,
    ops: fc.array(op, { minLength: names.length, maxLength: names.length }),
    caseSeed: fc.integer(),
    extra: fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 }),
    body,
    container: fc.oneof(
      { weight: 3, arbitrary: fc.constant('object') },
      { weight: 2, arbitrary: fc.constantFrom('raw', 'pairs', 'headers') },
      { weight: 1, arbitrary: fc.constant('junk') },
    ),
    junkContainer: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([1, 2]), fc.constant([['a']])),
    // a stale replay in one run out of four, a junk request in one of ten
    stale:
      ctx.scheme.timestamp === undefined
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 3, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: fc.record({ extraSeconds: fc.integer({ min: 1, max: 10_000_000 }), first: fc.boolean(), joined: fc.boolean() }) },
          ),
    junkRequest: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.constant([]), fc.object({ maxDepth: 1 })) },
    ),
  }).map((g) => ({ ...g, names }))
}

export const garbage: PropertyDefinition = {
  name: 'garbage',
  summary: 'random header values (strings, arrays, duplicates, numbers) and random bodies only ever reject with WebhookVerificationError, never a false accept',
  applies: always,
  build: (ctx) =>
    fc.asyncProperty(garbageArbitrary(ctx), async (g) => {
      const signed = await ctx.sign(g.delivery)
      const genuine = signed.delivery.body
      const sigName = signatureHeaderName(ctx.scheme)
      let mustReject = false
      let nowMs = signed.nowMs

      // Header values, one list per name (several values = the header sent several times).
      const values = new Map<string, unknown[]>()
      g.names.forEach((name, i) => {
        const sent = signed.headers[name]
        const op = g.ops[i]!
        let list: unknown[]
        if (op.op === 'keep') list = sent === undefined ? [] : [sent]
        else if (op.op === 'drop') list = []
        else if (op.op === 'junk') list = [op.value]
        else if (op.op === 'twice') list = sent === undefined ? [] : [sent, sent]
        else list = sent === undefined ? [op.value] : op.first ? [op.value, sent] : [sent, op.value]
        if (name === sigName && (op.op === 'drop' || op.op === 'junk')) mustReject = true
        values.set(name, list)
      })

      // A stale delivery replayed with a fresh timestamp added beside the old one.
      if (g.stale !== undefined) {
        const ts = ctx.scheme.timestamp!
        nowMs = signed.signedMs + (ts.toleranceSeconds + g.stale.extraSeconds) * 1000
        const fresh = timestampText(ctx.scheme, nowMs / 1000)
        const name = ts.header ?? sigName
        const freshValue = ts.header !== undefined ? fresh : `${ts.label}${ctx.scheme.labelSeparator}${fresh}`
        const old = values.get(name) ?? []
        if (g.stale.joined && ts.header === undefined && ctx.scheme.separator !== undefined && typeof old[0] === 'string') {
          old[0] = g.stale.first ? `${freshValue}${ctx.scheme.separator}${old[0]}` : `${old[0]}${ctx.scheme.separator}${freshValue}`
          values.set(name, old)
        } else {
          values.set(name, g.stale.first ? [freshValue, ...old] : [...old, freshValue])
        }
        mustReject = true
      }

      // The body as sent.
      let body: unknown = genuine
      let extra: Record<string, unknown> = {}
      const b = g.body
      if (b.kind === 'bytes') {
        body = b.value
        if (!bytesEqual(b.value, genuine)) mustReject = true
      } else if (b.kind === 'string') {
        body = b.value
        if (!bytesEqual(utf8(b.value), genuine)) mustReject = true
      } else if (b.kind === 'base64') {
        body = b.value
        extra = { isBase64Encoded: true }
        const decoded = fromBase64(b.value.replace(/\s+/g, ''))
        if (decoded === undefined || !bytesEqual(decoded, genuine)) mustReject = true
      } else if (b.kind === 'other') {
        body = b.value
        if (!((b.value === null || b.value === undefined) && genuine.length === 0)) mustReject = true
      }

      // The container.
      const pairs: Array<[string, unknown]> = []
      values.forEach((list, name) => {
        const spelled = randomCase(name, g.caseSeed)
        for (const v of list) pairs.push([spelled, v])
      })
      for (const [k, v] of Object.entries(g.extra)) if (!g.names.some((n) => n.toLowerCase() === k.toLowerCase())) pairs.push([k, v])
      let headers: unknown
      switch (g.container) {
        case 'raw':
          headers = pairs.flat()
          break
        case 'pairs':
          headers = pairs
          break
        case 'headers':
          try {
            const h = new Headers()
            for (const [k, v] of pairs) h.append(k, String(v))
            headers = h
            break
          } catch {
            // names or values a Headers object refuses: fall back to a plain object
          }
        // falls through
        case 'object': {
          const o: Record<string, unknown> = {}
          for (const [k, v] of pairs) {
            if (!Object.hasOwn(o, k)) o[k] = v
            else o[k] = [...(Array.isArray(o[k]) ? (o[k] as unknown[]) : [o[k]]), v]
          }
          headers = o
          break
        }
        default:
          headers = g.junkContainer
          mustReject = true
      }

      let request: unknown = event(headers, body, extra)
      if (g.junkRequest !== undefined) {
        request = g.junkRequest
        mustReject = true
      }
      const outcome = await attempt(ctx, signed, request, signed.verifyKey, { now: nowMs })
      if (outcome.accepted) {
        if (mustReject) throw new PropertyViolation(`a forged or stale request was accepted (${describeForgery(g)}).`)
        return
      }
      if (!isVerificationError(outcome.error)) throw new PropertyViolation(`a hostile request must only ever be rejected with WebhookVerificationError, but ${show(outcome)}.`)
    }),
}

function describeForgery(g: { ops: HeaderOp[]; names: string[]; body: { kind: string }; container: string; stale?: unknown; junkRequest?: unknown }): string {
  const ops = g.names.map((n, i) => `${n}: ${g.ops[i]!.op}`).join(', ')
  return `${ops}; body: ${g.body.kind}; container: ${g.container}${g.stale === undefined ? '' : '; stale with a fresh timestamp'}${g.junkRequest === undefined ? '' : '; junk request'}`
}
