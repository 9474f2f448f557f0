// Runs every per-preset fixture generator in scripts/fixtures/<id>.mjs (the catalog presets);
// scripts/fixtures.mjs generates the four foundation presets. Each generator writes fixtures/<id>/.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  const generator = await import(pathToFileURL(join(dir, file)).href)
  if (typeof generator.default === 'function') await generator.default()
  console.log(`fixtures: ${file} done`)
}
