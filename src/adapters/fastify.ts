// Fastify 5: a plugin that, in the scope it is registered in, replaces the content-type parsers with
// one that keeps the exact bytes, and verifies every request of that scope in a preHandler hook.
// Fastify scopes parsers and hooks by encapsulation; the `skip-override` symbol (what fastify-plugin
// sets) makes them apply to the scope the plugin is registered in, not to a child scope:
// https://fastify.dev/docs/latest/Reference/ContentTypeParser/ · https://fastify.dev/docs/latest/Reference/Encapsulation/
import { readStream } from '#stream'
import { verifyOrReply, prepareVerifier, WebhookVerificationError, adapterOptions, errorReply, isVerificationError, type AdapterOptions, type Reply, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The part of a Fastify request the plugin reads and writes. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>
  method: string
  url: string
  body?: unknown
  /** The verified delivery, set before your handler runs. */
  webhook?: VerifiedWebhook
}

interface ReplyLike {
  code(status: number): ReplyLike
  headers(values: Record<string, string>): ReplyLike
  send(body?: string): ReplyLike
}

/** The part of a Fastify instance the plugin uses. */
export interface FastifyLike {
  removeAllContentTypeParsers(): void
  addContentTypeParser(type: string, parser: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void): void
  addHook(name: 'preHandler', hook: (request: WebhookRequest, reply: ReplyLike) => Promise<unknown>): void
}

/** Why reading the body failed; the preHandler answers it like any verification error. */
class Unread {
  constructor(readonly error: WebhookVerificationError) {}
}

const NOT_RAW = 'The body reached the verifier already parsed: register verifyWebhooks in the same scope as the webhook routes and before them, so its parser keeps the exact bytes.'

function send(reply: ReplyLike, r: Reply): ReplyLike {
  return reply.code(r.status).headers(r.headers).send(r.body)
}

/**
 * A Fastify plugin: register it inside the scope of your webhook routes. Each request there is
 * read as raw bytes (whatever its content type), verified, and `request.webhook` is set; a failed
 * verification is answered with its status and `{"error":"<code>"}`, a handshake with the
 * provider's reply. Other routes keep Fastify's parsers. Configuration mistakes throw a TypeError
 * when the plugin is created.
 *
 * @example
 * app.register(async (scope) => {
 *   await scope.register(verifyWebhooks('github', process.env.GITHUB_WEBHOOK_SECRET))
 *   scope.post('/webhooks/github', async (request) => { handle(request.webhook.payload); return { ok: true } })
 * })
 */
export function verifyWebhooks(provider: string | Scheme, secret: SecretInput, options?: AdapterOptions) {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = prepareVerifier(provider, secret, verifyOptions)
  function hooksealFastify(instance: FastifyLike, _options: unknown, done: (error?: Error) => void): void {
    instance.removeAllContentTypeParsers()
    instance.addContentTypeParser('*', (request, payload, parsed) => {
      const length = (request as { headers: Record<string, string | undefined> }).headers['content-length']
      readStream(payload, verifier.maxBodyBytes, length, verifier.bodyTimeoutMs).then(
        (bytes) => parsed(null, bytes),
        (error: unknown) => (isVerificationError(error) ? parsed(null, new Unread(error)) : parsed(error as Error)),
      )
    })
    instance.addHook('preHandler', async (request, reply) => {
      // the body parser could not read the body: answered as any verification error
      if (request.body instanceof Unread) return send(reply, errorReply(report(request.body.error)))
      const outcome = await verifyOrReply(verifier, { headers: request.headers, body: request.body, method: request.method, url: request.url }, report)
      if ('reply' in outcome) return send(reply, outcome.reply)
      request.webhook = outcome.webhook
    })
    done()
  }
  // As fastify-plugin does: the parser and hook apply to the scope that registers the plugin.
  return Object.assign(hooksealFastify, { [Symbol.for('skip-override')]: true })
}

/** What the auth hooks set on the request: `{ matched }` (bearer), `{ user }` (Basic) or the verified JWT. */
export type AuthResult = { matched: number } | { user: string } | VerifiedJwt

/** The part of a Fastify request the auth hooks read and write. */
export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>
  auth?: AuthResult
}

function authHook(check: (request: AuthRequest) => Promise<AuthResult>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  // An async preHandler that returns the reply it sent stops the route there (Fastify Hooks docs,
  // "Respond to a request from a hook"): https://fastify.dev/docs/latest/Reference/Hooks/
  return async function hooksealFastifyAuth(request: AuthRequest, reply: ReplyLike): Promise<ReplyLike | undefined> {
    const outcome = await attempt(() => check(request))
    if ('reply' in outcome) return send(reply, outcome.reply)
    request.auth = outcome.auth
    return undefined
  }
}

/**
 * A preHandler hook for `verifyBearer`: sets `request.auth = { matched }`, or answers 401
 * `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`. Reads only headers.
 *
 * @example
 * app.post('/reports', { preHandler: requireBearer([process.env.API_TOKEN]) }, async (request) => request.auth)
 */
export function requireBearer(tokens: string | readonly string[], options: BearerOptions & OnAuthError = {}) {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return authHook((request) => verifyBearer(request, tokens, bearer), onError)
}

/**
 * A preHandler hook for `verifyBasicAuth`: sets `request.auth = { user }`, or answers 401 with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * app.get('/admin', { preHandler: requireBasicAuth({ admin: process.env.ADMIN_PASSWORD }) }, handler)
 */
export function requireBasicAuth(users: BasicUsers, options: BasicOptions & OnAuthError) {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return authHook((request) => verifyBasicAuth(request, users, basic), onError)
}

/**
 * A preHandler hook for `verifyJwt`: sets `request.auth = { payload, protectedHeader }`, or answers
 * 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * app.post('/reports', { preHandler: requireJwt({ issuer: ISS, audience: ISS, jwksUrl }) }, handler)
 */
export function requireJwt(options: JwtOptions & OnAuthError) {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return authHook((request) => verifyJwt(request, jwt), onError)
}
