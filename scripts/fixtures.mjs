// Regenerates fixtures/<preset>/*.json: recorded-style deliveries for the github, stripe, discord
// and hub presets, each with the exact body, the headers as the provider sends them, the secret,
// the verification clock and the expected result (`ok` or an exact error code).
//
// Run: npm run fixtures  (node scripts/fixtures.mjs). Deterministic: fixed secrets, fixed clock,
// fixed Ed25519 seeds, no Date.now and no randomness, so a re-run writes identical files.
//
// Signatures never come from hookseal itself: GitHub from @octokit/webhooks-methods `sign`,
// Stripe from stripe-node `webhooks.generateTestHeaderString`, Discord from node:crypto Ed25519
// (every one re-checked with discord-interactions `verifyKey`), hub from the published faas-cli
// vectors and node:crypto HMAC in faas-cli's format (`sha256=` + hex). Each fixture is also run
// through the provider SDK's own verifier here, and the generator fails when the SDK disagrees
// with the expectation (where the two differ by design, the fixture says so in `checkedBy`).
import { createHash, createPrivateKey, createPublicKey, sign as edSign } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import Stripe from 'stripe'
import { verifyKey } from 'discord-interactions'
import { assert, flipHex, hmacHex, isUtf8, NOW, NOW_S, root, tamperBody, utf8, version, withHeader, withoutHeaders } from './fixtures/lib/kit.mjs'

const OCTOKIT = `@octokit/webhooks-methods ${version('@octokit/webhooks-methods')}`
const STRIPE = `stripe ${version('stripe')}`
const DISCORD = `discord-interactions ${version('discord-interactions')}`

// ── fixed inputs ────────────────────────────────────────────────────────────────────────────────
// The verification clock of every fixture is the kit's NOW, 2025-06-01T12:00:00Z.
/** Deliveries are stamped two seconds before they are checked. */
const SENT_S = NOW_S - 2

const GITHUB_SECRET = 'hookseal-fixtures-github-webhook-secret'
const GITHUB_WRONG_SECRET = 'hookseal-fixtures-some-other-secret'
const STRIPE_SECRET = 'whsec_hooksealFixturesStripeSigningSecret0123'
const STRIPE_WRONG_SECRET = 'whsec_hooksealFixturesRolledSigningSecret4567'
const HUB_KEY = 'hookseal-fixtures-faas-cli-key'
const HUB_WRONG_KEY = 'hookseal-fixtures-faas-cli-other-key'
const DISCORD_SEED = createHash('sha256').update('hookseal fixtures: discord application key').digest()
const DISCORD_OTHER_SEED = createHash('sha256').update('hookseal fixtures: another discord application').digest()

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────
const L = 2n ** 252n + 27742317777372353535851937790883648493n

const fixtures = new Map() // `${preset}/${name}` → fixture object

function add(preset, name, fixture) {
  const key = `${preset}/${name}`
  assert(!fixtures.has(key), `duplicate fixture ${key}`)
  const { body, ...rest } = fixture
  const record = {
    description: rest.description,
    source: rest.source,
    ...(rest.checkedBy && { checkedBy: rest.checkedBy }),
    headers: rest.headers,
    ...(isUtf8(body) ? { body: body.toString('utf8') } : { bodyBase64: body.toString('base64') }),
    secret: rest.secret,
    now: rest.now ?? NOW,
    ...(rest.options && { options: rest.options }),
    expect: rest.expect,
    ...(rest.expect === 'ok' && rest.expectId !== undefined && { expectId: rest.expectId }),
    ...(rest.expect === 'ok' && { expectKind: rest.expectKind ?? 'event' }),
    ...(rest.expect === 'ok' && rest.expectResponseBody !== undefined && { expectResponseBody: rest.expectResponseBody }),
  }
  fixtures.set(key, record)
}

// ── payload bodies ──────────────────────────────────────────────────────────────────────────────
const REPO = {
  id: 812345678,
  node_id: 'R_kgDOMGvWTg',
  name: 'hookseal-demo',
  full_name: 'octo-org/hookseal-demo',
  private: false,
  owner: {
    name: 'octo-org',
    email: null,
    login: 'octo-org',
    id: 91234567,
    node_id: 'O_kgDOBXAx1w',
    avatar_url: 'https://avatars.githubusercontent.com/u/91234567?v=4',
    url: 'https://api.github.com/users/octo-org',
    html_url: 'https://github.com/octo-org',
    type: 'Organization',
    site_admin: false,
  },
  html_url: 'https://github.com/octo-org/hookseal-demo',
  description: 'Webhook receiver demo',
  fork: false,
  url: 'https://github.com/octo-org/hookseal-demo',
  created_at: 1717000000,
  updated_at: '2025-05-30T09:14:02Z',
  pushed_at: SENT_S,
  git_url: 'git://github.com/octo-org/hookseal-demo.git',
  ssh_url: 'git@github.com:octo-org/hookseal-demo.git',
  clone_url: 'https://github.com/octo-org/hookseal-demo.git',
  default_branch: 'main',
  master_branch: 'main',
  organization: 'octo-org',
}
const SENDER = {
  login: 'monalisa',
  id: 1234567,
  node_id: 'MDQ6VXNlcjEyMzQ1Njc=',
  avatar_url: 'https://avatars.githubusercontent.com/u/1234567?v=4',
  url: 'https://api.github.com/users/monalisa',
  html_url: 'https://github.com/monalisa',
  type: 'User',
  site_admin: false,
}

