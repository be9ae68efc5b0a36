import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { Workspace, WorkspacePreparer } from '../../workspace.js';
import { templateShape } from '../template/components.js';
import { campaignAudience } from './audience.js';
import { campaignLinks } from './links.js';
import { accountNumbers, accountThroughput, campaignSchedule } from './plan.js';
import { parseMessagingLimit, sendingPlan, type MessagingLimit } from './tiers.js';
import { planVelocity, type CampaignSend, type VelocityResult } from './velocity-plan.js';
import { maskPhone } from '../../audience/mask.js';
import type { FactProvider } from '../registry.js';

export const CAMPAIGN_VELOCITY = 'campaign-velocity';

interface PreparedVelocity {
  send: CampaignSend;
  result: VelocityResult;
}

function preparedVelocity(workspace: Workspace, doc: LintDocument): PreparedVelocity | undefined {
  const all = workspace.prepared.get(CAMPAIGN_VELOCITY) as Map<LintDocument, PreparedVelocity> | undefined;
  return all?.get(doc);
}

/** The account a campaign counts against: its name (campaigns share limits by account name), or where it came from. */
function accountKey(account: Record<string, unknown> | undefined, source: string | undefined): string {
  if (!account) return '';
  if (typeof account.name === 'string' && account.name.trim()) return `name:${account.name.trim().toLowerCase()}`;
  return `source:${source ?? ''}`;
}

function isMarketing(doc: LintDocument | undefined): boolean {
  return doc !== undefined && templateShape(doc).category === 'MARKETING';
}

/** Adds up every campaign of the run, per account, once the audiences are read. */
export const velocityPlanner: WorkspacePreparer = {
  id: CAMPAIGN_VELOCITY,
  async prepare(workspace, now) {
    const docs = workspace.documents.filter((d) => d.kind === 'campaign');
    const sends: CampaignSend[] = docs.map((doc) => {
      const links = campaignLinks(workspace, doc);
      const schedule = campaignSchedule(doc.data);
      const stats = campaignAudience(workspace, doc);
      const usable = stats && !stats.fatal && !stats.phoneColumnMissing;
      const audience = isRecord(doc.data.audience) ? doc.data.audience : {};
      const frequency = isRecord(doc.data.frequency) ? doc.data.frequency : {};
      const limit = links.account ? parseMessagingLimit(links.account.messagingLimit) : undefined;
      return {
        name: typeof doc.data.name === 'string' ? doc.data.name : doc.source.relPath,
        account: accountKey(links.account, links.accountSource),
        limit: limit && 'limit' in limit ? limit : undefined,
        start: Number.isNaN(schedule.start) ? now.getTime() : schedule.start,
        rate: schedule.ratePerSecond || accountThroughput(links.account),
        batches: schedule.batches,
        templates: links.templates.length,
        marketingTemplates: links.templates.filter((t) => isMarketing(t.resolved)).length,
        maxPerUserPerWeek: typeof frequency.maxPerUserPerWeek === 'number' ? frequency.maxPerUserPerWeek : undefined,
        window: schedule.window,
        audience: usable ? { numbers: stats.numbers, countries: stats.numberCountries, size: stats.numbers.size } : { size: typeof audience.size === 'number' ? audience.size : 0 },
      };
    });
    const results = planVelocity(sends);
    workspace.prepared.set(CAMPAIGN_VELOCITY, new Map(docs.map((d, i) => [d, { send: sends[i], result: results[i] }])));
  },
};

const fmt = (n: number) => n.toLocaleString('en-US');

