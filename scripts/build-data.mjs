// Copies every YAML data file under rules/ (not packs or their examples) to dist/data/<path>.json,
// which src/data.ts reads instead of parsing YAML on every run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fg from 'fast-glob';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = await fg('rules/**/*.{yaml,yml}', { cwd: root, ignore: ['rules/*/pack.yaml', 'rules/**/examples/**'] });
for (const rel of files.sort()) {
  const out = path.join(root, 'dist', 'data', `${rel}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(parse(readFileSync(path.join(root, rel), 'utf8'))));
}
console.error(`dist/data: ${files.length} data files`);
