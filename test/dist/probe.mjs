// Run by smoke.test.ts in a plain `node` child (no Vite, no aliases), possibly with
// --conditions=hookseal-web or --conditions=hookseal-tweetnacl: loads the BUILT package by its own
// name through ESM import() and CJS require(), verifies known deliveries with each, and prints
// one JSON line of outcomes for the test to assert on.
import { createRequire } from 'node:module'
import { generateKeyPairSync, sign as edSign } from 'node:crypto'

const require = createRequire(import.meta.url)

// GitHub's published example: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
const GITHUB_SECRET = "It's a Secret to Everybody"
const GITHUB_BODY = 'Hello, World!'
const GITHUB_SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'

// A Discord-style delivery signed here with node:crypto (Ed25519 over timestamp + body).
const { privateKey, publicKey } = generateKeyPairSync('ed25519')
const discordKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')
const discordTimestamp = '1700000000'
const discordBody = '{"type":2,"data":{"name":"ping"}}'
const discordSignature = edSign(null, Buffer.from(discordTimestamp + discordBody), privateKey)
const discordNow = 1_700_000_010_000

/** S + L: the same signature in a non-canonical form that RFC 8032 §5.1.7 says to refuse. */
function malleate(signature) {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n
  let s = 0n
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i])
  s += L
  const out = Buffer.from(signature)
  for (let i = 0; i < 32; i++, s >>= 8n) out[32 + i] = Number(s & 0xffn)
  return out
}

async function outcome(promise) {
  try {
    const result = await promise
    return { ok: true, kind: result.kind, provider: result.provider }
  } catch (error) {
    return { ok: false, name: error?.name, code: error?.code, status: error?.status, error }
  }
}

async function check(api, githubPreset, discordPreset) {
  const { verifyWebhook, WebhookVerificationError } = api
  const githubEvent = (signature) => ({ headers: { 'X-Hub-Signature-256': signature }, body: GITHUB_BODY })
  const discordEvent = (signature) => ({
    headers: { 'x-signature-ed25519': Buffer.from(signature).toString('hex'), 'x-signature-timestamp': discordTimestamp },
    body: discordBody,
  })
  const tamperedSig = GITHUB_SIGNATURE.slice(0, -1) + '6'
  const results = {
    githubDocs: await outcome(verifyWebhook(githubEvent(GITHUB_SIGNATURE), 'github', GITHUB_SECRET)),
    githubTampered: await outcome(verifyWebhook(githubEvent(tamperedSig), 'github', GITHUB_SECRET)),
    githubSubpath: await outcome(verifyWebhook(githubEvent(GITHUB_SIGNATURE), githubPreset(), GITHUB_SECRET)),
    githubSubpathTampered: await outcome(verifyWebhook(githubEvent(tamperedSig), githubPreset(), GITHUB_SECRET)),
    discord: await outcome(verifyWebhook(discordEvent(discordSignature), discordPreset(), discordKey, { now: discordNow })),
    discordTamperedBody: await outcome(
      verifyWebhook({ ...discordEvent(discordSignature), body: discordBody.replace('ping', 'pong') }, 'discord', discordKey, { now: discordNow }),
    ),
    discordMalleated: await outcome(verifyWebhook(discordEvent(malleate(discordSignature)), 'discord', discordKey, { now: discordNow })),
  }
  // Errors from a subpath scheme are the root entry's class.
  for (const r of Object.values(results)) {
    if (!r.ok) {
      r.instanceOfRoot = r.error instanceof WebhookVerificationError
      delete r.error
    }
  }
  return results
}

const esm = await import('hookseal')
const esmGithub = await import('hookseal/providers/github')
const esmDiscord = await import('hookseal/providers/discord')
const cjs = require('hookseal')

console.log(
  JSON.stringify({
    // '#crypto' resolves here exactly as it does from dist/ (same package scope, same conditions).
    resolved: { esm: import.meta.resolve('hookseal'), cjs: require.resolve('hookseal') },
    backend: { esm: (await import('#crypto')).backend.name, cjs: require('#crypto').backend.name },
    esm: await check(esm, esmGithub.github, esmDiscord.discord),
    cjs: await check(cjs, require('hookseal/providers/github').github, require('hookseal/providers/discord').discord),
  }),
)
