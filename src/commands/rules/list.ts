import * as Flags from '@oclif/core/flags';

import { commonFlags, MsglintCommand } from '../../cli/base.js';

export default class RulesList extends MsglintCommand {
  static override summary = 'List the rules of the active packs';
  static override flags = {
    config: commonFlags.config,
    pack: commonFlags.pack,
    area: Flags.string({ description: 'only rules of this area' }),
    format: Flags.string({ char: 'f', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RulesList);
    const { createLinter } = await import('../../lint.js');
    const linter = createLinter(process.cwd(), { packs: flags.pack, configPath: flags.config });
    const rules = [...linter.compiled.rulesById.values()].filter((r) => !flags.area || r.rule.area === flags.area);
    if (flags.format === 'json') {
      const list = rules.map(({ rule, pack }) => ({ id: rule.id, pack: pack.name, area: rule.area, severity: linter.config.rules[rule.id] ?? rule.severity, weight: rule.weight, title: rule.title, appliesTo: rule.appliesTo, source: rule.source }));
      this.emit(JSON.stringify(list, null, 2) + '\n');
      return;
    }
    const idWidth = Math.max(...rules.map((r) => r.rule.id.length), 4);
    const lines = rules.map(({ rule }) => `${rule.id.padEnd(idWidth)}  ${(linter.config.rules[rule.id] ?? rule.severity).padEnd(7)}  ${String(rule.weight).padStart(3)}  ${rule.title}`);
    this.emit([`${'rule'.padEnd(idWidth)}  severity  wt  title`, ...lines, '', `${rules.length} rules in ${linter.compiled.packs.length} packs`].join('\n') + '\n');
  }
}
