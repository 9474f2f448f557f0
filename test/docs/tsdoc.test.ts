// Issue 7 promises "TSDoc with an example on every public symbol". This reads the declarations behind
// every export of src/index.ts with the TypeScript compiler API and fails when a function, class or
// constant has no `@example` tag, or when any exported symbol (types included) has no doc comment.
// Preset factories (providers/<id>.ts) need a one-line doc only: each is `verifyWebhook(req, <id>(), secret)`,
// which the examples of `verifyWebhook` and `presets` already show.
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url))

interface Exported {
  name: string
  kind: 'value' | 'type'
  hasDoc: boolean
  hasExample: boolean
  presetFactory: boolean
}

function exportedSymbols(): Exported[] {
  const configPath = fileURLToPath(new URL('../../tsconfig.json', import.meta.url))
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  const program = ts.createProgram([entry], { ...(config?.options ?? {}), noEmit: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  if (source === undefined) throw new Error('src/index.ts not found')
  const moduleSymbol = checker.getSymbolAtLocation(source)
  if (moduleSymbol === undefined) throw new Error('src/index.ts is not a module')
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
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
  })
}

describe('TSDoc on the public API (src/index.ts)', () => {
  const symbols = exportedSymbols()

  it('finds the exports', () => {
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['verifyWebhook', 'createVerifier', 'sign', 'defineScheme', 'WebhookVerificationError', 'presets', 'Scheme']))
  })

  it('every exported function, class and constant has an @example', () => {
    const missing = symbols.filter((s) => s.kind === 'value' && !s.presetFactory && !s.hasExample).map((s) => s.name)
    expect(missing).toEqual([])
  })

  it('every exported symbol, types included, has a doc comment', () => {
    const missing = symbols.filter((s) => !s.hasDoc).map((s) => s.name)
    expect(missing).toEqual([])
  })
})