/** '"a", "b" and "c"', at most five names and a count of the rest. */
function listNames(names: readonly string[]): string {
  const quoted = [...new Set(names)].map((n) => `"${n}"`);
  const shown = quoted.length > 5 ? [...quoted.slice(0, 5), `${quoted.length - 5} more`] : quoted;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const QUALITY_ORDER = ['GREEN', 'YELLOW', 'RED'];

/** What a number status other than CONNECTED means for a send (Meta's phone-number statuses). */
const STATUS_MEANING: Record<string, string> = {
  PENDING: 'not registered yet: it cannot send',
  FLAGGED: 'flagged for low quality (pre-October-2025 state): it may be limited',
  RESTRICTED: 'restricted: it can only reply to people who write first',
  RATE_LIMITED: 'rate limited: sends beyond the limit fail',
  BANNED: 'banned: it cannot send',
  DELETED: 'deleted: it cannot send',
  DISCONNECTED: 'disconnected: it cannot send',
  MIGRATED: 'migrated to another account: it cannot send from this one',
  UNVERIFIED: 'not verified: it cannot send',
};

function numberLabel(n: Record<string, unknown>, i: number): string {
  if (typeof n.id === 'string' || typeof n.id === 'number') return `number ${n.id}`;
  if (typeof n.display === 'string') return `number ${maskPhone(n.display)}`;
  return `phone number ${i + 1}`;
}

/** Templates the campaign sends that Meta will not deliver in their current status. */
const UNSENDABLE_STATUS = new Set(['PAUSED', 'DISABLED', 'REJECTED', 'PENDING', 'PENDING_DELETION', 'DELETED', 'ARCHIVED', 'LIMIT_EXCEEDED', 'LOCKED', 'IN_APPEAL', 'FLAGGED']);

export const campaignVelocity: FactProvider = {
  id: 'campaign-velocity',
  kinds: ['campaign'],
  facts: {
    hasMessagingLimit: 'whether the account has a known, finite messaging limit',
    messagingLimit: 'unique users per moving 24 h the account may reach (0 when unknown or unlimited)',
    messagingLimitTier: "the account's tier, e.g. TIER_10K",
    messagingLimitProblem: 'why the account\'s messagingLimit cannot be read, or empty',
    nextTier: 'the next tier up on the current ladder',
    peakRecipients24h: 'most unique recipients in one moving 24 h window, over every campaign of the same account in this run',
    peakWindowStart: 'when that window starts (UTC)',
    peakWithCampaigns: 'the other campaigns of the account in that window, as text ("" when none)',
    batchesNeeded: 'how many 24-hour batches the peak needs at the current limit',
    recipientsPerBatch: 'recipients per batch in that plan',
    sendRate: 'messages per second the campaign sends at (schedule.ratePerSecond, else the number throughput)',
    pairRateRepeats: 'messages that reach the same person less than 6 s after the previous one',
    pairRateDetail: 'where those repeats come from',
    sendsMarketing: 'whether the campaign sends a MARKETING template',
    usRecipients: 'unique recipients with US numbers (+1, US area code)',
    qualityRating: 'the worst quality rating of the account and its numbers (GREEN, YELLOW, RED, or empty)',
    qualityRatingOf: 'which one has that rating',
    numberStatusProblems: 'phone numbers whose status is not CONNECTED, with what that means',
    maxPerUserPerWeek: 'frequency.maxPerUserPerWeek, or -1 when not set',
    recipientsOverFrequency: 'recipients who would get more marketing messages in 7 days (all campaigns of the account) than maxPerUserPerWeek',
    maxMessagesPerRecipient: 'most marketing messages one recipient gets in those 7 days',
    frequencyWithCampaigns: 'the other campaigns counted in that week, as text',
    sendingWindow: 'the local-time window, e.g. 09:00–20:00',
    recipientsOutsideWindow: "recipients reached outside the window in their local time (at least half of their country's zones)",
    recipientsPartlyOutsideWindow: "recipients in multi-zone countries outside the window in some of their country's zones",
    outsideWindowCountries: 'countries with recipients outside the window, with counts',
    partlyOutsideWindowNote: 'recipients outside the window in only some of their country\'s zones, as "; 120 more …", or empty',
    unsendableTemplates: 'templates the campaign sends whose status (PAUSED, DISABLED, REJECTED, …) means Meta will not deliver them',
  },
  compute(doc, ctx) {
    const links = campaignLinks(ctx.workspace, doc);
    const account = links.account;
    const prepared = preparedVelocity(ctx.workspace, doc);
    const r = prepared?.result;
    const send = prepared?.send;
    const parsed = account ? parseMessagingLimit(account.messagingLimit) : undefined;
    const limit: MessagingLimit | undefined = parsed && 'limit' in parsed ? parsed : undefined;
    const finite = limit !== undefined && Number.isFinite(limit.limit);
    const peak = r?.peakRecipients24h ?? 0;
    const plan = sendingPlan(peak, finite ? limit.limit : Infinity);

    // Quality: the worst of the account and its numbers.
    let quality = '';
    let qualityOf = '';
    const consider = (value: unknown, who: string) => {
      if (typeof value !== 'string') return;
      const v = value.toUpperCase();
      if (QUALITY_ORDER.indexOf(v) > QUALITY_ORDER.indexOf(quality)) {
        quality = v;
        qualityOf = who;
      }
    };
    if (account) consider(account.qualityRating, 'the account');
    const numbers = accountNumbers(account);
    numbers.forEach((n, i) => consider(n.qualityRating, numberLabel(n, i)));
    const statusProblems = numbers
      .map((n, i) => ({ n, i, status: typeof n.status === 'string' ? n.status.toUpperCase() : 'CONNECTED' }))
      .filter((x) => x.status !== 'CONNECTED')
      .map((x) => `${numberLabel(x.n, x.i)} is ${x.status} (${STATUS_MEANING[x.status] ?? 'not connected: it may not send'})`);

    const pairParts: string[] = [];
    const dup = campaignAudience(ctx.workspace, doc)?.pairRateRepeats ?? 0;
    if (dup > 0) pairParts.push(`${fmt(dup)} from duplicate rows less than 6 s apart at ${fmt(send?.rate ?? 0)}/s`);
    if (r && r.pairRepeatsTemplates > 0) pairParts.push(`${fmt(r.pairRepeatsTemplates)} from sending ${send?.templates} templates to each recipient back to back (${fmt(send?.audience.size ?? 0)} recipients take less than 6 s)`);
    if (r && r.pairRepeatsCampaigns > 0) pairParts.push(`${fmt(r.pairRepeatsCampaigns)} from campaign ${listNames(r.pairRepeatsWith)} reaching the same people at the same time`);

    const unsendable: TextMatch[] = links.templates
      .filter((t) => t.resolved && typeof t.resolved.data.status === 'string' && UNSENDABLE_STATUS.has(t.resolved.data.status.toUpperCase()))
      .map((t) => ({ path: t.path, start: 0, end: 0, text: `${t.name}${t.language ? ` (${t.language})` : ''} is ${String(t.resolved!.data.status).toUpperCase()}` }));

    return {
      hasMessagingLimit: finite,
      messagingLimit: finite ? limit.limit : 0,
      messagingLimitTier: limit?.tier ?? '',
      messagingLimitProblem: parsed && 'problem' in parsed ? parsed.problem : '',
      nextTier: limit?.nextTier ?? '',
      peakRecipients24h: peak,
      peakWindowStart: r && Number.isFinite(r.peakWindowStart) ? new Date(r.peakWindowStart).toISOString().replace(':00.000Z', 'Z') : '',
      peakWithCampaigns: r && r.peakWith.length > 0 ? `, counting campaign${r.peakWith.length > 1 ? 's' : ''} ${listNames(r.peakWith)} of the same account` : '',
      batchesNeeded: plan.batches,
      recipientsPerBatch: plan.perBatch,
      sendRate: send?.rate ?? 0,
      pairRateRepeats: dup + (r ? r.pairRepeatsTemplates + r.pairRepeatsCampaigns : 0),
      pairRateDetail: pairParts.join('; '),
      sendsMarketing: (send?.marketingTemplates ?? 0) > 0,
      usRecipients: campaignAudience(ctx.workspace, doc)?.usNumbers ?? 0,
      qualityRating: quality,
      qualityRatingOf: qualityOf,
      numberStatusProblems: statusProblems.join('; '),
      maxPerUserPerWeek: send?.maxPerUserPerWeek ?? -1,
      recipientsOverFrequency: r?.overFrequency ?? 0,
      maxMessagesPerRecipient: r?.maxMessagesPerUser ?? 0,
      frequencyWithCampaigns: r && r.frequencyWith.length > 0 ? `, counting campaign${r.frequencyWith.length > 1 ? 's' : ''} ${listNames(r.frequencyWith)}` : '',
      sendingWindow: send?.window?.text ?? '',
      recipientsOutsideWindow: r?.outsideWindow ?? 0,
      recipientsPartlyOutsideWindow: r?.partlyOutsideWindow ?? 0,
      outsideWindowCountries: r ? r.outsideByCountry.slice(0, 5).map((c) => `${c.country} ${fmt(c.count)}`).join(', ') : '',
      partlyOutsideWindowNote: r && r.partlyOutsideWindow > 0 ? `; and ${fmt(r.partlyOutsideWindow)} more in countries with several time zones, outside the window in some of them` : '',
      unsendableTemplates: unsendable,
    };
  },
};
