import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

import { commonFlags, MsglintCommand } from '../../cli/base.js';

export default class RulesTest extends MsglintCommand {
  static override summary = 'Run the valid/invalid examples embedded in rule packs';
  static override description = 'Every invalid example must produce a finding of its rule and every valid one none. With no argument, tests the active packs (the built-in ones by default).';
  static override args = { pack: Args.string({ description: 'a built-in pack name or a pack file' }) };
  static override flags = { config: commonFlags.config, format: Flags.string({ char: 'f', options: ['text', 'json'], default: 'text' }), 'no-color': commonFlags['no-color'] };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RulesTest);
    const { createLinter, loadPacks } = await import('../../lint.js');
    const { testPacks } = await import('../../engine/pack-test.js');
    const cwd = process.cwd();
    const linter = createLinter(cwd, { configPath: flags.config, packs: args.pack ? ['recommended', args.pack] : undefined });
    const packs = args.pack ? loadPacks([args.pack], cwd).filter((p) => p.name !== 'input' || args.pack === 'input') : linter.compiled.packs;
    const selected = new Set(packs.map((p) => p.file));
    const results = await testPacks(linter, linter.compiled.packs.filter((p) => selected.has(p.file)), cwd, new Date('2026-11-26T12:00:00Z'));
    const failed = results.filter((r) => !r.ok);
    if (flags.format === 'json') {
      this.emit(JSON.stringify({ passed: results.length - failed.length, failed: failed.length, results }, null, 2) + '\n');
    } else {
      const color = this.useColor(flags['no-color']);
      const red = (s: string) => (color ? `\u001b[31m${s}\u001b[39m` : s);
      const green = (s: string) => (color ? `\u001b[32m${s}\u001b[39m` : s);
      const lines = failed.map((r) => `${red('✖')} ${r.file}:${r.span.line}:${r.span.column} ${r.ruleId} ${r.kind} example: expected ${r.expected}, got ${r.found}${r.details ? `\n    ${r.details.replace(/\n/g, '\n    ')}` : ''}`);
      const rules = new Set(results.map((r) => r.ruleId)).size;
      lines.push(`${failed.length === 0 ? green('✔') : red('✖')} ${results.length} examples of ${rules} rules in ${packs.length} pack${packs.length === 1 ? '' : 's'}: ${results.length - failed.length} passed, ${failed.length} failed`);
      this.emit(lines.join('\n') + '\n');
    }
    process.exitCode = failed.length > 0 ? 1 : 0;
  }
}
