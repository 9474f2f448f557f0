// OpenFaaS node20/node22 templates: `module.exports = async (event, context) => …`, where event has
// body, headers, method, query, path and context has status(code), headers(values), succeed(value),
// fail(value) (https://docs.openfaas.com/languages/node/). The template parses JSON and forms
// unless the function's environment sets RAW_BODY: "true", which hands over the bytes (a Buffer,
// up to MAX_RAW_SIZE, default 100kb). Secrets are files under /var/openfaas/secrets
// (https://docs.openfaas.com/reference/secrets/).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyOrReply, createVerifier, isBytes, adapterOptions, type AdapterOptions, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The event the node templates hand a handler. */
export interface FunctionEvent {
  body: unknown
  headers: Record<string, string | string[] | undefined>
  method: string
  query?: Record<string, unknown>
  path?: string
}

/** The part of the template's context the wrapper answers with. */
export interface FunctionContext {
  status(code: number): FunctionContext
  headers(values: Record<string, string>): FunctionContext
  succeed(value: unknown): unknown
}

const NOT_RAW =
  'The OpenFaaS template parsed the body (JSON or form), so its exact bytes are gone. Add RAW_BODY: "true" to the ' +
  'function\'s environment in stack.yml (and MAX_RAW_SIZE, e.g. "1mb", when deliveries can exceed the 100kb default).'

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !isBytes(value) && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0
}

/** With RAW_BODY, body-parser leaves `{}` for a request without a body; that is an empty body, not a parsed one. */
function bodyOf(event: FunctionEvent): unknown {
  const length = event.headers['content-length']
  const bodiless = (length === undefined || length === '0') && event.headers['transfer-encoding'] === undefined
  return bodiless && isEmptyObject(event.body) ? new Uint8Array(0) : event.body
}

/**
 * Wraps an OpenFaaS node template handler: verifies the event (which needs RAW_BODY: "true"), then
 * returns `handler(webhook, event, context)`. A failed verification is answered through
 * `context.status(…).succeed(…)` with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Configuration mistakes throw a TypeError when the handler module loads.
 *
 * @example
 * // handler.js (stack.yml: environment: { RAW_BODY: "true" }, secrets: [github-webhook-secret])
 * const { withWebhook, readSecret } = require('hookseal/adapters/openfaas')
 * module.exports = withWebhook('github', readSecret('github-webhook-secret'), async (webhook, event, context) =>
 *   context.status(202).succeed({ received: webhook.id }))
 */
export function withWebhook<E extends FunctionEvent, C extends FunctionContext, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, event: E, context: C) => unknown,
  options?: AdapterOptions,
): (event: E, context: C) => Promise<unknown> {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealOpenFaaS(event, context) {
    const outcome = await verifyOrReply<T>(verifier, { headers: event.headers, body: bodyOf(event), method: event.method, path: event.path, query: event.query }, report)
    if (!('reply' in outcome)) return handler(outcome.webhook, event, context)
    const { reply } = outcome
    // an error as the JSON object, which the template serialises; a handshake's body as sent
    context.status(reply.status).headers(reply.headers).succeed(outcome.error !== undefined ? JSON.parse(reply.body) : reply.body)
    return undefined
  }
}

const secrets = new Map<string, string>()

/**
 * Reads an OpenFaaS secret: `$secret_mount_path/<name>` (default /var/openfaas/secrets/<name>),
 * or `.secrets/<name>` under the working directory for local runs; trimmed, read once and cached.
 * A missing or empty secret throws a TypeError naming the paths tried.
 *
 * @example
 * const secret = readSecret('github-webhook-secret')
 */
export function readSecret(name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new TypeError('readSecret takes the name of an OpenFaaS secret (letters, digits, ".", "_", "-"), as listed under secrets: in stack.yml.')
  }
  const paths = [join(process.env.secret_mount_path || '/var/openfaas/secrets', name), join(process.cwd(), '.secrets', name)]
  const key = paths.join('\0')
  const cached = secrets.get(key)
  if (cached !== undefined) return cached
  for (const path of paths) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') continue
      throw error
    }
    // Secrets written with `echo` or an editor end with a newline that is not part of the secret.
    const value = text.trim()
    if (value === '') throw new TypeError(`The OpenFaaS secret '${name}' at ${path} is empty.`)
    secrets.set(key, value)
    return value
  }
  throw new TypeError(
    `The OpenFaaS secret '${name}' was not found at ${paths.join(' or ')}. Create it (faas-cli secret create ${name} --from-file …) ` +
      `and list it under secrets: in stack.yml; for a local run put it in .secrets/${name}.`,
  )
}

function withAuth<A, E extends FunctionEvent, C extends FunctionContext>(check: (event: E) => Promise<A>, handler: (auth: A, event: E, context: C) => unknown, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealOpenFaaSAuth(event: E, context: C): Promise<unknown> {
    // credentials are headers only: the body (raw or parsed) is not needed and not touched
    const outcome = await attempt(() => check(event))
    if ('reply' in outcome) {
      const { reply } = outcome // 401/403 with the WWW-Authenticate challenge
      context.status(reply.status).headers(reply.headers).succeed(JSON.parse(reply.body))
      return undefined
    }
    return handler(outcome.auth, event, context)
  }
}

/**
 * Wraps an OpenFaaS node template handler with `verifyBearer` (the guide's shared-secret token,
 * read with readSecret): `handler({ matched }, event, context)` for a configured token, otherwise
 * 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`. Needs no RAW_BODY.
 *
 * @example
 * module.exports = withBearer(readSecret('api-token'), async (auth, event, context) => context.status(200).succeed('ok'), { realm: 'fn' })
 */
export function withBearer<E extends FunctionEvent, C extends FunctionContext>(
  tokens: string | readonly string[],
  handler: (auth: { matched: number }, event: E, context: C) => unknown,
  options: BearerOptions & OnAuthError = {},
): (event: E, context: C) => Promise<unknown> {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return withAuth((event: E) => verifyBearer(event, tokens, bearer), handler, onError)
}

/**
 * Wraps an OpenFaaS node template handler with `verifyBasicAuth`: `handler({ user }, event, context)`,
 * or 401 with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * module.exports = withBasicAuth({ admin: readSecret('admin-password') }, async ({ user }, event, context) => context.status(200).succeed(user), { realm: 'admin' })
 */
export function withBasicAuth<E extends FunctionEvent, C extends FunctionContext>(
  users: BasicUsers,
  handler: (auth: { user: string }, event: E, context: C) => unknown,
  options: BasicOptions & OnAuthError,
): (event: E, context: C) => Promise<unknown> {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return withAuth((event: E) => verifyBasicAuth(event, users, basic), handler, onError)
}

/**
 * Wraps an OpenFaaS handler with `verifyJwt` (e.g. OpenFaaS IAM function tokens with
 * `functionName`): `handler({ payload, protectedHeader }, event, context)`, or 401 (403 for a
 * missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * module.exports = withJwt({ issuer: GW, audience: GW, jwksUrl: `${GW}/.well-known/openid-configuration/jwks`, functionName: 'openfaas-fn:reports' }, async (auth, event, context) => context.status(200).succeed('ok'))
 */
export function withJwt<E extends FunctionEvent, C extends FunctionContext>(options: JwtOptions & OnAuthError, handler: (auth: VerifiedJwt, event: E, context: C) => unknown) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return withAuth((event: E) => verifyJwt(event, jwt), handler, onError)
}
