import { countryCodes } from '../../audience/countries.js';
import { PAIR_INTERVAL_SECONDS } from '../../audience/defaults.js';
import type { NumberIndex } from '../../audience/number-index.js';
import type { MessagingLimit } from './tiers.js';
import { OUTSIDE, PARTLY_OUTSIDE, UNKNOWN_ZONE, windowVerdict, type SendingWindow } from './timezones.js';

/**
 * Send-velocity arithmetic over all campaigns of a run: pure functions of the campaigns' plans and audiences.
 *
 * Model (stated in messages and the README):
 * - A campaign sends its unique valid numbers in file order (first occurrence), from `start` at `rate` messages
 *   per second; with `schedule.batches`, batch k sends the next `size` numbers from its own `at` (numbers beyond
 *   the batches go with the last one). A block longer than 24 h is split into one block per 24 h.
 * - The messaging limit counts unique users per moving 24 hours over every campaign of the same account; each
 *   block counts at its start time, and the windows examined start at every block's start.
 * - A campaign with several templates sends them one after the other to the whole block.
 * - Campaigns without a date send at "now".
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const PAIR_MS = PAIR_INTERVAL_SECONDS * 1000;

export interface CampaignAudience {
  /** Unique valid numbers in send order, and each one's country (index into countryCodes()). */
  numbers?: NumberIndex;
  countries?: Uint8Array;
  /** Recipients (unique numbers, or the declared size when there is no file). */
  size: number;
}

export interface CampaignSend {
  name: string;
  /** Campaigns with the same account key share the account's messaging limit ('' = no account). */
  account: string;
  limit?: MessagingLimit;
  start: number;
  /** Messages per second (> 0). */
  rate: number;
  batches: readonly { at: number; size: number }[];
  /** Templates each recipient receives, and how many of them are MARKETING. */
  templates: number;
  marketingTemplates: number;
  maxPerUserPerWeek?: number;
  window?: SendingWindow;
  audience: CampaignAudience;
}

export interface Block {
  campaign: number;
  start: number;
  /** Range of recipient indexes (send order). */
  from: number;
  to: number;
}

export interface VelocityResult {
  /** Largest number of unique recipients in one moving 24 h window that includes this campaign (all campaigns of the account). */
  peakRecipients24h: number;
  peakWindowStart: number;
  /** Other campaigns of the account sending in that window. */
  peakWith: string[];
  /** Repeat messages to one person less than 6 s apart, by cause. */
  pairRepeatsTemplates: number;
  pairRepeatsCampaigns: number;
  pairRepeatsWith: string[];
  /** Recipients who would get more marketing messages in 7 days (over all campaigns of the account) than allowed. */
  overFrequency: number;
  /** Most marketing messages one recipient gets in those 7 days. */
  maxMessagesPerUser: number;
  frequencyWith: string[];
  /** Recipients the send reaches outside the local window (at least half of their country's zones), partly outside, of unknown zone. */
  outsideWindow: number;
  partlyOutsideWindow: number;
  unknownZone: number;
  /** Countries with the most recipients outside the window: "US 1,204, BR 310". */
  outsideByCountry: { country: string; count: number }[];
}

/** Day blocks per batch: ten years of sending, far beyond any plan worth checking day by day. */
const MAX_DAY_BLOCKS = 3_660;

/** The blocks a campaign sends in: one per batch (or one), each at most 24 h long. */
export function campaignBlocks(c: CampaignSend, index: number): Block[] {
  const n = c.audience.size;
  const raw: Block[] = [];
  if (c.batches.length > 0) {
    const batches = [...c.batches].sort((a, b) => a.at - b.at);
    let from = 0;
    batches.forEach((b, k) => {
      const to = k === batches.length - 1 ? Math.max(n, from) : Math.min(n, from + Math.max(0, b.size));
      raw.push({ campaign: index, start: b.at, from, to });
      from = to;
    });
  } else {
    raw.push({ campaign: index, start: c.start, from: 0, to: n });
  }
  const perDay = Math.max(1, Math.floor(c.rate * 86_400));
  const blocks: Block[] = [];
  for (const b of raw) {
    if (b.to - b.from <= perDay) {
      if (b.to > b.from) blocks.push(b);
      continue;
    }
    // At most MAX_DAY_BLOCKS days, the last one taking the rest: a declared size of 1e16 (or 1e145, where
    // `from += perDay` no longer changes `from`) must not build billions of blocks or loop forever.
    const days = Math.min(Math.ceil((b.to - b.from) / perDay), MAX_DAY_BLOCKS);
    for (let k = 0; k < days; k++) {
      const from = b.from + k * perDay;
      blocks.push({ campaign: index, start: b.start + k * DAY_MS, from, to: k === days - 1 ? b.to : Math.min(b.to, from + perDay) });
    }
  }
  return blocks;
}

