// The Web Crypto backend (Bun, Deno, workerd, edge runtimes, browsers). No Node globals here.
// Where crypto.subtle has no Ed25519, tweetnacl is loaded on first use; the engine itself rejects
// non-canonical signatures (S ≥ L) before any backend sees them, so tweetnacl's leniency there is covered.
import { concatBytes, fromBase64, toBinary } from '../core/encoding.js'
import type { CryptoBackend, HashName } from './types.js'

type Nacl = typeof import('tweetnacl')
type Ed25519Mode = 'auto' | 'tweetnacl'

const HASH: Record<HashName, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }
const ED25519_PKCS8_PREFIX = Uint8Array.of(
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
)

/** TypeScript's DOM types want ArrayBuffer-backed views; ours always are. */
function src(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>
}

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle
}

/**
 * Per-key cache of imported CryptoKeys, keyed by the engine's key bytes and a usage tag. Once the
 * import resolves the entry holds the CryptoKey itself, so later requests do not wait on a promise.
 */
const keys = new WeakMap<Uint8Array, Map<string, CryptoKey | Promise<CryptoKey>>>()

function cachedKey(raw: Uint8Array, tag: string, make: () => Promise<CryptoKey>): CryptoKey | Promise<CryptoKey> {
  let byTag = keys.get(raw)
  if (byTag === undefined) keys.set(raw, (byTag = new Map()))
  let key = byTag.get(tag)
  if (key === undefined) {
    // Promise.resolve: crypto.subtle may live in another realm (@edge-runtime/vm, `next dev` edge
    // routes), whose promises fail the `instanceof Promise` checks below and would reach sign() as keys.
    const pending = Promise.resolve(make())
    byTag.set(tag, (key = pending))
    pending.then(
      (k) => byTag.set(tag, k),
      () => byTag.delete(tag),
    )
  }
  return key
}

let naclPromise: Promise<Nacl> | undefined
function loadNacl(): Promise<Nacl> {
  naclPromise ??= import('tweetnacl').then((m) => ((m as { default?: Nacl }).default ?? m) as Nacl)
  return naclPromise
}

let subtleEd25519: boolean | Promise<boolean> | undefined
/** Whether crypto.subtle implements Ed25519 (checked once; a plain boolean once known). */
function hasSubtleEd25519(): boolean | Promise<boolean> {
  subtleEd25519 ??= Promise.resolve(subtle().importKey('raw', new Uint8Array(32).fill(0x11), { name: 'Ed25519' }, false, ['verify'])).then(
    () => (subtleEd25519 = true),
    () => (subtleEd25519 = false),
  )
  return subtleEd25519
}

/** Strict DER ECDSA signature → the fixed 64-byte r‖s form Web Crypto expects; undefined when malformed. */
export function derToP1363(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined
  const out = new Uint8Array(64)
  let offset = 2
  for (let i = 0; i < 2; i++) {
    if (der[offset] !== 0x02) return undefined
    const len = der[offset + 1]!
    const start = offset + 2
    if (len === 0 || len > 33 || start + len > der.length) return undefined
    let int = der.subarray(start, start + len)
    if (int.length > 1 && int[0] === 0 && int[1]! < 0x80) return undefined // non-minimal
    if (int[0]! >= 0x80) return undefined // negative
    if (int.length === 33) {
      if (int[0] !== 0) return undefined
      int = int.subarray(1)
    }
    out.set(int, i * 32 + 32 - int.length)
    offset = start + len
  }
  return offset === der.length ? out : undefined
}

const HMAC_TAG: Record<HashName, string> = { sha1: 'hmac-sha1', sha256: 'hmac-sha256', sha512: 'hmac-sha512' }

/**
 * The HMAC as a binary string, in one promise step once the key is imported (no async function
 * around it). Promise.resolve: crypto.subtle may live in another realm (see cachedKey); for a
 * promise of this realm it is that promise itself.
 */
function macOf(key: CryptoKey, parts: readonly Uint8Array[]): Promise<string> {
  return Promise.resolve(subtle().sign('HMAC', key, src(concatBytes(parts)))).then((mac) => toBinary(new Uint8Array(mac)))
}

/** Builds a Web Crypto backend; `ed25519: 'tweetnacl'` forces the fallback (used by tests). */
export function createWebBackend(ed25519: Ed25519Mode = 'auto'): CryptoBackend {
  const useSubtle = () => (ed25519 === 'tweetnacl' ? false : hasSubtleEd25519())

  const seedKey = (seed: Uint8Array, extractable: boolean) =>
    cachedKey(seed, extractable ? 'ed25519-pkcs8-x' : 'ed25519-pkcs8', () =>
      subtle().importKey('pkcs8', src(concatBytes([ED25519_PKCS8_PREFIX, seed])), { name: 'Ed25519' }, extractable, ['sign']),
    )

  return {
    name: ed25519 === 'tweetnacl' ? 'web+tweetnacl' : 'web',

    hmac(hash, key, parts) {
      const k = cachedKey(key, HMAC_TAG[hash], () => subtle().importKey('raw', src(key), { name: 'HMAC', hash: HASH[hash] }, false, ['sign']))
      return k instanceof Promise ? k.then((ready) => macOf(ready, parts)) : macOf(k, parts)
    },

    async digest(hash, parts) {
      return new Uint8Array(await subtle().digest(HASH[hash], src(concatBytes(parts))))
    },

    async verifyEd25519(publicKey, parts, signature) {
      try {
        let viaSubtle = useSubtle()
        if (viaSubtle instanceof Promise) viaSubtle = await viaSubtle
        if (viaSubtle) {
          let k = cachedKey(publicKey, 'ed25519', () => subtle().importKey('raw', src(publicKey), { name: 'Ed25519' }, false, ['verify']))
          if (k instanceof Promise) k = await k
          return await subtle().verify({ name: 'Ed25519' }, k, src(signature), src(concatBytes(parts)))
        }
        const nacl = await loadNacl()
        return nacl.sign.detached.verify(concatBytes(parts), signature, publicKey)
      } catch {
        return false
      }
    },

    async signEd25519(seed, parts) {
      if (await useSubtle()) {
        return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, await seedKey(seed, false), src(concatBytes(parts))))
      }
      const nacl = await loadNacl()
      return nacl.sign.detached(concatBytes(parts), nacl.sign.keyPair.fromSeed(seed).secretKey)
    },

    async ed25519PublicKey(seed) {
      if (await useSubtle()) {
        const jwk = await subtle().exportKey('jwk', await seedKey(seed, true))
        const raw = fromBase64((jwk.x ?? '').replace(/-/g, '+').replace(/_/g, '/'))
        if (raw === undefined) throw new TypeError('crypto.subtle exported an unreadable Ed25519 public key')
        return raw
      }
      const nacl = await loadNacl()
      return nacl.sign.keyPair.fromSeed(seed).publicKey
    },

    async verifyEcdsaP256(spki, parts, signature) {
      const raw = derToP1363(signature)
      if (raw === undefined) return false
      try {
        let k = cachedKey(spki, 'ecdsa-p256', () => subtle().importKey('spki', src(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']))
        if (k instanceof Promise) k = await k
        return await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, k, src(raw), src(concatBytes(parts)))
      } catch {
        return false
      }
    },
  }
}

export const backend: CryptoBackend = createWebBackend()
