// The node:crypto backend: synchronous, used wherever the `node` export condition applies
// (Node, Bun, Deno's npm compatibility). Imported keys are cached per key Uint8Array.
import type { KeyObject } from 'node:crypto'
import type { CryptoBackend, HashName } from './types.js'

// node:crypto is loaded on first use, with process.getBuiltinModule (Node >= 20.16, Bun, Deno):
// - not at import: loading it is about 3 ms, a third of what a cold `import 'hookseal'` cost with it,
//   and a function pays it only once it checks a signature (bench/results.md shows import and first
//   verification apart);
// - not with an ES import: to build the ES namespace of node:crypto, Node reads every export, and
//   its lazy `webcrypto` loads the whole Web Crypto module, which this backend never uses.
let nodeCrypto: typeof import('node:crypto') | undefined
function crypto(): typeof import('node:crypto') {
  return (nodeCrypto ??= process.getBuiltinModule('node:crypto'))
}

const ED25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00)
const ED25519_PKCS8_PREFIX = Uint8Array.of(
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
)

const keys = new WeakMap<Uint8Array, KeyObject>()

function cached(raw: Uint8Array, make: () => KeyObject): KeyObject {
  let key = keys.get(raw)
  if (key === undefined) {
    key = make()
    keys.set(raw, key)
  }
  return key
}

function der(prefix: Uint8Array, raw: Uint8Array): Buffer {
  return Buffer.concat([prefix, raw])
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

function hmac(hash: HashName, key: Uint8Array, parts: readonly Uint8Array[]): string {
  const mac = crypto().createHmac(hash, key)
  for (const part of parts) mac.update(part)
  // a string, not a Buffer: node:crypto makes each Buffer with a fresh off-heap allocation
  return mac.digest('binary')
}

function digest(hash: HashName, parts: readonly Uint8Array[]): Uint8Array {
  const h = crypto().createHash(hash)
  for (const part of parts) h.update(part)
  return h.digest()
}

function verifyEd25519(publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array): boolean {
  const key = cached(publicKey, () => crypto().createPublicKey({ key: der(ED25519_SPKI_PREFIX, publicKey), format: 'der', type: 'spki' }))
  try {
    return crypto().verify(null, joined(parts), key, signature)
  } catch {
    return false
  }
}

function privateKey(seed: Uint8Array): KeyObject {
  return cached(seed, () => crypto().createPrivateKey({ key: der(ED25519_PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' }))
}

function signEd25519(seed: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(crypto().sign(null, joined(parts), privateKey(seed)))
}

function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const spki = crypto().createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' })
  return new Uint8Array(spki.subarray(ED25519_SPKI_PREFIX.length))
}

function verifyEcdsaP256(spki: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array): boolean {
  try {
    const key = cached(spki, () => crypto().createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }))
    return crypto().verify('sha256', joined(parts), { key, dsaEncoding: 'der' }, signature)
  } catch {
    return false
  }
}

export const backend: CryptoBackend = {
  name: 'node',
  hmac,
  digest,
  verifyEd25519,
  signEd25519,
  ed25519PublicKey,
  verifyEcdsaP256,
}
