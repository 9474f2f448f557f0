// Child of bench/run.mjs, started with --conditions=hookseal-web: hookseal's Web Crypto backend
// against bare crypto.subtle with a cached key, HMAC and Ed25519. As in run.mjs, the floor does the
// bare work any verifier must do per request: decode the received hex signature, put the signed
// bytes together (Discord: timestamp then body), and make one crypto.subtle.verify call.
import { createVerifier } from 'hookseal'
import { compare, fmt } from './lib.mjs'

const subtle = globalThis.crypto.subtle
// the fastest hex decoder this process has (Node's), so the floor is not slowed by a hand-written one
const fromHex = (hex) => Buffer.from(hex, 'hex')
const enc = new TextEncoder()
const lines = ['## Web Crypto backend vs bare crypto.subtle (cached keys)', '| case | hookseal ÷ bare subtle |', '| --- | --- |']
for (const size of [256, 65536]) {
  const secret = 'bench-webhook-secret'
  const body = enc.encode(JSON.stringify({ data: 'x'.repeat(size) }).slice(0, size))
  const key = await subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  const mac = new Uint8Array(await subtle.sign('HMAC', key, body))
  const hex = [...mac].map((b) => b.toString(16).padStart(2, '0')).join('')
  const v = createVerifier('github', secret)
  const event = { headers: { 'x-hub-signature-256': 'sha256=' + hex }, body }
  const rows = await compare({ floor: () => subtle.verify('HMAC', key, fromHex(hex), body), hookseal: () => v.verify(event) })
  lines.push(`| HMAC-SHA256 ${size} B | ${fmt(rows[1].ratio)} |`)
}
{
  const pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey))
  const hexKey = [...raw].map((b) => b.toString(16).padStart(2, '0')).join('')
  const ts = String(Math.floor(Date.now() / 1000))
  const body = enc.encode('{"type":2}')
  const message = new Uint8Array([...enc.encode(ts), ...body])
  const sig = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, message))
  const v = createVerifier('discord', hexKey)
  const sigHex = [...sig].map((b) => b.toString(16).padStart(2, '0')).join('')
  const event = { headers: { 'x-signature-ed25519': sigHex, 'x-signature-timestamp': ts }, body }
  const signed = () => {
    const t = enc.encode(ts)
    const out = new Uint8Array(t.length + body.length)
    out.set(t)
    out.set(body, t.length)
    return out
  }
  const rows = await compare({ floor: () => subtle.verify({ name: 'Ed25519' }, pair.publicKey, fromHex(sigHex), signed()), hookseal: () => v.verify(event) })
  lines.push(`| Ed25519 | ${fmt(rows[1].ratio)} |`)
}
console.log(lines.join('\n'))
