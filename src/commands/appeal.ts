import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { commonFlags, MsglintCommand, nowFlag, parseNow, UserFacingError, writeAtomic } from '../cli/base.js';

export default class Appeal extends MsglintCommand {
  static override summary = 'Write the appeal evidence report: what was wrong, what was fixed, what is in place now';
  static override description =
    'Compares a baseline (a JSON report saved with "msglint lint --format json", or a git revision such as HEAD~5 or a tag) with the files as they are now, and writes the evidence Meta\'s review form asks for, with a paste-ready statement.';
  static override examples = ['<%= config.bin %> appeal --before HEAD~1 --restriction "Quality rating dropped to low" --format markdown', '<%= config.bin %> appeal --before before.json templates campaigns --restriction "Spam" --format pdf --output appeal.pdf'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'files, folders or globs (default: the config\'s files, else the current folder)' }) };
  static override flags = {
    config: commonFlags.config,
    pack: commonFlags.pack,
    before: Flags.string({ description: 'the baseline: a JSON report file or a git revision', required: true }),
    restriction: Flags.string({ description: 'the reason Meta gave, quoted in the report', required: true }),
    account: Flags.string({ description: 'account document to name in the report (default: the campaigns\' account)' }),
    format: Flags.string({ char: 'f', options: ['markdown', 'html', 'json', 'pdf'], default: 'markdown' }),
    output: Flags.string({ char: 'o', description: 'write the report to this file (required for pdf)' }),
    now: nowFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Appeal);
    if (flags.format === 'pdf' && !flags.output) throw new UserFacingError('--format pdf needs --output FILE (a PDF is not printed to a terminal)');
    const { buildAppeal } = await import('../appeal/build.js');
    const { appealHtml, appealJson, appealMarkdown } = await import('../appeal/render.js');
    const now = parseNow(flags.now);
    let report;
    try {
      report = await buildAppeal({ cwd: process.cwd(), before: flags.before, paths: argv as string[], restriction: flags.restriction, accountFile: flags.account, configPath: flags.config, packs: flags.pack, now });
    } catch (error) {
      if (error instanceof Error && error.constructor.name === 'GitError') throw new UserFacingError(error.message);
      throw error;
    }
    if (flags.format === 'pdf') {
      const { renderPdf } = await import('../report/browser.js');
      const path = await import('node:path');
      const out = path.resolve(process.cwd(), flags.output!);
      const tmp = `${out}.${process.pid}.tmp.pdf`;
      await renderPdf(appealHtml(report), tmp);
      const { renameSync } = await import('node:fs');
      renameSync(tmp, out);
      return;
    }
    const text = flags.format === 'json' ? appealJson(report) : flags.format === 'html' ? appealHtml(report) : appealMarkdown(report);
    if (flags.output) writeAtomic(flags.output, text);
    else process.stdout.write(text);
  }
}