/** Unique recipients over a set of blocks: file audiences are compared number by number; declared sizes are added. */
export function uniqueRecipients(blocks: readonly Block[], campaigns: readonly CampaignSend[]): number {
  let total = 0;
  blocks.forEach((b, k) => {
    const numbers = campaigns[b.campaign].audience.numbers;
    const earlier = numbers ? blocks.slice(0, k).filter((o) => o.campaign !== b.campaign && campaigns[o.campaign].audience.numbers) : [];
    if (!numbers || earlier.length === 0) {
      total += b.to - b.from;
      return;
    }
    for (let i = b.from; i < b.to; i++) {
      const number = numbers.at(i);
      const seen = earlier.some((o) => {
        const j = campaigns[o.campaign].audience.numbers!.indexOf(number);
        return j >= o.from && j < o.to;
      });
      if (!seen) total++;
    }
  });
  return total;
}

function emptyResult(): VelocityResult {
  return {
    peakRecipients24h: 0,
    peakWindowStart: NaN,
    peakWith: [],
    pairRepeatsTemplates: 0,
    pairRepeatsCampaigns: 0,
    pairRepeatsWith: [],
    overFrequency: 0,
    maxMessagesPerUser: 0,
    frequencyWith: [],
    outsideWindow: 0,
    partlyOutsideWindow: 0,
    unknownZone: 0,
    outsideByCountry: [],
  };
}

/** Everything the velocity rules need, for every campaign of the run. */
export function planVelocity(campaigns: readonly CampaignSend[]): VelocityResult[] {
  const results = campaigns.map(() => emptyResult());
  const blocks = campaigns.map((c, i) => campaignBlocks(c, i));
  const groups = new Map<string, number[]>();
  campaigns.forEach((c, i) => {
    const key = c.account || `\u0000${i}`;
    const g = groups.get(key) ?? [];
    g.push(i);
    groups.set(key, g);
  });
  for (const members of groups.values()) {
    peakWindows(members, blocks, campaigns, results);
    pairRate(members, blocks, campaigns, results);
    frequency(members, campaigns, results);
  }
  campaigns.forEach((c, i) => sendWindow(c, blocks[i], results[i]));
  return results;
}

function peakWindows(members: number[], blocks: Block[][], campaigns: readonly CampaignSend[], results: VelocityResult[]): void {
  const all = members.flatMap((m) => blocks[m]).sort((a, b) => a.start - b.start || a.campaign - b.campaign);
  for (const m of members) results[m].peakRecipients24h = 0;
  let lastStart = NaN;
  for (let i = 0; i < all.length; i++) {
    const start = all[i].start;
    if (start === lastStart) continue;
    lastStart = start;
    const inWindow: Block[] = [];
    for (let j = i; j < all.length && all[j].start < start + DAY_MS; j++) inWindow.push(all[j]);
    const count = uniqueRecipients(inWindow, campaigns);
    const involved = [...new Set(inWindow.map((b) => b.campaign))];
    for (const c of involved) {
      if (count > results[c].peakRecipients24h) {
        results[c].peakRecipients24h = count;
        results[c].peakWindowStart = start;
        results[c].peakWith = involved.filter((o) => o !== c).map((o) => campaigns[o].name);
      }
    }
  }
}

function blockEnd(b: Block, c: CampaignSend): number {
  return b.start + ((b.to - b.from) / c.rate) * 1000;
}

function sendTime(b: Block, c: CampaignSend, index: number): number {
  return b.start + ((index - b.from) / c.rate) * 1000;
}

