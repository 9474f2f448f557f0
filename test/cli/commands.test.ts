// The dispatcher and `presets`: --help on every command, exit codes, the table from describeRow.
import { describe, expect, it } from 'vitest'
import { presets } from '../../providers/index.js'
import { describeRow } from '../../src/core/describe.js'
import { cli } from './helpers.js'

describe('hookseal', () => {
  it('without a command: usage on stderr, exit 2; --help: usage on stdout, exit 0', async () => {
    const none = await cli([])
    expect(none.code).toBe(2)
    expect(none.stdout).toBe('')
    expect(none.stderr).toContain('Usage: hookseal')
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: hookseal')
  })

  it('an unknown command exits 2', async () => {
    const r = await cli(['frobnicate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('frobnicate')
  })

  it.each(['sign', 'send', 'verify', 'presets'])('%s --help and -h print its usage and exit 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const r = await cli([command, flag])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`Usage: hookseal ${command}`)
      expect(r.stderr).toBe('')
    }
  })
})

describe('hookseal presets', () => {
  it('lists every registered preset, one line each', async () => {
    const r = await cli(['presets'])
    expect(r.code).toBe(0)
    const ids = r.stdout.trim().split('\n').slice(2).map((l) => l.split(/\s+/)[0])
    expect(ids).toEqual(Object.keys(presets))
  })

  it('--json gives describeRow for each; one preset in detail', async () => {
    const all = JSON.parse((await cli(['presets', '--json'])).stdout) as Array<{ key: string }>
    expect(all).toEqual(Object.entries(presets).map(([key, s]) => ({ key, ...describeRow(s) })))
    const one = await cli(['presets', 'stripe', '--json'])
    expect(JSON.parse(one.stdout)).toEqual({ key: 'stripe', ...describeRow(presets.stripe) })
    expect((await cli(['presets', 'stripe'])).stdout).toContain(describeRow(presets.stripe).signed)
  })

  it('an unknown preset exits 2', async () => {
    expect((await cli(['presets', 'nope'])).code).toBe(2)
  })
})
