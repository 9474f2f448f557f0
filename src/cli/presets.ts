// `hookseal presets [id]`: the table of built-in presets, from describeRow (the README's source too).
import { parseArgs } from 'node:util'
import { describeRow, type SchemeRow, presets } from '../internal.js'
import type { Scheme } from '../core/types.js'
import { HELP_OPTION, parsing, UsageError } from './args.js'
import type { CliIo } from './io.js'

export const PRESETS_HELP = `Usage: hookseal presets [<preset>] [--json]

Without a preset: one line per built-in preset (id, algorithm and encoding, default time window,
headers). With one: everything about it (signed content, handshake, documentation).

Options:
  --json       print the rows as JSON
  -h, --help   this help
`

/** The built-in preset with this id; an unknown id is a usage error naming the known ones. */
export function presetOf(id: string): Scheme {
  if (Object.hasOwn(presets, id)) return presets[id as keyof typeof presets]
  throw new UsageError(`Unknown preset '${id}'. Known: ${Object.keys(presets).join(', ')} (hookseal presets shows them).`)
}

/** Rows for the table, keyed by registry id (a preset may be registered under another id than its own). */
export function presetRows(): Array<SchemeRow & { key: string }> {
  return Object.entries(presets).map(([key, scheme]) => ({ key, ...describeRow(scheme) }))
}

/** Plain-text columns padded to the widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n'
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('')
}

export async function presetsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() => parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, ...HELP_OPTION }, allowPositionals: true, strict: true }))
  if (values.help) {
    io.stdout(PRESETS_HELP)
    return 0
  }
  if (positionals.length > 1) throw new UsageError('presets takes at most one preset id.')
  if (positionals.length === 1) {
    const key = positionals[0]!
    const row = { key, ...describeRow(presetOf(key)) }
    if (values.json) io.stdout(`${JSON.stringify(row, null, 2)}\n`)
    else {
      const fields: Array<[string, string]> = [
        ['id', row.key],
        ['headers', row.headers],
        ['algorithm', row.algorithm],
        ['signed content', row.signed],
        ['time window', row.tolerance],
        ['handshake', row.handshake],
        ['docs', row.docs],
      ]
      io.stdout(fields.map(([k, v]) => `${`${k}:`.padEnd(16)}${v}\n`).join(''))
    }
    return 0
  }
  const rows = presetRows()
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  io.stdout(formatTable(['id', 'algorithm (encoding)', 'time window', 'headers'], rows.map((r) => [r.key, r.algorithm, r.tolerance, r.headers])))
  return 0
}
