// The generic X-Hub-Signature family, as OpenFaaS `faas-cli invoke --sign <Header> --key <key>`
// sends it and as alexellis/hmac validates it.
// Sources: openfaas/faas-cli commands/invoke.go (sha256= since 0.17.1, sha1= before) and its
//          invoke_test.go vectors; https://github.com/alexellis/hmac (Validate).
// Header:  X-Hub-Signature-256, else X-Hub-Signature (configurable): sha256=<hex> or sha1=<hex>
// Signed:  the raw body. No timestamp.
import { defineScheme } from '../src/core/scheme.js'
import type { Algorithm, Scheme } from '../src/core/types.js'

/** Options for `hub()`: which header to read and which `<algo>=` labels to accept. */
export interface HubOptions {
  /** Header(s) to read, first present wins. Default: X-Hub-Signature-256, then X-Hub-Signature. */
  header?: string | readonly string[]
  /** Accept legacy `sha1=` signatures. Default: true (faas-cli before 0.17.1 sends them). */
  sha1?: boolean
  /** Accept `sha512=` signatures too. Default: false. */
  sha512?: boolean
}

/**
 * Any X-Hub-Signature sender: `sha256=<hex>` (and `sha1=` unless turned off).
 *
 * @example
 * await verifyWebhook(req, hub({ header: 'X-Signature', sha1: false }), secret)
 */
export function hub(options: HubOptions = {}): Scheme {
  const algorithms: Record<string, Algorithm> = { sha256: 'hmac-sha256' }
  if (options.sha512 === true) algorithms.sha512 = 'hmac-sha512'
  if (options.sha1 !== false) algorithms.sha1 = 'hmac-sha1'
  return defineScheme({
    id: 'hub',
    name: 'an X-Hub-Signature sender',
    signatureHeader: options.header ?? ['X-Hub-Signature-256', 'X-Hub-Signature'],
    labelSeparator: '=',
    algorithms,
    encoding: 'hex',
    signedContent: '{body}',
    docs: 'https://github.com/openfaas/faas-cli/blob/master/commands/invoke.go',
    hint: 'With faas-cli: faas-cli invoke <fn> --sign X-Hub-Signature --key <secret>.',
  })
}
