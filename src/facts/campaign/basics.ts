import { campaignLinks } from './links.js';
import { accountThroughput } from './plan.js';
import { isRecord } from '../../documents/kinds.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';

export { DEFAULT_THROUGHPUT } from './plan.js';

export const campaignBasics: FactProvider = {
  id: 'campaign-basics',
  kinds: ['campaign'],
  facts: {
    campaignName: 'the campaign name',
    channel: 'whatsapp or sms',
    hasOptInClaim: 'whether the campaign declares an opt-in method or wording',
    optInMethod: 'the declared opt-in method',
    optInWording: 'the declared opt-in wording',
    ratePerSecond: 'the planned send rate (messages per second), 0 when not set',
    numberThroughput: "the lowest throughput among the account's phone numbers (80 by default, 1,000 when upgraded, 20 when shared with the Business app)",
    accountResolved: 'whether the account document was found',
    accountProblem: 'why the account could not be resolved, or empty',
    missingTemplates: 'template references that match no template in this run',
    audienceProblem: 'why the audience file could not be used, or empty',
  },
  compute(doc, ctx) {
    const d = doc.data;
    const links = campaignLinks(ctx.workspace, doc);
    const optIn = isRecord(d.optIn) ? d.optIn : {};
    const schedule = isRecord(d.schedule) ? d.schedule : {};
    const missingTemplates: TextMatch[] = links.templates
      .filter((t) => !t.resolved)
      .map((t) => ({ path: t.path, start: 0, end: 0, text: t.language ? `${t.name} (${t.language})` : t.name }));
    return {
      campaignName: typeof d.name === 'string' ? d.name : '',
      channel: typeof d.channel === 'string' ? d.channel : 'whatsapp',
      hasOptInClaim: typeof optIn.method === 'string' || typeof optIn.wording === 'string',
      optInMethod: typeof optIn.method === 'string' ? optIn.method : '',
      optInWording: typeof optIn.wording === 'string' ? optIn.wording : '',
      ratePerSecond: typeof schedule.ratePerSecond === 'number' ? schedule.ratePerSecond : 0,
      numberThroughput: accountThroughput(links.account),
      accountResolved: links.account !== undefined,
      accountProblem: links.accountProblem ?? '',
      missingTemplates,
      audienceProblem: links.audienceProblem ?? '',
    };
  },
};
