// Validates and compiles every built-in pack (the same checks as at run time), then serialises it to
// dist/packs/<name>.json so msglint does not parse pack YAML with source ranges on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { compilePacks } from '../dist/engine/compile.js';
import { builtinPackFile, compiledPackFile, listBuiltinPacks, loadPackText, serializePack } from '../dist/engine/pack.js';
import { builtinFacts } from '../dist/facts/index.js';
import { readFileSync } from 'node:fs';

const packs = listBuiltinPacks().map((name) => {
  const file = builtinPackFile(name);
  return loadPackText(readFileSync(file, 'utf8'), file, process.cwd(), true);
});
try {
  compilePacks(packs, builtinFacts());
} catch (error) {
  console.error(`msglint: ${error.location ? `${error.location}: ` : ''}${error.message}`);
  process.exit(1);
}
for (const pack of packs) {
  const out = compiledPackFile(path.basename(path.dirname(pack.file)));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(serializePack(pack)));
}
console.error(`dist/packs: ${packs.length} built-in packs, ${packs.reduce((n, p) => n + p.rules.length, 0)} rules`);
