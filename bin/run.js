#!/usr/bin/env node
// Thin launcher. `--version` is answered without loading oclif (start-up budget: 150 ms);
// everything else goes through oclif, which loads only the command that runs.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  // The `execute` entry point only: the package's index also loads help, ux and more (≈ 40 ms).
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
