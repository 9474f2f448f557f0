// Writes the README presets table from the preset files themselves (through the built package),
// between <!-- presets:start --> and <!-- presets:end -->. `--check` fails when the README is stale.
// Run after `npm run build`: node scripts/presets-table.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs'
import { describeRow, presets } from 'hookseal'

const START = '<!-- presets:start -->'
const END = '<!-- presets:end -->'
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')
const code = (text) => (text ? '`' + cell(text) + '`' : '')

export function presetsTable() {
  const rows = Object.entries(presets).map(([key, scheme]) => ({ key, ...describeRow(scheme) }))
  const lines = [
    '| id | headers | algorithm (encoding) | signed content | default tolerance | handshake | source |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) =>
      `| \`${r.key}\`${r.key !== r.id ? ` (→ \`${r.id}\`)` : ''} | ${cell(r.headers)} | ${cell(r.algorithm)} | ${code(r.signed)} | ${cell(r.tolerance)} | ${cell(r.handshake)} | ${r.docs ? `[docs](${r.docs})` : ''} |`,
    ),
  ]
  return lines.join('\n')
}

const readme = new URL('../README.md', import.meta.url)
const text = readFileSync(readme, 'utf8')
const start = text.indexOf(START)
const end = text.indexOf(END)
if (start < 0 || end < start) {
  console.error(`README.md has no ${START} … ${END} block`)
  process.exit(1)
}
const next = `${text.slice(0, start + START.length)}\n${presetsTable()}\n${text.slice(end)}`
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('README.md presets table is stale: run `npm run build && node scripts/presets-table.mjs`')
    process.exit(1)
  }
  console.log('README presets table is up to date')
} else {
  writeFileSync(readme, next)
  console.log(`README presets table: ${Object.keys(presets).length} presets`)
}
