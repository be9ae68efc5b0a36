import path from 'node:path';

import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { commonFlags, nowFlag, parseNow, MsglintCommand, UserFacingError, writeAtomic } from '../cli/base.js';
import type { FormatName } from '../report/index.js';

// Kept here (not imported from report/) so that loading the command stays cheap; a test checks they match.
export const FORMAT_OPTIONS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'];

export default class Lint extends MsglintCommand {
  static override summary = 'Lint templates, campaigns and accounts against the rule packs';
  static override description =
    'Reads YAML and JSON files (files, folders or globs), checks them against the built-in and configured rule packs, and prints findings with exact positions, a fix for each, and a risk score per document.';
  static override examples = [
    '<%= config.bin %> lint fixtures',
    '<%= config.bin %> lint templates/**/*.yaml --format json',
    '<%= config.bin %> lint . --fail-on warning',
    '<%= config.bin %> lint --format sarif --output msglint.sarif',
    '<%= config.bin %> lint --write-baseline .msglint-baseline.json',
    '<%= config.bin %> lint --baseline .msglint-baseline.json --format github',
    '<%= config.bin %> lint templates --cache',
  ];
  static override strict = false;
  static override args = { paths: Args.string({ description: "files, folders or globs (default: the config's files, else the current folder)" }) };
  static override flags = {
    ...commonFlags,
    now: nowFlag,
    format: Flags.string({
      char: 'f',
      description: 'output format: stylish (people), json (scripts), sarif (GitHub code scanning), github (workflow annotations), junit (CI test reports), markdown (pull-request comment), html (a self-contained report to share and print)',
      options: FORMAT_OPTIONS,
      default: 'stylish',
    }),
    'fail-on': Flags.string({ description: 'lowest severity that makes the exit code 1', options: ['error', 'warning', 'never'] }),
    quiet: Flags.boolean({ char: 'q', description: 'report errors only' }),
    'max-risk': Flags.integer({ description: "also exit 1 when any document's risk score is above this (0–100); default: the config's maxRisk", min: 0, max: 100 }),
    baseline: Flags.string({ description: 'ignore the findings recorded in this baseline file and fail only on new ones' }),
    'write-baseline': Flags.string({ description: 'record the current findings in this baseline file (then they no longer fail the run)' }),
    cache: Flags.boolean({ description: 'reuse the results of template files that did not change since the last run with --cache (same packs, config and msglint), and remember this run\'s' }),
    'cache-location': Flags.string({ description: 'the cache file (default: .msglintcache in the working directory)', dependsOn: ['cache'] }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const { createLinter, runLint } = await import('../lint.js');
    const { formatReport, ruleCatalog } = await import('../report/index.js');
    const baselines = await import('../report/baseline.js');
    const { exitCodeFor } = await import('../cli/exit.js');
    const cwd = process.cwd();
    const linter = createLinter(cwd, { packs: flags.pack, configPath: flags.config });
    // The JSON and HTML reports carry each score's explanation (risk.explanation).
    const cacheFile = flags.cache ? path.resolve(cwd, flags['cache-location'] ?? '.msglintcache') : undefined;
    const report = await runLint(linter, { cwd, paths: argv as string[], explain: flags.format === 'json' || flags.format === 'html', cacheFile, now: parseNow(flags.now) });

    try {
      if (flags['write-baseline']) {
        const file = path.resolve(cwd, flags['write-baseline']);
        const baseline = baselines.createBaseline(report);
        writeAtomic(file, baselines.formatBaseline(baseline));
        const recorded = baseline.findings.reduce((n, e) => n + e.count, 0);
        process.stderr.write(`msglint: recorded ${recorded} finding${recorded === 1 ? '' : 's'} in ${flags['write-baseline']}\n`);
        baselines.applyBaseline(report, baseline, flags['write-baseline']);
      } else if (flags.baseline) {
        const baseline = baselines.readBaseline(path.resolve(cwd, flags.baseline), flags.baseline);
        const { stale } = baselines.applyBaseline(report, baseline, flags.baseline);
        if (stale > 0) {
          process.stderr.write(`msglint: ${stale} finding${stale === 1 ? '' : 's'} recorded in ${flags.baseline} ${stale === 1 ? 'is' : 'are'} gone; shrink the baseline with --write-baseline ${flags.baseline}\n`);
        }
      }
    } catch (error) {
      if (error instanceof baselines.BaselineError) throw new UserFacingError(`${error.location}: ${error.message}`);
      throw error;
    }

    const failOn = (flags['fail-on'] as 'error' | 'warning' | 'never' | undefined) ?? linter.config.failOn ?? 'error';
    const color = this.useColor(flags['no-color'], flags.output);
    const text = formatReport(report, flags.format as FormatName, {
      color,
      quiet: flags.quiet,
      rules: ruleCatalog(linter.compiled.packs),
      cwd,
      failOn,
      ruleSetting: (id) => linter.config.rules[id],
    });
    this.emit(text, flags.output);
    process.exitCode = exitCodeFor(report, failOn);
    const { checkMaxRisk, gateFailed, gateMessage, resolveMaxRisk } = await import('../scoring/threshold.js');
    const maxRisk = resolveMaxRisk(flags['max-risk'], linter.config.maxRisk);
    const gate = maxRisk === undefined ? undefined : checkMaxRisk(report, maxRisk);
    if (gate && gateFailed(gate)) {
      process.stderr.write(gateMessage(gate));
      process.exitCode = 1;
    }
  }
}
