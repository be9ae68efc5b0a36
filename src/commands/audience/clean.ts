import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { MsglintCommand, UserFacingError } from '../../cli/base.js';

export default class AudienceClean extends MsglintCommand {
  static override summary = 'Write a cleaned copy of an audience file, and say what was removed and why';
  static override description =
    'Keeps only contacts with a valid number and valid, current opt-in (not in the future, not after the send date, not older than the stale-consent threshold) and no opt-out, one row per number. The input is never modified; the copy is written atomically. Prints counts only, never a phone number.';
  static override examples = [
    '<%= config.bin %> audience clean audiences/diwali.csv',
    '<%= config.bin %> audience clean export.csv --campaign campaigns/diwali.yaml --output audiences/diwali.csv',
    '<%= config.bin %> audience clean export.csv --columns phone=Mobile,optedInAt="Consent date" --format json',
  ];
  static override args = { file: Args.string({ description: 'the audience file (CSV with a header row, or JSON Lines)', required: true }) };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'where to write the cleaned copy (default: <name>.clean.<ext> next to the input)' }),
    format: Flags.string({ char: 'f', description: 'summary format', options: ['text', 'json'], default: 'text' }),
    campaign: Flags.string({ description: 'a campaign file: its audience.columns, defaultCountry, delimiter and send date are used' }),
    columns: Flags.string({ description: 'column names: JSON ({"phone":"Mobile"}) or field=name pairs (phone=Mobile,optedInAt=Consent date)' }),
    'default-country': Flags.string({ description: 'ISO country for numbers without a country code, e.g. IN' }),
    'send-date': Flags.string({ description: 'when the campaign sends (consent must exist by then; stale consent counts back from it), e.g. 2026-11-27T09:00:00+05:30' }),
    now: Flags.string({ description: 'the current time (default: the clock), for reproducible runs' }),
    'stale-days': Flags.integer({ description: 'consent older than this many days is stale (default: thresholds.staleConsentDays, else 730)', min: 0 }),
    config: Flags.string({ char: 'c', description: 'path to msglint.config.yaml' }),
    debug: Flags.boolean({ description: 'show stack traces for internal errors' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(AudienceClean);
    const { resolveCleanRequest } = await import('../../audience/clean-request.js');
    const { cleanAudience, cleanSummaryJson, CleanError, formatCleanSummary } = await import('../../audience/clean.js');
    const { createProgress } = await import('../../audience/progress.js');
    const cwd = process.cwd();
    let request;
    try {
      request = await resolveCleanRequest(cwd, {
        file: args.file,
        output: flags.output,
        campaign: flags.campaign,
        columns: flags.columns,
        defaultCountry: flags['default-country'],
        sendDate: flags['send-date'],
        now: flags.now,
        staleDays: flags['stale-days'],
        config: flags.config,
      });
    } catch (error) {
      throw new UserFacingError(error instanceof Error ? error.message : String(error));
    }
    const label = request.input.length > 30 ? `…${request.input.slice(-29)}` : request.input;
    const checking = createProgress({ label: `checking ${label}`, total: request.size });
    const writing = createProgress({ label: `writing  ${label}`, total: request.size });
    let summary;
    try {
      summary = await cleanAudience(request.input, request.output, {
        ...request.options,
        onProgress: (bytes) => checking.update(bytes),
        onWriteProgress: (bytes) => {
          checking.done();
          writing.update(bytes);
        },
      });
    } catch (error) {
      if (error instanceof CleanError) throw new UserFacingError(error.message);
      throw error;
    } finally {
      checking.done();
      writing.done();
    }
    this.emit(flags.format === 'json' ? cleanSummaryJson(summary, cwd) : formatCleanSummary(summary, cwd));
  }
}
