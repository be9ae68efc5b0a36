import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { commonFlags, nowFlag, parseNow, MsglintCommand } from '../cli/base.js';

export default class Score extends MsglintCommand {
  static override summary = 'Risk score per document, with the rules that contributed their points';
  static override description =
    'Lints the documents and prints them riskiest first (0–100: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical), then, for each, the points every finding added — the way SpamAssassin explains a spam score. A campaign counts the findings of the templates it sends.';
  static override examples = ['<%= config.bin %> score fixtures', '<%= config.bin %> score templates --max-risk 49', '<%= config.bin %> score . --format json', '<%= config.bin %> score . --format html --output risk.html'];
  static override strict = false;
  static override args = { paths: Args.string({ description: "files, folders or globs (default: the config's files, else the current folder)" }) };
  static override flags = {
    ...commonFlags,
    now: nowFlag,
    format: Flags.string({ char: 'f', description: 'output format: text (table and explanations), json (the lint JSON with risk.explanation), html (a shareable report)', options: ['text', 'json', 'html'], default: 'text' }),
    'max-risk': Flags.integer({ description: 'exit 1 when any document scores above this (0–100); default: the config\'s maxRisk', min: 0, max: 100 }),
    top: Flags.integer({ description: 'show only the N riskiest documents (text format)', min: 1 }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Score);
    const { createLinter, runLint } = await import('../lint.js');
    const { checkMaxRisk, gateFailed, gateMessage, resolveMaxRisk } = await import('../scoring/threshold.js');
    const cwd = process.cwd();
    const linter = createLinter(cwd, { packs: flags.pack, configPath: flags.config });
    const report = await runLint(linter, { cwd, paths: argv as string[], explain: true, now: parseNow(flags.now) });
    let text: string;
    if (flags.format === 'json') {
      text = (await import('../report/json.js')).formatJson(report);
    } else if (flags.format === 'html') {
      const rules = linter.compiled.packs.flatMap((p) => p.rules);
      text = (await import('../report/html.js')).formatHtml(report, { rules, title: 'msglint risk report' });
    } else {
      text = (await import('../scoring/format.js')).formatScoreTable(report, { color: this.useColor(flags['no-color'], flags.output), top: flags.top });
    }
    this.emit(text, flags.output);
    const maxRisk = resolveMaxRisk(flags['max-risk'], linter.config.maxRisk);
    if (maxRisk === undefined) return;
    const gate = checkMaxRisk(report, maxRisk);
    if (gateFailed(gate)) {
      process.stderr.write(gateMessage(gate));
      process.exitCode = 1;
    }
  }
}
