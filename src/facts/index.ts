import { audienceReader } from './campaign/audience.js';
import { campaignBasics } from './campaign/basics.js';
import { campaignClaim } from './campaign/claim.js';
import { campaignLinker } from './campaign/links.js';
import { campaignOptIn } from './campaign/optin.js';
import { campaignVelocity, velocityPlanner } from './campaign/velocity.js';
import { CATEGORY_PROVIDERS, languageDetectorPreparer } from './category/index.js';
import { FactRegistry } from './registry.js';
import { SIGNAL_PREPARERS, SIGNAL_PROVIDERS } from './signals/providers.js';
import { templateAuthentication } from './template/authentication.js';
import { templateBasics } from './template/basics.js';
import { templateDuplicates } from './template/duplicates.js';
import { templateFormat } from './template/format-facts.js';
import { templateParameters } from './template/parameters.js';
import { contentFacts } from './text/content.js';
import { linkFacts } from './text/link-facts.js';
import { moneyFacts } from './text/money.js';
import { shapeFacts } from './text/shape.js';
import { scamMechanicsFacts } from './text/scam-mechanics.js';
import { spamBayesFacts } from './text/spam-bayes.js';
import { spamPhraseFacts } from './text/spam-phrases.js';
import type { WorkspacePreparer } from '../workspace.js';

export { FactRegistry, FactSet, type FactContext, type FactProvider } from './registry.js';

/** The built-in fact providers. A new evidence family is one line here. */
export function builtinFacts(): FactRegistry {
  const registry = new FactRegistry();
  registry.register(templateBasics);
  registry.register(templateFormat);
  registry.register(templateParameters);
  registry.register(templateDuplicates);
  registry.register(templateAuthentication);
  registry.register(spamPhraseFacts);
  registry.register(spamBayesFacts);
  registry.register(scamMechanicsFacts);
  registry.register(shapeFacts);
  registry.register(linkFacts);
  registry.register(moneyFacts);
  registry.register(contentFacts);
  for (const provider of CATEGORY_PROVIDERS) registry.register(provider);
  for (const provider of SIGNAL_PROVIDERS) registry.register(provider);
  registry.register(campaignBasics);
  registry.register(campaignClaim);
  registry.register(campaignOptIn);
  registry.register(campaignVelocity);
  return registry;
}

/** Asynchronous preparation steps, run in order before rules. */
export function builtinPreparers(): WorkspacePreparer[] {
  return [campaignLinker, audienceReader, velocityPlanner, ...SIGNAL_PREPARERS, languageDetectorPreparer];
}
