// The shared property suite (src/testing, DESIGN.md principle 8) on every preset in the registry,
// on a preset factory's variant, and on custom schemes from defineScheme that exercise what the
// presets do not (base64, ids and URLs in the signed content, ms and RFC 3339 timestamps, a labelled
// timestamp with Ed25519). Runs once per crypto backend (vitest projects node, web, tweetnacl).
import { describe, it } from 'vitest'
import { presets } from '../../providers/index.js'
import { hub } from '../../providers/hub.js'
import { defineScheme } from '../../src/core/scheme.js'
import type { Scheme } from '../../src/core/types.js'
import { describeScheme, unsupportedReason } from '../../src/testing/index.js'

const backend = process.env.HOOKSEAL_BACKEND ?? 'node'

// Modest run counts keep the suite quick on three backends. The tweetnacl project differs from the
// web one only in Ed25519, done in pure JS at several ms per signature or verification, so there
// HMAC schemes run a sanity pass and Ed25519 schemes fewer runs still.
function numRuns(kind: 'hmac' | 'ed25519'): number {
  if (backend !== 'tweetnacl') return 100
  return kind === 'hmac' ? 25 : 10
}

const kinds = (scheme: Scheme): Array<'hmac' | 'ed25519'> =>
  (['hmac', 'ed25519'] as const).filter((kind) => unsupportedReason(scheme, kind) === undefined)

function suite(label: string, scheme: Scheme): void {
  const reason = unsupportedReason(scheme)
  if (reason !== undefined) {
    describe(label, () => it.skip(`not signable by the kit: ${reason}`, () => {}))
    return
  }
  for (const kind of kinds(scheme)) {
    describeScheme(scheme, {
      describe,
      it,
      keyKind: kind,
      numRuns: numRuns(kind),
      name: kinds(scheme).length > 1 ? `${label} (${kind} keys)` : label,
    })
  }
}

for (const [id, scheme] of Object.entries(presets)) suite(`preset ${id}`, scheme)

suite("hub({ header: 'X-Signature' })", hub({ header: 'X-Signature' }))
suite('hub({ sha1: false, sha512: true })', hub({ sha1: false, sha512: true }))

// Standard Webhooks' shape with ms timestamps: base64, ' ' between entries, ',' after the label,
// the id and the timestamp signed, whsec_ base64 secrets.
suite(
  'custom: acme-hooks (hmac-sha256, base64, id signed, ms timestamp, whsec_ base64 secret)',
  defineScheme({
    id: 'acme-hooks',
    signatureHeader: 'Acme-Signature',
    separator: ' ',
    labelSeparator: ',',
    algorithms: { v1: 'hmac-sha256' },
    encoding: 'base64',
    timestamp: { header: 'Acme-Timestamp', unit: 'ms', toleranceSeconds: 60 },
    idHeader: 'Acme-Id',
    signedContent: '{id}.{timestamp}.{body}',
    secretPrefix: 'whsec_',
    secretEncoding: 'base64',
  }),
)

// SHA-512 in hex over the method and URL too, a 0 s default window, two id header names.
suite(
  'custom: relay (hmac-sha512, hex, method + URL + id signed, tolerance 0)',
  defineScheme({
    id: 'relay',
    signatureHeader: ['X-Relay-Signature', 'X-Relay-Signature-Legacy'],
    labelSeparator: '=',
    algorithms: { sha512: 'hmac-sha512' },
    encoding: 'hex',
    timestamp: { header: 'X-Relay-Time', unit: 's', toleranceSeconds: 0 },
    idHeader: ['X-Relay-Id', 'X-Request-Id'],
    signedContent: '{method} {url}\n{id}\n{timestamp}\n{body}',
  }),
)

// Ed25519 in base64 with an RFC 3339 timestamp as a labelled entry of the signature header.
suite(
  'custom: edge (ed25519, base64, labelled RFC 3339 timestamp)',
  defineScheme({
    id: 'edge',
    signatureHeader: 'Edge-Signature',
    separator: ';',
    labelSeparator: '=',
    algorithms: { ed25519: 'ed25519' },
    encoding: 'base64',
    timestamp: { label: 'ts', unit: 'rfc3339', toleranceSeconds: 120 },
    signedContent: '{timestamp}\n{body}',
  }),
)
