import { campaignBasics } from './campaign/basics.js';
import { campaignLinker } from './campaign/links.js';
import { FactRegistry } from './registry.js';
import { templateBasics } from './template/basics.js';
import { templateDuplicates } from './template/duplicates.js';
import { templateFormat } from './template/format-facts.js';
import { templateParameters } from './template/parameters.js';
import { starterSignals } from './template/starter-signals.js';
import type { WorkspacePreparer } from '../workspace.js';

export { FactRegistry, FactSet, type FactContext, type FactProvider } from './registry.js';

/** The built-in fact providers. A new evidence family is one line here. */
export function builtinFacts(): FactRegistry {
  const registry = new FactRegistry();
  registry.register(templateBasics);
  registry.register(starterSignals);
  registry.register(templateFormat);
  registry.register(templateParameters);
  registry.register(templateDuplicates);
  registry.register(campaignBasics);
  return registry;
}

/** Asynchronous preparation steps, run in order before rules. */
export function builtinPreparers(): WorkspacePreparer[] {
  return [campaignLinker];
}
