// Discord interactions (HTTP interactions endpoint) and webhook events.
// Docs: https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
// Headers: X-Signature-Ed25519: <hex Ed25519 signature>, X-Signature-Timestamp: <unix seconds>
// Signed:  timestamp + body, verified with the application's public key (hex, from the Developer Portal).
// Discord's own library never checks the timestamp; we enforce a 300 s window against replays.
// A verified PING (type 1) is a handshake answered with PONG {"type":1}.
// Official SDK checked against: discord-interactions (verifyKey).
import { defineScheme } from '../src/core/scheme.js'
import type { Scheme } from '../src/core/types.js'

/** Discord's Ed25519 request signatures; a PING resolves as a handshake with its PONG. */
export function discord(): Scheme {
  return defineScheme({
    id: 'discord',
    name: 'Discord',
    signatureHeader: 'X-Signature-Ed25519',
    algorithms: { '': 'ed25519' },
    encoding: 'hex',
    timestamp: { header: 'X-Signature-Timestamp', unit: 's', toleranceSeconds: 300 },
    signedContent: '{timestamp}{body}',
    handshake: ({ payload }) =>
      typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 1
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"type":1}' }
        : undefined,
    handshakeText: 'PING (type 1) → PONG {"type":1}',
    docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers',
    hint: 'The secret for Discord is the application public key (hex).',
  })
}
