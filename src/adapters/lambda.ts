// AWS Lambda behind API Gateway REST APIs (payload format 1.0), HTTP APIs (2.0) and Function URLs
// (2.0). All carry `headers`, a string `body` (or null) and `isBase64Encoded`: binary bodies, and
// every body a Function URL or HTTP API deems non-text, arrive base64-encoded and are decoded here.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
import { verifyOrReply, createVerifier, adapterOptions, type AdapterOptions, type Reply, authAttempt, type OnAuthError, checkBearerConfig, verifyBearer, type BearerOptions, checkBasicConfig, verifyBasicAuth, type BasicOptions, type BasicUsers, checkJwtConfig, verifyJwt, type JwtOptions, type VerifiedJwt } from '../internal.js'
import type { Scheme, SecretInput, VerifiedWebhook } from '../core/types.js'

export type { AdapterOptions } from '../core/respond.js'

/** The fields of an API Gateway (v1/v2) or Function URL event the wrapper reads. */
export interface LambdaHttpEvent {
  headers?: Record<string, string | undefined> | null
  body?: string | null
  isBase64Encoded?: boolean
}

/** The result shape API Gateway and Function URLs accept. */
export interface LambdaHttpResult {
  statusCode: number
  headers?: Record<string, string>
  body?: string
  isBase64Encoded?: boolean
}

const NOT_RAW = 'The event body is not the string Lambda delivers: pass the API Gateway / Function URL event to the wrapper unchanged.'

function result(reply: Reply): LambdaHttpResult {
  return { statusCode: reply.status, headers: reply.headers, body: reply.body }
}

/**
 * Wraps a Lambda handler: the event is verified (base64 bodies decoded), then `handler(webhook,
 * event, context)` runs and its result is returned. A failed verification returns its status and
 * `{"error":"<code>"}`, a handshake the provider's reply. Configuration mistakes throw a TypeError here.
 *
 * @example
 * export const handler = withWebhook('stripe', process.env.STRIPE_WEBHOOK_SECRET, async (event) => {
 *   await handle(event.payload)
 *   return { statusCode: 204 }
 * })
 */
export function withWebhook<E extends LambdaHttpEvent, C = unknown, R = LambdaHttpResult, T = unknown>(
  provider: string | Scheme,
  secret: SecretInput,
  handler: (webhook: VerifiedWebhook<T>, event: E, context: C) => R | Promise<R>,
  options?: AdapterOptions,
): (event: E, context: C) => Promise<R | LambdaHttpResult> {
  const { verifyOptions, report } = adapterOptions(options, NOT_RAW)
  const verifier = createVerifier(provider, secret, verifyOptions)
  return async function hooksealLambda(event, context) {
    const outcome = await verifyOrReply<T>(verifier, event, report)
    return 'reply' in outcome ? result(outcome.reply) : handler(outcome.webhook, event, context)
  }
}

function withAuth<A, E extends LambdaHttpEvent, C, R>(check: (event: E) => Promise<A>, handler: (auth: A, event: E, context: C) => R | Promise<R>, onError: OnAuthError['onError']) {
  const attempt = authAttempt(onError)
  return async function hooksealLambdaAuth(event: E, context: C): Promise<R | LambdaHttpResult> {
    const outcome = await attempt(() => check(event))
    return 'reply' in outcome ? result(outcome.reply) : handler(outcome.auth, event, context)
  }
}

/**
 * Wraps a Lambda handler with `verifyBearer`: `handler({ matched }, event, context)` runs for a
 * configured token; otherwise 401 `{"error":"<code>"}` with `WWW-Authenticate: Bearer realm="…"`.
 *
 * @example
 * export const handler = withBearer([process.env.API_TOKEN!], async (auth, event) => ({ statusCode: 204 }), { realm: 'fn' })
 */
export function withBearer<E extends LambdaHttpEvent, C = unknown, R = LambdaHttpResult>(
  tokens: string | readonly string[],
  handler: (auth: { matched: number }, event: E, context: C) => R | Promise<R>,
  options: BearerOptions & OnAuthError = {},
): (event: E, context: C) => Promise<R | LambdaHttpResult> {
  const { onError, ...bearer } = options
  checkBearerConfig(tokens, bearer) // configuration mistakes throw here, not on the first request
  return withAuth((event: E) => verifyBearer(event, tokens, bearer), handler, onError)
}

/**
 * Wraps a Lambda handler with `verifyBasicAuth`: `handler({ user }, event, context)`, or 401 with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`.
 *
 * @example
 * export const handler = withBasicAuth({ admin: process.env.ADMIN_PASSWORD! }, async ({ user }) => ({ statusCode: 200, body: user }), { realm: 'admin' })
 */
export function withBasicAuth<E extends LambdaHttpEvent, C = unknown, R = LambdaHttpResult>(
  users: BasicUsers,
  handler: (auth: { user: string }, event: E, context: C) => R | Promise<R>,
  options: BasicOptions & OnAuthError,
): (event: E, context: C) => Promise<R | LambdaHttpResult> {
  const { onError, ...basic } = options ?? ({} as BasicOptions & OnAuthError)
  checkBasicConfig(users, basic)
  return withAuth((event: E) => verifyBasicAuth(event, users, basic), handler, onError)
}

/**
 * Wraps a Lambda handler with `verifyJwt`: `handler({ payload, protectedHeader }, event, context)`,
 * or 401 (403 for a missing function permission) with the `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * export const handler = withJwt({ issuer: ISS, audience: ISS, jwksUrl }, async ({ payload }) => ({ statusCode: 200, body: String(payload.sub) }))
 */
export function withJwt<E extends LambdaHttpEvent, C = unknown, R = LambdaHttpResult>(
  options: JwtOptions & OnAuthError,
  handler: (auth: VerifiedJwt, event: E, context: C) => R | Promise<R>,
): (event: E, context: C) => Promise<R | LambdaHttpResult> {
  const { onError, ...jwt } = options ?? ({} as JwtOptions & OnAuthError)
  checkJwtConfig(jwt)
  return withAuth((event: E) => verifyJwt(event, jwt), handler, onError)
}
