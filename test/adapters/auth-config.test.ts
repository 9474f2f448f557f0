// Configuration mistakes in every adapter's auth form (bad tokens, users or options) throw a
// TypeError when the middleware or wrapper is created, not on the first request; and the exported
// checks in src/auth accept the configurations the verify functions accept.
import { describe, expect, test } from 'vitest'
import * as cloudflare from '../../src/adapters/cloudflare.js'
import * as express from '../../src/adapters/express.js'
import * as fastify from '../../src/adapters/fastify.js'
import * as gcf from '../../src/adapters/gcf.js'
import * as hono from '../../src/adapters/hono.js'
import * as koa from '../../src/adapters/koa.js'
import * as lambda from '../../src/adapters/lambda.js'
import * as next from '../../src/adapters/next.js'
import * as openfaas from '../../src/adapters/openfaas.js'
import { checkBasicConfig, checkBearerConfig, checkJwtConfig } from '../../src/auth/index.js'

type Make = (kind: 'bearer' | 'basic' | 'jwt', config: unknown, options: unknown) => unknown
const h = () => undefined
// Each adapter's forms, called the way a user would, with the configuration under test.
/* eslint-disable @typescript-eslint/no-explicit-any */
const middleware = (m: any): Make => (kind, config, options) =>
  kind === 'bearer' ? m.requireBearer(config, options) : kind === 'basic' ? m.requireBasicAuth(config, options) : m.requireJwt(options)
const wrapper = (m: any): Make => (kind, config, options) =>
  kind === 'bearer' ? m.withBearer(config, h, options) : kind === 'basic' ? m.withBasicAuth(config, h, options) : m.withJwt(options, h)
/* eslint-enable @typescript-eslint/no-explicit-any */

const ADAPTERS: [string, Make][] = [
  ['express', middleware(express)],
  ['hono', middleware(hono)],
  ['fastify', middleware(fastify)],
  ['koa', middleware(koa)],
  ['lambda', wrapper(lambda)],
  ['next', wrapper(next)],
  ['openfaas', wrapper(openfaas)],
  ['cloudflare', wrapper(cloudflare)],
  ['gcf', wrapper(gcf)],
]

const JWT = { issuer: 'https://gw.example.com', audience: 'https://gw.example.com', jwksUrl: 'https://gw.example.com/.well-known/jwks.json' }

const BAD: [string, 'bearer' | 'basic' | 'jwt', unknown, unknown][] = [
  ['no tokens', 'bearer', [], {}],
  ['an empty token', 'bearer', ['tok', ''], {}],
  ['a non-string token', 'bearer', [42], {}],
  ['a bearer realm with a control character', 'bearer', ['tok'], { realm: 'a\nb' }],
  ['a bad bearer header name', 'bearer', ['tok'], { header: 'x api key' }],
  ['a non-function onError', 'bearer', ['tok'], { onError: 'log' }],
  ['no users', 'basic', {}, { realm: 'admin' }],
  ['a user with ":"', 'basic', { 'a:b': 'pw' }, { realm: 'admin' }],
  ['an empty password', 'basic', { admin: '' }, { realm: 'admin' }],
  ['Basic without a realm', 'basic', { admin: 'pw' }, {}],
  ['Basic without options', 'basic', { admin: 'pw' }, undefined],
  ['JWT without options', 'jwt', undefined, undefined],
  ['JWT without an audience', 'jwt', undefined, { issuer: JWT.issuer, jwksUrl: JWT.jwksUrl }],
  ['JWT without a key', 'jwt', undefined, { issuer: JWT.issuer, audience: JWT.audience }],
  ['JWT with two key sources', 'jwt', undefined, { ...JWT, jwks: { keys: [] } }],
  ['JWT with a relative jwksUrl', 'jwt', undefined, { ...JWT, jwksUrl: '/jwks.json' }],
  ['JWT with a malformed functionName', 'jwt', undefined, { ...JWT, functionName: 'reports' }],
]

describe.each(ADAPTERS)('%s', (_, make) => {
  test.each(BAD)('%s throws a TypeError at creation', (_, kind, config, options) => {
    expect(() => make(kind, config, options)).toThrow(TypeError)
  })

  test('a valid configuration creates the form', () => {
    expect(make('bearer', ['tok-3f9a1c'], { realm: 'fn', header: 'x-api-key' })).toBeTypeOf('function')
    expect(make('basic', { admin: 'pw' }, { realm: 'admin' })).toBeTypeOf('function')
    expect(make('jwt', undefined, { ...JWT, functionName: 'openfaas-fn:reports', realm: 'fn' })).toBeTypeOf('function')
  })
})

test('the checks exported from src/auth', () => {
  expect(() => checkBearerConfig('tok')).not.toThrow()
  expect(() => checkBearerConfig('')).toThrow(TypeError)
  expect(() => checkBasicConfig({ admin: 'pw' }, { realm: 'admin' })).not.toThrow()
  expect(() => checkBasicConfig(() => true, {})).toThrow(TypeError)
  expect(() => checkJwtConfig({ ...JWT, key: new Uint8Array(32), jwksUrl: undefined })).not.toThrow()
  expect(() => checkJwtConfig({ ...JWT, header: '' })).toThrow(TypeError)
})

test('cloudflare: tokens and users read from env are checked when the request comes, options at creation', () => {
  expect(cloudflare.withBearer(() => ['tok'], () => new Response())).toBeTypeOf('function')
  expect(() => cloudflare.withBearer(() => ['tok'], () => new Response(), { header: 'bad header' })).toThrow(TypeError)
})
