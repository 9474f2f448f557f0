import type { HeaderLookup } from './headers.js'
import type { ReplayStore } from '../replay/types.js'

/**
 * Signature algorithms the engine implements. 'token' is not a signature: the header carries a
 * shared token compared in constant time with the secret (GitLab, Telegram); the body is not authenticated.
 */
export type Algorithm = 'hmac-sha1' | 'hmac-sha256' | 'hmac-sha512' | 'ed25519' | 'ecdsa-p256-sha256' | 'token'

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

/** What a scheme's code hooks see about a request. */
export interface Delivery {
  readonly bytes: Uint8Array
  readonly headers: HeaderLookup
  /** Upper-case HTTP method, when the platform says. */
  readonly method: string | undefined
  /** `options.url`, else the URL the platform gives (a Web Request's), else undefined. */
  readonly url: string | undefined
  /** The body parsed as JSON (on first access), or `undefined` when it is not JSON. */
  readonly payload: unknown
}

/** What a `signedContent` hook gets: the request plus the values read from the headers. */
export interface SignedContentInput extends Delivery {
  readonly timestamp: string | undefined
  readonly id: string | undefined
}

/** Helpers a `signedContent` function may use. */
export interface ContentTools {
  /** Plain hash of the concatenated parts with the active crypto backend (Twilio's bodySHA256). */
  digest(hash: 'sha1' | 'sha256' | 'sha512', parts: readonly Uint8Array[]): Promise<Uint8Array>
}

/** Helpers a handshake hook may use, bound to the secret that verified the request. */
export interface HandshakeTools {
  /** HMAC of `data` with the matched secret (Zoom's encryptedToken). */
  hmac(hash: 'sha1' | 'sha256' | 'sha512', data: string | Uint8Array): Promise<Uint8Array>
  /** The options the verifier was created with. */
  readonly options: VerifyOptions
}

/** Values a `read` hook takes from somewhere other than headers (Mailgun signs fields inside the body). */
export interface ReadResult {
  /** Replaces the signature header's value. */
  signature?: string
  /** Replaces the timestamp header's value. */
  timestamp?: string
  /** Replaces the id header's value. */
  id?: string
}

/** Where a scheme's timestamp lives, its unit and default window. */
export interface TimestampSource {
  /** Header(s) carrying the timestamp; the first present is read (Svix: svix-timestamp, then webhook-timestamp). */
  header?: string | readonly string[]
  /** Or the label of an entry of the signature header (Stripe's `t=`). */
  label?: string
  unit: TimestampUnit
  toleranceSeconds: number
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
  /**
   * Splits one header value into entries: ',' (Stripe `t=…,v1=…`), ' ' (Standard Webhooks), ', ' (WorkOS
   * `t=…, v1=…`). `sign` writes it as given; verification splits on it without surrounding spaces and
   * trims each entry, so ', ' also reads `t=…,v1=…`. Omit for a single entry.
   */
  separator?: string
  /** Splits an entry into label and value: '=' (`sha256=<hex>`), ',' (`v1,<base64>`). Omit when signatures carry no label. */
  labelSeparator?: string
  /** The algorithm for each label ('' when unlabelled). Entries with any other label are ignored. */
  algorithms: Readonly<Record<string, Algorithm>>
  /** How the signature bytes are written: 'hex' or 'base64'; 'text' for 'token' schemes only (the header value itself). */
  encoding: 'hex' | 'base64' | 'text'
  /** Where the timestamp lives (a header, or a labelled entry of the signature header), its unit and default window. */
  timestamp?: TimestampSource
  /** Header(s) carrying the delivery id; the first present is used. */
  idHeader?: string | readonly string[]
  /**
   * The signed content as a template of `{body}`, `{timestamp}` (as received), `{id}`, `{method}`,
   * `{url}` (needs `options.url`) and literal text, e.g. '{timestamp}.{body}' for Stripe. A function
   * instead returns the candidate contents (each a list of byte parts; any may match), for schemes
   * that need code (Twilio's sorted form parameters); it may reject with a WebhookVerificationError.
   */
  signedContent: string | ((input: SignedContentInput, tools: ContentTools) => readonly (readonly Uint8Array[])[] | Promise<readonly (readonly Uint8Array[])[]>)
  /** Human description of the signed content for docs, when `signedContent` is a function. */
  signedContentText?: string
  /** Set when a `signedContent` function signs the URL: `options.url` is then required when the verifier is created. */
  signsUrl?: boolean
  /** How string secrets are written: 'utf8' (default, used verbatim) or 'base64' (after `secretPrefix`). */
  secretEncoding?: 'utf8' | 'base64'
  /** A prefix stripped from string secrets and keys when present (`whsec_`, `whpk_`). */
  secretPrefix?: string | readonly string[]
  /**
   * For a scheme that takes both shared secrets and public keys: the prefixes marking each kind of key
   * (Standard Webhooks: `{ hmac: 'whsec_', ed25519: ['whpk_', 'whsk_'] }`). A string with one of them is
   * used only as that kind of key, with that prefix stripped, so a public key can never serve as an
   * HMAC secret (anyone holding it could forge); unprefixed strings and bytes are shared secrets.
   */
  keyPrefixes?: Readonly<Partial<Record<'hmac' | 'ed25519' | 'ecdsa-p256', string | readonly string[]>>>
  /** Hints for secrets that look like a common mistake: prefix → what to say (never the secret). */
  secretHints?: Readonly<Record<string, string>>
  /** A prefix the provider's secrets always have and that is part of the key (Stripe's `whsec_`); a secret without it gets a hint. */
  expectedSecretPrefix?: string
  /** Reads signature, timestamp or id from somewhere else than headers; runs before verification. */
  read?: (delivery: Delivery) => ReadResult
  /** A field of the verified JSON body holding the delivery id, when no header carries one (Stripe's event `id`). */
  payloadId?: string
  /** A timestamp that lives in the verified JSON body (Linear's webhookTimestamp), checked after the signature. */
  payloadTimestamp?: { field: string; unit: TimestampUnit; toleranceSeconds: number }
  /** A reply for provider handshakes, given the verified delivery; `undefined` for ordinary events. */
  handshake?: (delivery: Delivery, tools: HandshakeTools) => HandshakeResponse | undefined | Promise<HandshakeResponse | undefined>
  /** A reply for unsigned handshakes answered before any signature check (Meta's GET subscribe). */
  preflight?: (delivery: Delivery, options: VerifyOptions) => HandshakeResponse | undefined
  /** What the handshake is, for docs. */
  handshakeText?: string
  /** Where to point users when a header is missing: e.g. what the provider calls the feature. */
  hint?: string
  /** The provider's documentation of the scheme. */
  docs?: string
}

