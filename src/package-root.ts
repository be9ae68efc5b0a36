import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let version: string | undefined;

/** The folder holding msglint's package.json (and rules/, schemas/), whether running from src/ or dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'rules'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('msglint is installed incompletely: package.json and rules/ not found');
    dir = up;
  }
  return (root = dir);
}

export function toolVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return (version = pkg.version);
}
