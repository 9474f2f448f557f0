// The public subpaths of the package, listed from the source files rather than from package.json:
// "exports" reaches the presets and adapters through the patterns "./providers/*" and "./adapters/*"
// (scripts/exports.mjs), so its keys no longer name them. '.', one subpath per preset in providers/,
// one per adapter in src/adapters/, and './testing', each with the file name its builds give it
// (dist/<name>.js|cjs|d.ts|d.cts and dist/node/<name>.js|cjs).
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../', import.meta.url))

const modules = (dir: string) =>
  readdirSync(`${root}${dir}`)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort()

export const presetIds = modules('providers')
export const adapterNames = modules('src/adapters')

export interface PublicSubpath {
  /** as in package.json "exports": '.', './providers/github', … */
  subpath: string
  /** what a user writes: 'hookseal', 'hookseal/providers/github', … */
  spec: string
  /** the built file name, without directory or extension: 'index', 'providers/github', 'testing/index', … */
  name: string
}

const entry = (subpath: string, name: string): PublicSubpath => ({ subpath, spec: subpath === '.' ? 'hookseal' : `hookseal/${subpath.slice(2)}`, name })

export const publicSubpaths: PublicSubpath[] = [
  entry('.', 'index'),
  ...presetIds.map((id) => entry(`./providers/${id}`, `providers/${id}`)),
  ...adapterNames.map((name) => entry(`./adapters/${name}`, `adapters/${name}`)),
  entry('./testing', 'testing/index'),
]
