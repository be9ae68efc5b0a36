import * as Args from '@oclif/core/args';

import { commonFlags, MsglintCommand, UserFacingError } from '../../cli/base.js';

export default class RulesExplain extends MsglintCommand {
  static override summary = 'Explain one rule: what it checks, why, how to fix it, and its source';
  static override args = { id: Args.string({ description: 'rule id, e.g. format/body-length', required: true }) };
  static override flags = { config: commonFlags.config, pack: commonFlags.pack };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RulesExplain);
    const { createLinter } = await import('../../lint.js');
    const linter = createLinter(process.cwd(), { packs: flags.pack, configPath: flags.config });
    const found = linter.compiled.rulesById.get(args.id);
    if (!found) {
      const ids = [...linter.compiled.rulesById.keys()];
      const near = ids.filter((id) => id.includes(args.id) || args.id.includes(id.split('/')[1] ?? '')).slice(0, 5);
      throw new UserFacingError(`no rule "${args.id}"${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (msglint rules list shows them all)`);
    }
    const { rule, pack } = found;
    const facts = found.facts.map((f) => `  ${f}: ${linter.registry.describe(f) ?? ''}`);
    const text = [
      `${rule.id} — ${rule.title}`,
      '',
      `area: ${rule.area}   severity: ${linter.config.rules[rule.id] ?? rule.severity}   weight: ${rule.weight}   applies to: ${rule.appliesTo.join(', ')}`,
      `pack: ${pack.name} ${pack.version}${pack.policyDate ? ` (policy as of ${pack.policyDate})` : ''}`,
      ...(rule.description ? ['', rule.description.trim()] : []),
      '',
      `message: ${rule.message}`,
      ...(rule.fix ? [`fix: ${rule.fix}`] : []),
      ...(rule.source ? [`source: ${rule.source}`] : []),
      '',
      'reads these facts:',
      ...facts,
      '',
      `examples: ${rule.examples.invalid.length} invalid, ${rule.examples.valid.length} valid (msglint rules test ${pack.builtin ? pack.name : pack.file})`,
    ];
    this.emit(text.join('\n') + '\n');
  }
}