function pairRate(members: number[], blocks: Block[][], campaigns: readonly CampaignSend[], results: VelocityResult[]): void {
  for (const a of members) {
    const ca = campaigns[a];
    // Several templates to the same block, one pass after the other.
    if (ca.templates > 1) {
      for (const b of blocks[a]) {
        const size = b.to - b.from;
        if ((size / ca.rate) * 1000 < PAIR_MS) results[a].pairRepeatsTemplates += (ca.templates - 1) * size;
      }
    }
    // The same person in another campaign of the account, less than 6 s apart.
    const numbersA = ca.audience.numbers;
    if (!numbersA) continue;
    for (const o of members) {
      if (o === a) continue;
      const co = campaigns[o];
      const numbersO = co.audience.numbers;
      if (!numbersO) continue;
      let hits = 0;
      for (const ba of blocks[a]) {
        for (const bo of blocks[o]) {
          if (blockEnd(ba, ca) + PAIR_MS <= bo.start || blockEnd(bo, co) + PAIR_MS <= ba.start) continue;
          for (let i = ba.from; i < ba.to; i++) {
            const j = numbersO.indexOf(numbersA.at(i));
            if (j < bo.from || j >= bo.to) continue;
            if (Math.abs(sendTime(ba, ca, i) - sendTime(bo, co, j)) < PAIR_MS) hits++;
          }
        }
      }
      if (hits > 0) {
        results[a].pairRepeatsCampaigns += hits;
        results[a].pairRepeatsWith.push(co.name);
      }
    }
  }
}

function frequency(members: number[], campaigns: readonly CampaignSend[], results: VelocityResult[]): void {
  const marketing = members.filter((m) => campaigns[m].marketingTemplates > 0);
  for (const a of marketing) {
    const ca = campaigns[a];
    const cap = ca.maxPerUserPerWeek;
    if (cap === undefined) continue;
    // Every 7-day window that contains this campaign's start and begins at some campaign's start.
    const starts = [...new Set(marketing.map((m) => campaigns[m].start).filter((s) => s <= ca.start && s > ca.start - WEEK_MS))];
    let best = { over: -1, max: 0, with: [] as string[] };
    for (const s of starts) {
      const inWindow = marketing.filter((m) => m !== a && campaigns[m].start >= s && campaigns[m].start < s + WEEK_MS);
      let over = 0;
      let max = 0;
      const numbersA = ca.audience.numbers;
      if (!numbersA) {
        max = ca.marketingTemplates;
        over = max > cap ? ca.audience.size : 0;
      } else {
        const others = inWindow.filter((m) => campaigns[m].audience.numbers);
        for (let i = 0; i < numbersA.size; i++) {
          const number = numbersA.at(i);
          let messages = ca.marketingTemplates;
          for (const m of others) if (campaigns[m].audience.numbers!.has(number)) messages += campaigns[m].marketingTemplates;
          if (messages > max) max = messages;
          if (messages > cap) over++;
        }
      }
      if (over > best.over) best = { over, max, with: inWindow.map((m) => campaigns[m].name) };
    }
    results[a].overFrequency = Math.max(0, best.over);
    results[a].maxMessagesPerUser = best.max;
    results[a].frequencyWith = best.with;
  }
}

function sendWindow(c: CampaignSend, blocks: Block[], result: VelocityResult): void {
  const { window } = c;
  const { numbers, countries } = c.audience;
  if (!window || !numbers || !countries) return;
  // The verdict depends only on the country and the minute of the send.
  const verdicts = new Map<number, number>();
  const byCountry = new Map<string, number>();
  const codes = countryCodes();
  for (const b of blocks) {
    for (let i = b.from; i < b.to; i++) {
      const country = countries[i];
      const at = sendTime(b, c, i);
      const minute = Math.floor(at / 60_000);
      const key = minute * 256 + country;
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = country === 0 ? UNKNOWN_ZONE : windowVerdict(window, codes[country], minute * 60_000);
        verdicts.set(key, verdict);
      }
      if (verdict === OUTSIDE) {
        result.outsideWindow++;
        const code = codes[country];
        byCountry.set(code, (byCountry.get(code) ?? 0) + 1);
      } else if (verdict === PARTLY_OUTSIDE) result.partlyOutsideWindow++;
      else if (verdict === UNKNOWN_ZONE) result.unknownZone++;
    }
  }
  result.outsideByCountry = [...byCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([country, count]) => ({ country, count }));
}