/** A checked scheme, ready for `verifyWebhook` and `sign`. Build one with `defineScheme`. */
export interface Scheme extends Readonly<Omit<SchemeSpec, 'timestamp'>> {
  /**
   * Where the timestamp lives. `header` is the first header name (the one `sign` writes);
   * `headers` lists every accepted name, read in order.
   */
  readonly timestamp?: Readonly<Omit<TimestampSource, 'header'>> & { readonly header?: string; readonly headers?: readonly string[] }
  readonly signatureHeaders: readonly string[]
  /** @internal compiled template, when signedContent is a template */
  readonly parts: readonly SignedPart[] | undefined
}

/** @internal */
export type SignedPart = Uint8Array | 'body' | 'timestamp' | 'id' | 'method' | 'url'

/** Options for `verifyWebhook`. */
export interface VerifyOptions {
  /** Accepted clock difference in seconds, both ways. Default: the preset's (Stripe and Discord: 300). */
  toleranceSeconds?: number
  /** The current time, ms since epoch or a Date. Default: `Date.now()`. */
  now?: number | Date
  /** Largest body read, in bytes. Default: 1 MiB. */
  maxBodyBytes?: number
  /**
   * Time for the whole body of a streamed request (Node request, Web Request) to arrive, in ms;
   * a stalled or trickling body rejects with ERR_WEBHOOK_BODY_TIMEOUT (408). Default: 10 000.
   * `Infinity`: no deadline.
   */
  bodyTimeoutMs?: number
  /** The public URL the provider called, for schemes that sign it (Twilio, HubSpot, Square). */
  url?: string
  /** Meta's subscribe handshake: the verify token configured with the webhook. */
  verifyToken?: string
  /**
   * Replay protection: a second delivery of one already accepted rejects with ERR_WEBHOOK_REPLAYED
   * (key: the delivery id, else the signed content). `true` keeps keys in this process's memory;
   * pass redisReplayStore(client) when the function runs as several replicas.
   */
  replay?: boolean | ReplayStore
}

/** A verified delivery. */
export interface VerifiedWebhook<T = unknown> {
  /** 'handshake' when the provider expects `response` returned as is (e.g. a Discord PING). */
  kind: 'event' | 'handshake'
  /** Preset id of the scheme that verified it. */
  provider: string
  /** Exactly the bytes received. */
  rawBody: Uint8Array
  /**
   * The body parsed as JSON (after verification, on first access); `undefined` when it is not JSON.
   * A getter on the prototype: JSON.stringify and console.log show it, a `{ ...spread }` does not.
   */
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
