// Web Crypto cases of bench/run.mjs: hookseal's Web Crypto backend against bare crypto.subtle with a
// cached key, HMAC and Ed25519. As bench/cases.mjs, with the hookseal-web condition: run.mjs starts
// `node --conditions=hookseal-web bench/webcrypto.mjs <case> <i>` for each contender and round
// (bench/lib.mjs compareInProcesses), so each starts from a fresh heap and fresh JIT state: after
// the HMAC cases in one shared process the Ed25519 row read 0.82–0.95x across runs.
// As in run.mjs, the floor does the bare work any verifier must do per request: decode the received
// hex signature, put the signed bytes together (Discord: timestamp then body), and make one
// crypto.subtle.verify call.
import { fileURLToPath } from 'node:url'
import { createVerifier } from 'hookseal'
import { serveContender } from './lib.mjs'

const subtle = globalThis.crypto.subtle
// the fastest hex decoder this process has (Node's), so the floor is not slowed by a hand-written one
const fromHex = (hex) => Buffer.from(hex, 'hex')
const toHex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
const enc = new TextEncoder()

async function hmac(size) {
  const secret = 'bench-webhook-secret'
  const body = enc.encode(JSON.stringify({ data: 'x'.repeat(size) }).slice(0, size))
  const key = await subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  const hex = toHex(new Uint8Array(await subtle.sign('HMAC', key, body)))
  const v = createVerifier('github', secret)
  const event = { headers: { 'x-hub-signature-256': 'sha256=' + hex }, body }
  return { floor: () => subtle.verify('HMAC', key, fromHex(hex), body), hookseal: () => v.verify(event) }
}

async function ed25519() {
  const pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])
  const hexKey = toHex(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)))
  const ts = String(Math.floor(Date.now() / 1000))
  const body = enc.encode('{"type":2}')
  const message = new Uint8Array([...enc.encode(ts), ...body])
  const sigHex = toHex(new Uint8Array(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, message)))
  const v = createVerifier('discord', hexKey)
  const event = { headers: { 'x-signature-ed25519': sigHex, 'x-signature-timestamp': ts }, body }
  const signed = () => {
    const t = enc.encode(ts)
    const out = new Uint8Array(t.length + body.length)
    out.set(t)
    out.set(body, t.length)
    return out
  }
  return { floor: () => subtle.verify({ name: 'Ed25519' }, pair.publicKey, fromHex(sigHex), signed()), hookseal: () => v.verify(event) }
}

/** The cases in the order of results.md: [{ id, name (its row in the table) }]. */
export const WEB_CASES = [
  { id: 'hmac-256', name: 'HMAC-SHA256 256 B' },
  { id: 'hmac-65536', name: 'HMAC-SHA256 65536 B' },
  { id: 'ed25519', name: 'Ed25519' },
]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const id = process.argv[2]
  const contenders = id === 'ed25519' ? await ed25519() : id?.startsWith('hmac-') ? await hmac(Number(id.slice(5))) : undefined
  if (contenders === undefined) throw new Error(`bench/webcrypto.mjs: no case ${id}`)
  process.stdout.write((await serveContender(contenders, process.argv[3])) + '\n')
}
