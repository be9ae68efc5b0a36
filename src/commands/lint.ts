import { Args, Flags } from '@oclif/core';

import { commonFlags, MsglintCommand } from '../cli/base.js';

export default class Lint extends MsglintCommand {
  static override summary = 'Lint templates, campaigns and accounts against the rule packs';
  static override description =
    'Reads YAML and JSON files (files, folders or globs), checks them against the built-in and configured rule packs, and prints findings with exact positions, a fix for each, and a risk score per document.';
  static override examples = ['<%= config.bin %> lint fixtures', '<%= config.bin %> lint templates/**/*.yaml --format json', '<%= config.bin %> lint . --fail-on warning'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'files, folders or globs (default: the config\'s files, else the current folder)' }) };
  static override flags = {
    ...commonFlags,
    format: Flags.string({ char: 'f', description: 'output format', options: ['stylish', 'json'], default: 'stylish' }),
    'fail-on': Flags.string({ description: 'lowest severity that makes the exit code 1', options: ['error', 'warning', 'never'] }),
    quiet: Flags.boolean({ char: 'q', description: 'report errors only' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const { createLinter, runLint } = await import('../lint.js');
    const { formatReport } = await import('../report/index.js');
    const { exitCodeFor } = await import('../cli/exit.js');
    const cwd = process.cwd();
    const linter = createLinter(cwd, { packs: flags.pack, configPath: flags.config });
    const report = await runLint(linter, { cwd, paths: argv as string[] });
    const color = this.useColor(flags['no-color'], flags.output);
    this.emit(formatReport(report, flags.format as 'stylish' | 'json', { color, quiet: flags.quiet }), flags.output);
    process.exitCode = exitCodeFor(report, (flags['fail-on'] as 'error' | 'warning' | 'never' | undefined) ?? linter.config.failOn ?? 'error');
  }
}
