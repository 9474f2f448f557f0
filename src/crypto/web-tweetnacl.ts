// The Web Crypto backend with Ed25519 forced onto tweetnacl, as on runtimes whose crypto.subtle
// lacks Ed25519. Selected by the `hookseal-tweetnacl` condition; the conformance tests run on it.
import { createWebBackend } from './web.js'

export const backend = createWebBackend('tweetnacl')