function commit(i, message) {
  const id = createHash('sha1').update(`hookseal fixture commit ${i}`).digest('hex')
  return {
    id,
    tree_id: createHash('sha1').update(`hookseal fixture tree ${i}`).digest('hex'),
    distinct: true,
    message,
    timestamp: '2025-06-01T13:59:40+02:00',
    url: `https://github.com/octo-org/hookseal-demo/commit/${id}`,
    author: { name: 'Mona Lisa Octocat', email: 'monalisa@users.noreply.github.com', username: 'monalisa' },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: [],
    removed: [],
    modified: [`src/part-${i % 17}.ts`],
  }
}

function pushPayload(commits) {
  const before = createHash('sha1').update('hookseal fixture before').digest('hex')
  const after = commits.at(-1).id
  return {
    ref: 'refs/heads/main',
    before,
    after,
    repository: REPO,
    pusher: { name: 'monalisa', email: 'monalisa@users.noreply.github.com' },
    organization: { login: 'octo-org', id: 91234567, node_id: 'O_kgDOBXAx1w', url: 'https://api.github.com/orgs/octo-org' },
    sender: SENDER,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo-org/hookseal-demo/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1),
  }
}

// GitHub sends the payload as pretty-printed JSON, non-ASCII characters as UTF-8.
const ghJson = (value) => utf8(JSON.stringify(value, null, 2))

const pushBody = ghJson(
  pushPayload([
    commit(1, 'Verify signatures from the raw bytes'),
    commit(2, 'Fix 🐛 in header parsing: déjà vu with "quotes" and \\backslashes\\ ✨'),
  ]),
)

const pingBody = ghJson({
  zen: 'Keep it logically awesome.',
  hook_id: 512345678,
  hook: {
    type: 'Repository',
    id: 512345678,
    name: 'web',
    active: true,
    events: ['push', 'pull_request'],
    config: { content_type: 'json', insecure_ssl: '0', secret: '********', url: 'https://example.com/webhooks/github' },
    updated_at: '2025-06-01T11:59:58Z',
    created_at: '2025-06-01T11:59:58Z',
    url: 'https://api.github.com/repos/octo-org/hookseal-demo/hooks/512345678',
    test_url: 'https://api.github.com/repos/octo-org/hookseal-demo/hooks/512345678/test',
    ping_url: 'https://api.github.com/repos/octo-org/hookseal-demo/hooks/512345678/pings',
    deliveries_url: 'https://api.github.com/repos/octo-org/hookseal-demo/hooks/512345678/deliveries',
    last_response: { code: null, status: 'unused', message: null },
  },
  repository: REPO,
  sender: SENDER,
})

/** A push with enough commits to make the body exactly 256 KiB (262 144 bytes). */
function largePushBody() {
  const TARGET = 256 * 1024
  const message = (i) => `Refactor module ${i}: split the parser into smaller steps`
  const commits = [commit(1, message(1))]
  while (ghJson(pushPayload(commits)).length < TARGET - 2000) commits.push(commit(commits.length + 1, message(commits.length + 1)))
  const pad = TARGET - ghJson(pushPayload(commits)).length
  assert(pad >= 0, 'large body overshot')
  // the last commit is also head_commit, so its message is written twice
  commits.at(-1).message += '.'.repeat(Math.floor(pad / 2))
  if (pad % 2 === 1) commits[0].message += '.'
  const body = ghJson(pushPayload(commits))
  assert(body.length === TARGET, `large body is ${body.length} bytes, not ${TARGET}`)
  return body
}

// Stripe sends events as pretty-printed JSON (two-space indent).
const stripeBody = utf8(
  JSON.stringify(
    {
      id: 'evt_3RUhOBLkdIwHu7ix0QpLxbBc',
      object: 'event',
      api_version: '2025-05-28.basil',
      created: SENT_S - 1,
      data: {
        object: {
          id: 'pi_3RUhOBLkdIwHu7ix0n8wJb7v',
          object: 'payment_intent',
          amount: 4200,
          amount_capturable: 0,
          amount_received: 4200,
          application: null,
          automatic_payment_methods: { allow_redirects: 'always', enabled: true },
          capture_method: 'automatic_async',
          client_secret: 'pi_3RUhOBLkdIwHu7ix0n8wJb7v_secret_hooksealFixture',
          confirmation_method: 'automatic',
          created: SENT_S - 3,
          currency: 'eur',
          customer: 'cus_SPhOwXHqH1fHCt',
          description: 'Café crème ☕ × 2 — order #1042 🎉',
          last_payment_error: null,
          latest_charge: 'ch_3RUhOBLkdIwHu7ix0eQ1nXyZ',
          livemode: false,
          metadata: { order_id: '1042' },
          next_action: null,
          payment_method: 'pm_1RUhOALkdIwHu7ixV5n3mQ2k',
          payment_method_types: ['card', 'link'],
          receipt_email: 'jenny.rosen@example.com',
          status: 'succeeded',
        },
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: 'req_Yx1H8kZ9pQ2wLm', idempotency_key: '8f3c2b1e-6a4d-4e0f-9b7a-2c5d8e1f0a3b' },
      type: 'payment_intent.succeeded',
    },
    null,
    2,
  ),
)

