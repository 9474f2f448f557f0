// Where there is no Node stream support (Web runtimes), a Node-style stream cannot be read.
import { fail } from '../core/errors.js'

export async function readStream(): Promise<Uint8Array> {
  fail('ERR_WEBHOOK_BODY_UNREADABLE', 'This runtime cannot read a Node stream; pass a Web Request or the raw body bytes.')
}
