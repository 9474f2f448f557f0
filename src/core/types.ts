import type { HeaderLookup } from './headers.js'

/** Signature algorithms the engine implements. */
export type Algorithm = 'hmac-sha1' | 'hmac-sha256' | 'hmac-sha512' | 'ed25519' | 'ecdsa-p256-sha256'

/** Units a scheme's timestamp is expressed in. */
export type TimestampUnit = 's' | 'ms' | 'rfc3339'

/** A secret for an HMAC scheme, or a public key for a signature scheme. */
export type KeyInput = string | Uint8Array | KeyLike

/** A Node `KeyObject` or a Web Crypto `CryptoKey` (both have a `type`). */
export interface KeyLike {
  readonly type: string
}

/** One secret, or several during a rotation (any may match; the result says which). */
export type SecretInput = KeyInput | readonly KeyInput[]

/** A reply the function returns as is, for provider handshakes (Discord PING, challenges). */
export interface HandshakeResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** What a scheme's code hooks see about a verified request. */
export interface Delivery {
  readonly bytes: Uint8Array
  readonly headers: HeaderLookup
  readonly method: string | undefined
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly payload: unknown
}

/**
 * A declarative description of a signature scheme. Presets in `providers/` are one of these;
 * `defineScheme` checks it once and returns a `Scheme`.
 */
export interface SchemeSpec {
  /** Preset id, kebab-case: 'github', 'stripe', … */
  id: string
  /** Human name for messages and docs. */
  name?: string
  /** Header(s) carrying the signature. The first one present is read; the others are never a fallback for a bad one. */
  signatureHeader: string | readonly string[]
  /** Splits one header value into entries: ',' (Stripe `t=…,v1=…`), ' ' (Standard Webhooks). Omit for a single entry. */
  separator?: string
  /** Splits an entry into label and value: '=' (`sha256=<hex>`), ',' (`v1,<base64>`). Omit when signatures carry no label. */
  labelSeparator?: string
  /** The algorithm for each label ('' when unlabelled). Entries with any other label are ignored. */
  algorithms: Readonly<Record<string, Algorithm>>
  /** How the signature bytes are written. */
  encoding: 'hex' | 'base64'
  /** Where the timestamp lives (a header, or a labelled entry of the signature header), its unit and default window. */
  timestamp?: {
    header?: string
    label?: string
    unit: TimestampUnit
    toleranceSeconds: number
  }
  /** Header carrying the delivery id. */
  idHeader?: string
  /**
   * The signed content as a template of `{body}`, `{timestamp}` (as received), `{id}` and literal text,
   * e.g. '{timestamp}.{body}' for Stripe.
   */
  signedContent: string
  /** A reply for provider handshakes, given the verified delivery; `undefined` for ordinary events. */
  handshake?: (delivery: Delivery) => HandshakeResponse | undefined
  /** Where to point users when a header is missing: e.g. what the provider calls the feature. */
  hint?: string
}

/** A checked scheme, ready for `verifyWebhook` and `sign`. Build one with `defineScheme`. */
export interface Scheme extends Readonly<SchemeSpec> {
  readonly signatureHeaders: readonly string[]
  /** @internal compiled template */
  readonly parts: readonly SignedPart[]
}

/** @internal */
export type SignedPart = Uint8Array | 'body' | 'timestamp' | 'id'

/** Options for `verifyWebhook`. */
export interface VerifyOptions {
  /** Accepted clock difference in seconds, both ways. Default: the preset's (Stripe and Discord: 300). */
  toleranceSeconds?: number
  /** The current time, ms since epoch or a Date. Default: `Date.now()`. */
  now?: number | Date
  /** Largest body read, in bytes. Default: 1 MiB. */
  maxBodyBytes?: number
  /** The public URL the provider called, for schemes that sign it. */
  url?: string
}

/** A verified delivery. */
export interface VerifiedWebhook<T = unknown> {
  /** 'handshake' when the provider expects `response` returned as is (e.g. a Discord PING). */
  kind: 'event' | 'handshake'
  /** Preset id of the scheme that verified it. */
  provider: string
  /** Exactly the bytes received. */
  rawBody: Uint8Array
  /** The body parsed as JSON (after verification, on first access); `undefined` when it is not JSON. */
  payload: T
  /** Delivery id, where the provider sends one. */
  id?: string
  /** The signed timestamp, where the scheme has one. */
  timestamp?: Date
  /** Index of the secret that matched, for rotation. */
  matchedSecret: number
  /** The reply to return for a handshake. */
  response?: HandshakeResponse
}
