/**
 * The whole contract between the engine and a crypto backend. Keys arrive as raw bytes the engine
 * has already normalised and keeps alive (one Uint8Array per secret), so a backend may cache its
 * imported key per Uint8Array in a WeakMap. Results may be sync (node:crypto) or async (Web Crypto).
 */
export type HashName = 'sha1' | 'sha256' | 'sha512'

export interface CryptoBackend {
  readonly name: string
  /**
   * HMAC of the concatenated parts as a binary string (one char per byte, node:crypto's 'latin1'):
   * verification compares it with the received signature where that sits in its header, so a
   * request makes no byte array for either (each Uint8Array cost about 0.1 µs to make and collect).
   */
  hmac(hash: HashName, key: Uint8Array, parts: readonly Uint8Array[]): string | Promise<string>
  /** Plain hash of the concatenated parts (Twilio's bodySHA256). */
  digest(hash: HashName, parts: readonly Uint8Array[]): Uint8Array | Promise<Uint8Array>
  /** Ed25519 verification with a 32-byte public key; false (never a throw) for a bad signature. */
  verifyEd25519(publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array): boolean | Promise<boolean>
  /** Ed25519 signature with a 32-byte private seed. */
  signEd25519(seed: Uint8Array, parts: readonly Uint8Array[]): Uint8Array | Promise<Uint8Array>
  /** Public key (32 bytes) of a 32-byte Ed25519 seed. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** ECDSA P-256 / SHA-256 verification; `spki` is DER SubjectPublicKeyInfo, `signature` DER. */
  verifyEcdsaP256(spki: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array): boolean | Promise<boolean>
}