// Discord sends compact JSON.
const DISCORD_APP = '1234567890123456789'
const discordPingBody = utf8(
  JSON.stringify({
    application_id: DISCORD_APP,
    entitlements: [],
    id: '1378612345678901234',
    token: 'aW50ZXJhY3Rpb246MTM3ODYxMjM0NTY3ODkwMTIzNDpob29rc2VhbC1maXh0dXJl',
    type: 1,
    user: { avatar: null, discriminator: '0', global_name: 'Discord', id: '643945264868098049', public_flags: 1, username: 'discord' },
    version: 1,
  }),
)
const discordCommandBody = utf8(
  JSON.stringify({
    app_permissions: '2248473465835073',
    application_id: DISCORD_APP,
    authorizing_integration_owners: { 0: '987654321098765432' },
    channel_id: '1100000000000000001',
    context: 0,
    data: { id: '1300000000000000001', name: 'roll', options: [{ name: 'dice', type: 3, value: '🎲 2d6 + ünïcödé' }], type: 1 },
    entitlements: [],
    guild_id: '987654321098765432',
    guild_locale: 'en-US',
    id: '1378612345678901299',
    locale: 'fr',
    member: {
      avatar: null,
      deaf: false,
      joined_at: '2024-11-02T10:00:00.000000+00:00',
      mute: false,
      nick: null,
      permissions: '2251799813685247',
      roles: [],
      user: { avatar: null, discriminator: '0', global_name: 'Mona 🐙', id: '200000000000000002', public_flags: 0, username: 'mona' },
    },
    token: 'aW50ZXJhY3Rpb246MTM3ODYxMjM0NTY3ODkwMTI5OTpob29rc2VhbC1maXh0dXJl',
    type: 2,
    version: 1,
  }),
)

// faas-cli invoke reads the body from stdin: `echo '{…}' | faas-cli invoke …` ends with a newline.
const hubJsonBody = utf8('{"action":"deploy","function":"resize-img","by":"mona 🐙","note":"déploiement ✅"}\n')
// a CSV exported on Windows: CRLF line ends, piped as is
const hubCrlfBody = utf8('order_id,amount,currency\r\n1042,42.00,EUR\r\n1043,7.50,EUR\r\n')
// `faas-cli invoke resize-img < pixel.png`: a 1×1 PNG; 0x89 makes it invalid UTF-8
const hubPngBody = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

// ── GitHub ──────────────────────────────────────────────────────────────────────────────────────
function githubHeaders({ event, delivery, sig256, sig1 }) {
  return {
    'Accept': '*/*',
    'Content-Type': 'application/json',
    'User-Agent': 'GitHub-Hookshot/3b4f1c2',
    'X-GitHub-Delivery': delivery,
    'X-GitHub-Event': event,
    'X-GitHub-Hook-ID': '512345678',
    'X-GitHub-Hook-Installation-Target-ID': '812345678',
    'X-GitHub-Hook-Installation-Target-Type': 'repository',
    'X-Hub-Signature': sig1,
    'X-Hub-Signature-256': sig256,
  }
}

async function githubDelivery(name, { description, body, event, delivery, twins = true }) {
  const sig256 = await octokitSign(GITHUB_SECRET, body.toString('utf8'))
  // GitHub also sends the legacy SHA-1 header; octokit 6 no longer makes it, so node:crypto does, per GitHub's docs.
  const sig1 = `sha1=${hmacHex('sha1', GITHUB_SECRET, body)}`
  const headers = githubHeaders({ event, delivery, sig256, sig1 })
  const source = `X-Hub-Signature-256 by ${OCTOKIT} sign(); X-Hub-Signature (legacy SHA-1) by node:crypto HMAC-SHA1 as GitHub documents it`
  add('github', name, { description, source, headers, body, secret: GITHUB_SECRET, expect: 'ok', expectId: delivery })
  if (twins) githubTwins(name, { description, source, headers, body, secret: GITHUB_SECRET })
}

