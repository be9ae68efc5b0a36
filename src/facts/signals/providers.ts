// The signals family's fact providers and workspace preparers, registered in src/facts/index.ts.
import { stoppedAudienceChecker } from './audience.js';
import { signalCampaignFacts } from './campaign-facts.js';
import { signalIndexer } from './index.js';
import { signalLogFacts } from './log-facts.js';
import { signalTemplateFacts } from './template-facts.js';
import type { WorkspacePreparer } from '../../workspace.js';
import type { FactProvider } from '../registry.js';

export const SIGNAL_PROVIDERS: readonly FactProvider[] = [signalTemplateFacts, signalCampaignFacts, signalLogFacts];

/** In order, after the campaign preparers: the index of Meta's signals, then the audiences checked against it. */
export const SIGNAL_PREPARERS: readonly WorkspacePreparer[] = [signalIndexer, stoppedAudienceChecker];
