// Issue 7 promises "TSDoc with an example on every public symbol". This reads the declarations behind
// every export of the public entry points (src/index.ts, hookseal/testing, hookseal/adapters/*,
// hookseal/providers/*) with the TypeScript compiler API and fails when a function, class or constant
// has no `@example` tag, or when any exported symbol (types included) has no doc comment.
// Preset factories (providers/<id>.ts) need a one-line doc only: each is `verifyWebhook(req, <id>(), secret)`,
// which the examples of `verifyWebhook` and `presets` already show.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const tsFiles = (dir: string) => readdirSync(root(dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`)

const ENTRIES = ['src/index.ts', 'src/testing/index.ts', ...tsFiles('src/adapters'), ...tsFiles('providers')]

interface Exported {
  name: string
  kind: 'value' | 'type'
  hasDoc: boolean
  hasExample: boolean
  presetFactory: boolean
}

function exportsOf(): Map<string, Exported[]> {
  const config = ts.getParsedCommandLineOfConfigFile(root('tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  const program = ts.createProgram(ENTRIES.map(root), { ...(config?.options ?? {}), noEmit: true, types: [] }) // declarations only, no type check: no @types needed
  const checker = program.getTypeChecker()
  const out = new Map<string, Exported[]>()
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(root(entry))
    const moduleSymbol = source && checker.getSymbolAtLocation(source)
    if (moduleSymbol === undefined) throw new Error(`${entry} is not a module`)
    out.set(
      entry,
      checker.getExportsOfModule(moduleSymbol).map((exported) => {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
        const declarations = symbol.declarations ?? []
        const isValue = declarations.some((d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isVariableDeclaration(d))
        // Doc comments on any declaration count (an overload or the implementation).
        const docs = declarations.flatMap((d) => ts.getJSDocCommentsAndTags(d)).filter(ts.isJSDoc)
        const hasDoc = docs.some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim())
        const hasExample = declarations.some((d) => ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example' && ts.getTextOfJSDocComment(tag.comment)?.trim()))
        const files = declarations.map((d) => d.getSourceFile().fileName)
        const presetFactory = files.length > 0 && files.every((f) => /\/providers\/[^/]+\.ts$/.test(f) && !f.endsWith('/providers/index.ts'))
        return { name: exported.name, kind: isValue ? 'value' : 'type', hasDoc: Boolean(hasDoc), hasExample, presetFactory }
      }),
    )
  }
  return out
}

const all = exportsOf()

it('reads the root exports, values and types', () => {
  const root = all.get('src/index.ts')!
  expect(root.map((s) => s.name)).toEqual(expect.arrayContaining(['verifyWebhook', 'createVerifier', 'sign', 'defineScheme', 'WebhookVerificationError', 'presets', 'Scheme']))
  expect(root.find((s) => s.name === 'verifyWebhook')).toMatchObject({ kind: 'value', presetFactory: false })
  expect(root.find((s) => s.name === 'Scheme')).toMatchObject({ kind: 'type' })
  expect(root.find((s) => s.name === 'github')).toMatchObject({ kind: 'value', presetFactory: true })
  expect(root.find((s) => s.name === 'presets')).toMatchObject({ kind: 'value', presetFactory: false })
})

describe.each(ENTRIES)('TSDoc on %s', (entry) => {
  const symbols = all.get(entry)!

  it('every exported function, class and constant has an @example', () => {
    const missing = symbols.filter((s) => s.kind === 'value' && !s.presetFactory && !s.hasExample).map((s) => s.name)
    expect(missing).toEqual([])
  })

  it('every exported symbol, types included, has a doc comment', () => {
    const missing = symbols.filter((s) => !s.hasDoc).map((s) => s.name)
    expect(missing).toEqual([])
  })
})