function githubTwins(name, { description, source, headers, body, secret }) {
  const sigName = Object.keys(headers).find((k) => k.toLowerCase() === 'x-hub-signature-256')
  const sig = headers[sigName]
  const base = { source, secret, body, headers }
  add('github', `${name}.tampered-body`, { ...base, description: `${description}; one body byte changed after signing`, body: tamperBody(body), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('github', `${name}.tampered-signature`, { ...base, description: `${description}; last hex digit of the signature changed`, headers: withHeader(headers, sigName, flipHex(sig)), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('github', `${name}.wrong-secret`, { ...base, description: `${description}; verified with a different secret than the one it was signed with`, secret: GITHUB_WRONG_SECRET, expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('github', `${name}.truncated-signature`, { ...base, description: `${description}; signature cut by one byte (two hex digits)`, headers: withHeader(headers, sigName, sig.slice(0, -2)), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('github', `${name}.non-hex-signature`, { ...base, description: `${description}; signature digits replaced by non-hex characters of the same length`, headers: withHeader(headers, sigName, `sha256=${'zq'.repeat(32)}`), expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
  add('github', `${name}.missing-header`, { ...base, description: `${description}; no signature header at all (webhook without a secret)`, headers: withoutHeaders(headers, 'X-Hub-Signature-256', 'X-Hub-Signature'), expect: 'ERR_WEBHOOK_MISSING_HEADER' })
  add('github', `${name}.legacy-sha1-only`, {
    ...base,
    description: `${description}; only the legacy SHA-1 X-Hub-Signature header (valid), which the github preset refuses`,
    headers: withoutHeaders(withHeader(headers, 'X-Hub-Signature', `sha1=${hmacHex('sha1', secret, body)}`), 'X-Hub-Signature-256'),
    expect: 'ERR_WEBHOOK_MISSING_HEADER',
  })
}

async function buildGithub() {
  // docs.github.com example: secret "It's a Secret to Everybody", payload "Hello, World!"
  const DOCS_URL = 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation'
  const DOCS_SECRET = "It's a Secret to Everybody"
  const DOCS_SIG = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
  assert((await octokitSign(DOCS_SECRET, 'Hello, World!')) === DOCS_SIG, 'octokit disagrees with the GitHub docs vector')
  const docs = { description: 'GitHub documentation test vector', source: `GitHub docs, ${DOCS_URL} (octokit sign() reproduces it)`, headers: { 'X-Hub-Signature-256': DOCS_SIG }, body: utf8('Hello, World!') }
  add('github', 'docs-hello-world', { ...docs, secret: DOCS_SECRET, expect: 'ok' })
  githubTwins('docs-hello-world', { ...docs, secret: DOCS_SECRET })

  await githubDelivery('push', {
    description: 'GitHub push delivery (two commits, emoji and escaped quotes in a commit message)',
    body: pushBody,
    event: 'push',
    delivery: '6f1b9a40-3e8c-11f0-8a4e-2b7c1d9e5f01',
  })
  await githubDelivery('ping', {
    description: 'GitHub ping delivery sent when the webhook is created',
    body: pingBody,
    event: 'ping',
    delivery: '5d0e8f20-3e8c-11f0-9c1a-7e2f4b6a8d03',
  })
  await githubDelivery('push-256kib', {
    description: 'GitHub push delivery of exactly 256 KiB (many commits)',
    body: largePushBody(),
    event: 'push',
    delivery: '7a2c0b60-3e8c-11f0-8d5b-4c9e2a7f1b05',
    twins: false,
  })
}

// ── Stripe ──────────────────────────────────────────────────────────────────────────────────────
const stripeHeader = (payload, secret, timestamp, scheme) =>
  Stripe.webhooks.generateTestHeaderString({ payload: payload.toString('utf8'), secret, timestamp, ...(scheme && { scheme }) })

function stripeHeaders(signature) {
  return {
    'Accept': '*/*; q=0.5, application/xml',
    'Cache-Control': 'no-cache',
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    'Stripe-Signature': signature,
  }
}

function buildStripe() {
  const name = 'payment-intent-succeeded'
  const body = stripeBody
  const description = 'Stripe payment_intent.succeeded event (emoji and accents in the description)'
  const source = `Stripe-Signature by ${STRIPE} Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })`
  const header = stripeHeader(body, STRIPE_SECRET, SENT_S)
  const v1 = header.split(',v1=')[1]
  const base = { source, body, secret: STRIPE_SECRET }
  const at = (headerValue) => stripeHeaders(headerValue)
  // the delivery id is the event id inside the verified body
  const expectId = JSON.parse(body.toString('utf8')).id
  add('stripe', name, { ...base, description, headers: at(header), expect: 'ok', expectId })
  add('stripe', `${name}.tampered-body`, { ...base, description: `${description}; one body byte changed after signing`, headers: at(header), body: tamperBody(body), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('stripe', `${name}.tampered-signature`, { ...base, description: `${description}; last hex digit of v1 changed`, headers: at(`t=${SENT_S},v1=${flipHex(v1)}`), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('stripe', `${name}.wrong-secret`, { ...base, description: `${description}; verified with a different whsec_ secret`, headers: at(header), secret: STRIPE_WRONG_SECRET, expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('stripe', `${name}.truncated-signature`, { ...base, description: `${description}; v1 cut by one byte (two hex digits)`, headers: at(`t=${SENT_S},v1=${v1.slice(0, -2)}`), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('stripe', `${name}.non-hex-signature`, { ...base, description: `${description}; v1 replaced by non-hex characters of the same length`, headers: at(`t=${SENT_S},v1=${'zq'.repeat(32)}`), expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
  add('stripe', `${name}.missing-header`, { ...base, description: `${description}; no Stripe-Signature header`, headers: withoutHeaders(at(header), 'Stripe-Signature'), expect: 'ERR_WEBHOOK_MISSING_HEADER' })
  add('stripe', `${name}.timestamp-changed`, { ...base, description: `${description}; t= moved one second without re-signing`, headers: at(`t=${SENT_S - 1},v1=${v1}`), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  const old = NOW_S - 301
  add('stripe', `${name}.too-old`, { ...base, description: `${description}; signed 301 s before now (default tolerance 300 s)`, headers: at(stripeHeader(body, STRIPE_SECRET, old)), expect: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' })
  add('stripe', `${name}.at-tolerance`, { ...base, description: `${description}; signed exactly 300 s before now (the edge of the default tolerance)`, headers: at(stripeHeader(body, STRIPE_SECRET, NOW_S - 300)), expect: 'ok' })
  add('stripe', `${name}.in-future`, {
    ...base,
    description: `${description}; signed 301 s after now`,
    headers: at(stripeHeader(body, STRIPE_SECRET, NOW_S + 301)),
    expect: 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE',
  })
  add('stripe', `${name}.tolerance-60-too-old`, { ...base, description: `${description}; signed 120 s before now, verified with toleranceSeconds 60`, headers: at(stripeHeader(body, STRIPE_SECRET, NOW_S - 120)), options: { toleranceSeconds: 60 }, expect: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' })
  add('stripe', `${name}.tolerance-600-ok`, { ...base, description: `${description}; signed 400 s before now, verified with toleranceSeconds 600`, headers: at(stripeHeader(body, STRIPE_SECRET, NOW_S - 400)), options: { toleranceSeconds: 600 }, expect: 'ok' })
  add('stripe', `${name}.only-v0`, {
    ...base,
    source: `${source} with scheme 'v0'`,
    description: `${description}; only a v0 signature (a valid one), which never counts`,
    headers: at(stripeHeader(body, STRIPE_SECRET, SENT_S, 'v0')),
    expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE',
  })
  add('stripe', `${name}.tolerance-0`, {
    ...base,
    description: `${description}; signed 2 s before now, verified with toleranceSeconds 0 (an explicit tolerance is always enforced)`,
    headers: at(header),
    options: { toleranceSeconds: 0 },
    expect: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD',
  })
  const v0 = stripeHeader(body, STRIPE_SECRET, SENT_S, 'v0').split(',v0=')[1]
  add('stripe', `${name}.v0-valid-v1-wrong`, {
    ...base,
    source: `${source}, v1 from another secret and v0 (scheme 'v0') from the right one`,
    description: `${description}; a wrong v1 next to a valid v0: v0 never counts`,
    headers: at(`t=${SENT_S},v1=${stripeHeader(body, STRIPE_WRONG_SECRET, SENT_S).split(',v1=')[1]},v0=${v0}`),
    expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH',
  })
  add('stripe', `${name}.v1-and-v0`, { ...base, source: `${source}, v1 and v0 (scheme 'v0') joined as test-mode deliveries carry them`, description: `${description}; v1 followed by v0, as Stripe test mode sends`, headers: at(`${header},v0=${v0}`), expect: 'ok' })
  const rolled = stripeHeader(body, STRIPE_WRONG_SECRET, SENT_S).split(',v1=')[1]
  add('stripe', `${name}.two-v1-second-matches`, {
    ...base,
    source: `${source}, one v1 per secret (old secret first) as during a secret roll`,
    description: `${description}; two v1 entries, the first from another secret, the second matching`,
    headers: at(`t=${SENT_S},v1=${rolled},v1=${v1}`),
    expect: 'ok',
  })
}

// ── Discord ─────────────────────────────────────────────────────────────────────────────────────
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')
const edKey = (seed) => createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' })
const edPublicHex = (seed) => Buffer.from(createPublicKey(edKey(seed)).export({ format: 'jwk' }).x, 'base64url').toString('hex')
const DISCORD_PUBLIC = edPublicHex(DISCORD_SEED)
const DISCORD_OTHER_PUBLIC = edPublicHex(DISCORD_OTHER_SEED)

function discordSign(timestamp, body) {
  return edSign(null, Buffer.concat([utf8(String(timestamp)), body]), edKey(DISCORD_SEED)).toString('hex')
}

function discordHeaders(signature, timestamp) {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    'X-Signature-Ed25519': signature,
    'X-Signature-Timestamp': String(timestamp),
  }
}

/** Adds S + L to the signature's S half: same point equation, non-canonical encoding (RFC 8032 §5.1.7). */
function nonCanonicalS(hex) {
  const sig = Buffer.from(hex, 'hex')
  let s = 0n
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i])
  let t = s + L
  assert(t < 2n ** 256n, 'S + L does not fit')
  for (let i = 0; i < 32; i++, t >>= 8n) sig[32 + i] = Number(t & 0xffn)
  return sig.toString('hex')
}

function buildDiscordOne(name, { description, body, expectKind, expectResponseBody }) {
  const source = `Ed25519 by node:crypto from a fixed seed (sha256 of a fixed label, see scripts/fixtures.mjs); the untampered signature is accepted by ${DISCORD} verifyKey`
  const sig = discordSign(SENT_S, body)
  const base = { source, body, secret: DISCORD_PUBLIC, headers: discordHeaders(sig, SENT_S) }
  add('discord', name, { ...base, description, expect: 'ok', expectKind, expectResponseBody })
  add('discord', `${name}.tampered-body`, { ...base, description: `${description}; one body byte changed after signing`, body: tamperBody(body), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('discord', `${name}.tampered-signature`, { ...base, description: `${description}; last hex digit of the signature changed`, headers: discordHeaders(flipHex(sig), SENT_S), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('discord', `${name}.wrong-key`, { ...base, description: `${description}; verified with another application's public key`, secret: DISCORD_OTHER_PUBLIC, expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('discord', `${name}.truncated-signature`, { ...base, description: `${description}; signature cut by one byte (two hex digits)`, headers: discordHeaders(sig.slice(0, -2), SENT_S), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('discord', `${name}.non-hex-signature`, { ...base, description: `${description}; signature replaced by non-hex characters of the same length`, headers: discordHeaders('zq'.repeat(64), SENT_S), expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
  add('discord', `${name}.missing-signature-header`, { ...base, description: `${description}; no X-Signature-Ed25519 header`, headers: withoutHeaders(base.headers, 'X-Signature-Ed25519'), expect: 'ERR_WEBHOOK_MISSING_HEADER' })
  add('discord', `${name}.missing-timestamp-header`, { ...base, description: `${description}; no X-Signature-Timestamp header`, headers: withoutHeaders(base.headers, 'X-Signature-Timestamp'), expect: 'ERR_WEBHOOK_MISSING_HEADER' })
  add('discord', `${name}.timestamp-changed`, { ...base, description: `${description}; timestamp moved one second without re-signing`, headers: discordHeaders(sig, SENT_S - 1), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('discord', `${name}.too-old`, { ...base, description: `${description}; signed 301 s before now (window 300 s)`, headers: discordHeaders(discordSign(NOW_S - 301, body), NOW_S - 301), expect: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' })
  add('discord', `${name}.in-future`, { ...base, description: `${description}; signed 301 s after now (window 300 s)`, headers: discordHeaders(discordSign(NOW_S + 301, body), NOW_S + 301), expect: 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE' })
  add('discord', `${name}.non-canonical-s`, {
    ...base,
    description: `${description}; S replaced by S + L (same equation, non-canonical; RFC 8032 §5.1.7 requires S < L)`,
    headers: discordHeaders(nonCanonicalS(sig), SENT_S),
    expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH',
  })
}

function buildDiscord() {
  buildDiscordOne('ping', { description: 'Discord PING interaction (type 1) sent when the endpoint URL is saved', body: discordPingBody, expectKind: 'handshake', expectResponseBody: '{"type":1}' })
  buildDiscordOne('application-command', { description: 'Discord APPLICATION_COMMAND interaction (type 2), /roll with an emoji option', body: discordCommandBody, expectKind: 'event' })
}

// ── hub (faas-cli invoke --sign) ────────────────────────────────────────────────────────────────
const FAAS_CLI_URL = 'https://github.com/openfaas/faas-cli/blob/master/commands/invoke_test.go'
const FAAS_CLI_FORMAT = 'node:crypto HMAC in faas-cli invoke --sign format (`sha256=` + lower-case hex of HMAC-SHA256(key, stdin bytes); `sha1=` before 0.17.1)'

function hubHeaders(contentType, sigHeader, signature, cliVersion = '0.17.8') {
  // Go canonicalises the --sign header name (http.Header.Add), e.g. X-Hub-Signature.
  return { 'Content-Type': contentType, 'User-Agent': `faas-cli/${cliVersion} (openfaas; linux; amd64)`, [sigHeader]: signature }
}

function hubTwins(name, { description, source, headers, body, key, sigHeader, hash }) {
  const sig = headers[sigHeader]
  const base = { source, body, secret: key, headers }
  add('hub', `${name}.tampered-body`, { ...base, description: `${description}; one body byte changed after signing`, body: tamperBody(body), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('hub', `${name}.tampered-signature`, { ...base, description: `${description}; last hex digit of the signature changed`, headers: withHeader(headers, sigHeader, flipHex(sig)), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('hub', `${name}.wrong-secret`, { ...base, description: `${description}; verified with another key`, secret: HUB_WRONG_KEY, expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('hub', `${name}.truncated-signature`, { ...base, description: `${description}; signature cut by one byte (two hex digits)`, headers: withHeader(headers, sigHeader, sig.slice(0, -2)), expect: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' })
  add('hub', `${name}.non-hex-signature`, { ...base, description: `${description}; signature digits replaced by non-hex characters`, headers: withHeader(headers, sigHeader, `${hash}=${'zq'.repeat(hash === 'sha1' ? 20 : 32)}`), expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
  add('hub', `${name}.missing-header`, { ...base, description: `${description}; invoked without --sign (no signature header)`, headers: withoutHeaders(headers, sigHeader), expect: 'ERR_WEBHOOK_MISSING_HEADER' })
  add('hub', `${name}.md5`, { ...base, description: `${description}; an md5= HMAC (valid), an algorithm the hub preset does not know`, headers: withHeader(headers, sigHeader, `md5=${hmacHex('md5', key, body)}`), expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE' })
}

function hubInvoke(name, { description, body, contentType, sigHeader = 'X-Hub-Signature', hash = 'sha256', cliVersion, key = HUB_KEY, signature, source }) {
  const sig = signature ?? `${hash}=${hmacHex(hash, key, body)}`
  const headers = hubHeaders(contentType, sigHeader, sig, cliVersion)
  const src = source ?? FAAS_CLI_FORMAT
  add('hub', name, { description, source: src, headers, body, secret: key, expect: 'ok' })
  hubTwins(name, { description, source: src, headers, body, key, sigHeader, hash })
}

function buildHub() {
  const VECTOR = 'sha256=51846d8900847a40a129743c98742c83a56c3cbc4f5aec188d7eb2de629d11df'
  assert(`sha256=${hmacHex('sha256', 'KeySet', Buffer.alloc(0))}` === VECTOR, 'node:crypto disagrees with the faas-cli vector')
  hubInvoke('faas-cli-vector-empty', {
    description: 'faas-cli Test_generateHeader vector "Key with empty message": key KeySet, empty body',
    source: `openfaas/faas-cli commands/invoke_test.go Test_generateHeader, ${FAAS_CLI_URL}`,
    body: Buffer.alloc(0),
    contentType: 'text/plain',
    key: 'KeySet',
    signature: VECTOR,
  })
  // alexellis/hmac pkg_test.go (what OpenFaaS functions validate with): "sign this message", key "my key"
  const HMAC_URL = 'https://github.com/alexellis/hmac/blob/master/pkg_test.go'
  const HMAC_VECTORS = { sha1: '6791a762f7568f945c2e1e396cea243e944100a6', sha256: '41f8b7712c58dc25be8d30cf25e57739a65f5f2f449b59a42e04da1f191512e7' }
  for (const [hash, hex] of Object.entries(HMAC_VECTORS)) {
    assert(hmacHex(hash, 'my key', utf8('sign this message')) === hex, `node:crypto disagrees with the alexellis/hmac ${hash} vector`)
    add('hub', `alexellis-hmac-${hash}`, {
      description: `alexellis/hmac Test_ValidateWith${hash === 'sha1' ? 'Sha1' : 'Sha256'}Prefix vector: "sign this message", key "my key"`,
      source: `alexellis/hmac pkg_test.go, ${HMAC_URL}`,
      headers: { 'X-Hub-Signature': `${hash}=${hex}` },
      body: utf8('sign this message'),
      secret: 'my key',
      expect: 'ok',
    })
  }
  add('hub', 'alexellis-hmac-no-prefix', {
    description: 'alexellis/hmac Test_ValidateWithoutSha1PrefixFails: the right SHA-1 digest without its sha1= prefix',
    source: `alexellis/hmac pkg_test.go, ${HMAC_URL}`,
    headers: { 'X-Hub-Signature': HMAC_VECTORS.sha1 },
    body: utf8('sign this message'),
    secret: 'my key',
    expect: 'ERR_WEBHOOK_MALFORMED_SIGNATURE',
  })
  hubInvoke('invoke-json', {
    description: "echo '{…}' | faas-cli invoke deploy-hook --content-type application/json --sign X-Hub-Signature --key … (emoji, trailing newline)",
    body: hubJsonBody,
    contentType: 'application/json',
  })
  hubInvoke('invoke-crlf', {
    description: 'faas-cli invoke import-orders --content-type text/csv --sign X-Hub-Signature --key … < orders.csv (CRLF line ends)',
    body: hubCrlfBody,
    contentType: 'text/csv',
  })
  hubInvoke('invoke-binary', {
    description: 'faas-cli invoke resize-img --content-type image/png --sign X-Hub-Signature --key … < pixel.png (invalid UTF-8)',
    body: hubPngBody,
    contentType: 'image/png',
  })
  hubInvoke('invoke-sha256-header', {
    description: "echo '{…}' | faas-cli invoke deploy-hook --sign X-Hub-Signature-256 --key …",
    body: hubJsonBody,
    contentType: 'application/json',
    sigHeader: 'X-Hub-Signature-256',
  })
  hubInvoke('invoke-legacy-sha1', {
    description: "echo '{…}' | faas-cli invoke deploy-hook --sign X-Hub-Signature --key … with faas-cli before 0.17.1 (sha1=)",
    body: hubJsonBody,
    contentType: 'application/json',
    hash: 'sha1',
    cliVersion: '0.16.0',
  })
}

// ── cross-checks with the providers' own verifiers ──────────────────────────────────────────────
const header = (headers, name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
const bodyOf = (f) => (f.body !== undefined ? utf8(f.body) : Buffer.from(f.bodyBase64, 'base64'))
const SIGNATURE_FAILURES = new Set(['ERR_WEBHOOK_SIGNATURE_MISMATCH', 'ERR_WEBHOOK_MALFORMED_SIGNATURE'])

async function crossCheck(key, f) {
  const [preset] = key.split('/')
  const body = bodyOf(f)
  const expectValid = f.expect === 'ok'
  if (preset === 'github') {
    const sig = header(f.headers, 'X-Hub-Signature-256')
    if (sig === undefined || body.length === 0) return
    const ok = await octokitVerify(f.secret, body.toString('utf8'), sig)
    assert(ok === expectValid, `${key}: octokit verify() says ${ok}, fixture expects ${f.expect}`)
    f.checkedBy = `${OCTOKIT} verify() → ${ok}`
  } else if (preset === 'stripe') {
    const sig = header(f.headers, 'Stripe-Signature')
    if (sig === undefined) return
    let ok = true
    try {
      Stripe.webhooks.signature.verifyHeader(body.toString('utf8'), sig, f.secret, f.options?.toleranceSeconds ?? 300, undefined, f.now)
    } catch {
      ok = false
    }
    // stripe-node checks only the past side of the window, and tolerance 0 turns its check off.
    const future = f.expect === 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE'
    const zero = f.options?.toleranceSeconds === 0
    assert(ok === (expectValid || future || zero), `${key}: stripe verifyHeader says ${ok}, fixture expects ${f.expect}`)
    const why = future
      ? ' (stripe-node never rejects future timestamps; the two-sided window is hookseal\'s, issue 2)'
      : zero
        ? ' (tolerance 0 disables stripe-node\'s check; hookseal enforces an explicit tolerance, issue 2)'
        : ''
    f.checkedBy = `${STRIPE} webhooks.signature.verifyHeader(…, receivedAt = now) → ${ok ? 'accepts' : 'rejects'}${why}`
  } else if (preset === 'discord') {
    const sig = header(f.headers, 'X-Signature-Ed25519')
    const ts = header(f.headers, 'X-Signature-Timestamp')
    if (sig === undefined || ts === undefined) return
    const ok = await verifyKey(body, sig, ts, f.secret)
    // discord-interactions checks the signature only, never the timestamp window.
    const sdkExpect = !SIGNATURE_FAILURES.has(f.expect)
    assert(ok === sdkExpect, `${key}: discord-interactions verifyKey says ${ok}, fixture expects ${f.expect}`)
    f.checkedBy = `${DISCORD} verifyKey() → ${ok}${ok && !expectValid ? ' (it never checks the timestamp window; hookseal does, issue 2)' : ''}`
  } else if (preset === 'hub') {
    const value = header(f.headers, 'X-Hub-Signature-256') ?? header(f.headers, 'X-Hub-Signature')
    if (value === undefined) return
    const [label, hex] = value.includes('=') ? value.split('=') : ['', value]
    const ok = (label === 'sha256' || label === 'sha1') && hmacHex(label, f.secret, body) === hex
    assert(ok === expectValid, `${key}: recomputed faas-cli signature says ${ok}, fixture expects ${f.expect}`)
    f.checkedBy = `recomputed as faas-cli/alexellis/hmac do (sha256= or sha1= + hex HMAC of the body) → ${ok ? 'matches' : 'does not match'}`
  }
}

async function checkDiscordGenuine(key, f) {
  // every Discord fixture signed by us with the fixture seed must pass discord-interactions verifyKey
  if (!key.startsWith('discord/') || f.expect !== 'ok') return
  const ok = await verifyKey(bodyOf(f), header(f.headers, 'X-Signature-Ed25519'), header(f.headers, 'X-Signature-Timestamp'), f.secret)
  assert(ok, `${key}: discord-interactions verifyKey rejected a genuine signature`)
}

// ── fixtures/README.md ──────────────────────────────────────────────────────────────────────────
// The table of the four foundation presets sits between two markers; the rest of the file (the
// format, and sections other generators add for their presets) is left as it is.
const START = '<!-- scripts/fixtures.mjs: start (generated, do not edit by hand) -->'
const END = '<!-- scripts/fixtures.mjs: end -->'

function writeReadme(entries) {
  const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const bodyKind = (f) => {
    const bytes = bodyOf(f)
    if (f.bodyBase64 !== undefined) return `${bytes.length} B, binary (bodyBase64)`
    if (bytes.length === 0) return 'empty'
    const traits = [bytes.includes('\r\n') && 'CRLF', /\p{Extended_Pictographic}/u.test(f.body) && 'emoji'].filter(Boolean)
    return `${bytes.length} B${traits.length ? `, ${traits.join(', ')}` : ''}`
  }
  const rows = entries.map(([key, f]) =>
    `| \`${key}\` | ${f.expect === 'ok' ? `ok (${f.expectKind})` : `\`${f.expect}\``} | ${cell(f.description)} | ${bodyKind(f)} | ${cell(f.source)} | ${cell(f.checkedBy ?? '–')} |`,
  )
  const section = [
    START,
    `### github, stripe, discord, hub (${entries.length} fixtures)`,
    '',
    `Generated by \`scripts/fixtures.mjs\` with ${OCTOKIT}, ${STRIPE}, ${DISCORD} and node:crypto. Every fixture's clock is`,
    `\`now\` = ${NOW} (${new Date(NOW).toISOString()}); timestamped deliveries are signed 2 s before it unless the row says otherwise.`,
    '',
    '| Fixture | Expect | What it is | Body | Signature from | Cross-checked with |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    END,
  ].join('\n')
  const path = join(root, 'fixtures', 'README.md')
  let current
  try {
    current = readFileSync(path, 'utf8')
  } catch {
    current = `${README_HEAD}\n${START}\n${END}\n`
  }
  const a = current.indexOf(START)
  const b = current.indexOf(END)
  const next = a >= 0 && b > a ? current.slice(0, a) + section + current.slice(b + END.length) : `${current.trimEnd()}\n\n${section}\n`
  writeFileSync(path, next)
}

const README_HEAD = `# Fixtures

Recorded-style webhook deliveries, one JSON file each, in \`fixtures/<preset>/<name>.json\`. The
tests only read them (\`test/providers/fixtures.test.ts\` on every crypto backend and request shape,
\`test/http/fixtures-http.test.ts\` over real HTTP, and \`npm run demo\`); only the generators write them.

## Regenerating

\`\`\`sh
npm run fixtures
\`\`\`

The generators are deterministic (fixed secrets, a fixed clock, fixed Ed25519 seeds, no
\`Date.now\`, no randomness): a re-run writes byte-identical files, so \`git diff\` after it shows
only what a change in a generator or an SDK version really changed.

No signature here comes from hookseal's own \`sign()\`. Each one comes from the provider's official
SDK, from a published test vector, or (where the provider ships no signer) from node:crypto in the
provider's documented format; and each fixture is run through the SDK's own verifier by the
generator, which stops if the SDK disagrees with the expectation. Where hookseal is deliberately
stricter than the SDK (Stripe future timestamps and tolerance 0, Discord's timestamp window), the
\`checkedBy\` field and the table below say so.

## Format

| Field | Meaning |
| --- | --- |
| \`description\` | what the delivery is, and for a twin what was changed |
| \`source\` | where the signature came from: SDK and version, or the document with the vector |
| \`checkedBy\` | the SDK verifier's verdict on this exact fixture, when there is one |
| \`headers\` | the request headers, with the provider's casing |
| \`body\` / \`bodyBase64\` | the exact body: text when it is valid UTF-8, else base64 |
| \`secret\` | the webhook secret; for Discord the application public key (hex) |
| \`method\` | optional: the HTTP method the provider uses (default POST) |
| \`now\` | the verification clock, ms since the epoch (\`VerifyOptions.now\`) |
| \`options\` | other \`VerifyOptions\` for this fixture, e.g. \`toleranceSeconds\` |
| \`expect\` | \`"ok"\` or the exact \`WebhookVerificationError\` code |
| \`expectKind\` | when ok: \`"event"\` or \`"handshake"\` |
| \`expectId\` | when ok: the delivery id the result must carry |
| \`expectResponseBody\` | when ok and a handshake: the reply body |

Twins of a genuine delivery are named \`<delivery>.<change>.json\`: \`tampered-body\` (one byte),
\`tampered-signature\` (one hex digit), \`wrong-secret\`/\`wrong-key\`, \`truncated-signature\` (one
byte short), \`non-hex-signature\`, \`missing-header\`, \`too-old\`/\`in-future\` (signed correctly at
that time), \`timestamp-changed\` (not re-signed), and scheme-specific ones. The 256 KiB delivery
(\`github/push-256kib\`) has no twins, to keep the repository small.

## Provenance
`

// ── main ────────────────────────────────────────────────────────────────────────────────────────
await buildGithub()
buildStripe()
buildDiscord()
buildHub()

for (const [key, f] of fixtures) {
  await checkDiscordGenuine(key, f)
  await crossCheck(key, f)
}

const presetsWritten = new Set([...fixtures.keys()].map((k) => k.split('/')[0]))
for (const preset of presetsWritten) {
  const dir = join(root, 'fixtures', preset)
  mkdirSync(dir, { recursive: true })
  for (const file of readdirSync(dir)) if (file.endsWith('.json')) rmSync(join(dir, file))
}
for (const [key, f] of [...fixtures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  // stable key order: the order fields were added in `add`, with checkedBy after source
  const { description, source, checkedBy, ...rest } = f
  const ordered = { description, source, ...(checkedBy && { checkedBy }), ...rest }
  writeFileSync(join(root, 'fixtures', `${key}.json`), JSON.stringify(ordered, null, 2) + '\n')
}
writeReadme([...fixtures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
const counts = [...presetsWritten].map((p) => `${p} ${[...fixtures.keys()].filter((k) => k.startsWith(`${p}/`)).length}`)
console.log(`fixtures: wrote ${fixtures.size} files (${counts.join(', ')})`)
