import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { MsglintCommand, UserFacingError } from '../cli/base.js';

export default class Explain extends MsglintCommand {
  static override summary = 'What a WhatsApp error code means, whether to retry, what to fix, and which rules prevent it';
  static override examples = ['<%= config.bin %> explain 131049', '<%= config.bin %> explain'];
  static override args = { code: Args.string({ description: 'error code from a failed message status or API response (no argument: list them)' }) };
  static override flags = { format: Flags.string({ char: 'f', options: ['text', 'json'], default: 'text' }), 'no-color': Flags.boolean({ description: 'no colours' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Explain);
    const { loadErrorCodes, findErrorCode, formatErrorCode, formatErrorCodeList } = await import('../meta/error-codes.js');
    if (!args.code) {
      const all = loadErrorCodes();
      this.emit(flags.format === 'json' ? JSON.stringify(all, null, 2) + '\n' : formatErrorCodeList(all) + '\n');
      return;
    }
    const entry = findErrorCode(args.code);
    if (!entry) {
      throw new UserFacingError(`msglint does not know error code ${args.code}; "msglint explain" lists the ${loadErrorCodes().length} it knows`);
    }
    this.emit(flags.format === 'json' ? JSON.stringify(entry, null, 2) + '\n' : formatErrorCode(entry, { color: this.useColor(flags['no-color']) }) + '\n');
  }
}
