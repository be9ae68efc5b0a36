import { describe, expect, it } from 'vitest';

import { NumberIndex } from '../../../src/audience/index.js';
import { COUNTRY_CODES } from '../../../src/audience/index.js';
import { parseMessagingLimit, sendingPlan } from '../../../src/facts/campaign/tiers.js';
import { localMinuteOfDay, parseScheduleTime, parseWindow, windowVerdict, INSIDE, OUTSIDE, PARTLY_OUTSIDE } from '../../../src/facts/campaign/timezones.js';
import { campaignBlocks, planVelocity, uniqueRecipients, type CampaignSend } from '../../../src/facts/campaign/velocity-plan.js';

const T0 = Date.UTC(2026, 11, 1, 9);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function audience(numbers: number[], country = 'GB'): CampaignSend['audience'] {
  const index = new NumberIndex();
  for (const n of numbers) index.add(n);
  const countries = new Uint8Array(index.size).fill(COUNTRY_CODES.indexOf(country));
  return { numbers: index, countries, size: index.size };
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 447400000000 + from + i);
}

function send(over: Partial<CampaignSend>): CampaignSend {
  return { name: 'c', account: 'acme', limit: { tier: 'TIER_250', limit: 250, legacy: false, nextTier: 'TIER_2K' }, start: T0, rate: 20, batches: [], templates: 1, marketingTemplates: 0, audience: { size: 0 }, ...over };
}

describe('messaging limit tiers', () => {
  it('reads current and legacy tiers in any case and spelling', () => {
    expect(parseMessagingLimit('TIER_10K')).toEqual({ tier: 'TIER_10K', limit: 10_000, legacy: false, nextTier: 'TIER_100K' });
    expect(parseMessagingLimit('tier_2k')).toMatchObject({ tier: 'TIER_2K', limit: 2_000 });
    expect(parseMessagingLimit('100000')).toMatchObject({ tier: 'TIER_100K' });
    expect(parseMessagingLimit('TIER_UNLIMITED')).toMatchObject({ limit: Infinity, nextTier: '' });
    expect(parseMessagingLimit('TIER_1K')).toEqual({ tier: 'TIER_1K', limit: 1_000, legacy: true, nextTier: 'TIER_2K' });
    expect(parseMessagingLimit('TIER_50')).toMatchObject({ limit: 50, legacy: true, nextTier: 'TIER_250' });
    expect(parseMessagingLimit(250)).toMatchObject({ tier: 'TIER_250' });
  });

  it('names what is wrong with an unknown tier', () => {
    expect(parseMessagingLimit('TIER_5K')).toEqual({ problem: expect.stringContaining('"TIER_5K" is not one of TIER_250') });
    expect(parseMessagingLimit(undefined)).toEqual({ problem: 'the account has no messagingLimit' });
    expect(parseMessagingLimit(-3)).toEqual({ problem: expect.stringContaining('not a number of users') });
  });

  it('plans batches of at most the limit, one per 24 hours', () => {
    expect(sendingPlan(48_000, 10_000)).toEqual({ batches: 5, days: 5, perBatch: 9_600 });
    expect(sendingPlan(10_000, 10_000)).toEqual({ batches: 1, days: 1, perBatch: 10_000 });
    expect(sendingPlan(10_001, 10_000)).toEqual({ batches: 2, days: 2, perBatch: 5_001 });
    expect(sendingPlan(5, Infinity)).toEqual({ batches: 1, days: 1, perBatch: 5 });
  });
});

describe('unique recipients per moving 24 hours', () => {
  it('adds up campaigns of the same account in one window, and counts a shared recipient once', () => {
    const a = send({ name: 'a', audience: audience(range(0, 200)) });
    const b = send({ name: 'b', start: T0 + 5 * HOUR, audience: audience(range(150, 200)) });
    const [ra, rb] = planVelocity([a, b]);
    expect(ra.peakRecipients24h).toBe(350);
    expect(rb.peakRecipients24h).toBe(350);
    expect(ra.peakWith).toEqual(['b']);
    expect(ra.peakWindowStart).toBe(T0);
  });

  it('keeps campaigns 24 hours apart, and campaigns of other accounts, out of the window', () => {
    const a = send({ name: 'a', audience: audience(range(0, 200)) });
    const b = send({ name: 'b', start: T0 + DAY, audience: audience(range(1000, 200)) });
    const c = send({ name: 'c', account: 'other', audience: audience(range(5000, 200)) });
    expect(planVelocity([a, b, c]).map((r) => r.peakRecipients24h)).toEqual([200, 200, 200]);
  });

  it('counts declared sizes as different people', () => {
    const a = send({ audience: { size: 200 } });
    const b = send({ start: T0 + HOUR, audience: { size: 100 } });
    expect(planVelocity([a, b])[0].peakRecipients24h).toBe(300);
  });

  it('puts batches in their own windows and splits a send longer than a day', () => {
    const batched = send({ audience: { size: 4500 }, batches: [{ at: T0, size: 2000 }, { at: T0 + DAY, size: 2000 }, { at: T0 + 2 * DAY, size: 2000 }] });
    expect(campaignBlocks(batched, 0).map((b) => [b.from, b.to])).toEqual([[0, 2000], [2000, 4000], [4000, 4500]]);
    expect(planVelocity([batched])[0].peakRecipients24h).toBe(2000);
    const slow = send({ rate: 0.01, audience: { size: 2000 } }); // 864 a day
    expect(campaignBlocks(slow, 0).map((b) => b.to - b.from)).toEqual([864, 864, 272]);
    expect(planVelocity([slow])[0].peakRecipients24h).toBe(864);
  });

  it('compares blocks number by number', () => {
    const a = send({ audience: audience(range(0, 10)) });
    const b = send({ audience: audience(range(5, 10)) });
    expect(uniqueRecipients([{ campaign: 0, start: T0, from: 0, to: 10 }, { campaign: 1, start: T0, from: 0, to: 10 }], [a, b])).toBe(15);
    expect(uniqueRecipients([{ campaign: 0, start: T0, from: 0, to: 10 }, { campaign: 1, start: T0, from: 5, to: 10 }], [a, b])).toBe(15);
    expect(uniqueRecipients([{ campaign: 0, start: T0, from: 0, to: 5 }, { campaign: 1, start: T0, from: 0, to: 5 }], [a, b])).toBe(10);
  });
});

describe('pair rate', () => {
  it('counts several templates sent back to back to an audience that takes less than 6 s', () => {
    expect(planVelocity([send({ templates: 3, rate: 80, audience: { size: 400 } })])[0].pairRepeatsTemplates).toBe(800);
    expect(planVelocity([send({ templates: 3, rate: 80, audience: { size: 480 } })])[0].pairRepeatsTemplates).toBe(0);
  });

  it('counts people two campaigns of the account reach less than 6 s apart', () => {
    // Same 100 people at 20/s: a starts at T0, b 3 s later; person i gets a at i/20 s and b at 3 + i/20 s.
    const a = send({ name: 'a', audience: audience(range(0, 100)) });
    const b = send({ name: 'b', start: T0 + 3000, audience: audience(range(0, 100)) });
    const [ra, rb] = planVelocity([a, b]);
    expect(ra.pairRepeatsCampaigns).toBe(100);
    expect(ra.pairRepeatsWith).toEqual(['b']);
    expect(rb.pairRepeatsCampaigns).toBe(100);
    const later = send({ name: 'b', start: T0 + 6000, audience: audience(range(0, 100)) });
    expect(planVelocity([a, later])[0].pairRepeatsCampaigns).toBe(0);
  });
});

describe('marketing frequency per recipient', () => {
  it('counts recipients over the weekly cap across marketing campaigns of the account within 7 days', () => {
    const a = send({ name: 'a', marketingTemplates: 1, maxPerUserPerWeek: 1, audience: audience(range(0, 50)) });
    const b = send({ name: 'b', start: T0 + 3 * DAY, marketingTemplates: 1, maxPerUserPerWeek: 2, audience: audience(range(40, 50)) });
    const c = send({ name: 'c', start: T0 + 8 * DAY, marketingTemplates: 1, maxPerUserPerWeek: 1, audience: audience(range(0, 50)) });
    const [ra, rb, rc] = planVelocity([a, b, c]);
    expect(ra.overFrequency).toBe(10);
    expect(ra.maxMessagesPerUser).toBe(2);
    expect(ra.frequencyWith).toEqual(['b']);
    expect(rb.overFrequency).toBe(0);
    // a is more than 7 days before c; b is in c's week and shares 10 people with it, over c's cap of 1.
    expect(rc.overFrequency).toBe(10);
    expect(rc.frequencyWith).toEqual(['b']);
  });

  it('flags every recipient when one campaign alone sends more marketing templates than the cap', () => {
    expect(planVelocity([send({ templates: 3, marketingTemplates: 3, maxPerUserPerWeek: 2, audience: { size: 70 } })])[0].overFrequency).toBe(70);
  });
});

describe('local-time sending window', () => {
  it('reads the window and local time with daylight saving on the day', () => {
    expect(parseWindow({ from: '09:00', to: '20:00' })).toEqual({ from: 540, to: 1200, text: '09:00–20:00' });
    expect(parseWindow({ from: '09:00', to: '09:00' })).toBeUndefined();
    expect(localMinuteOfDay('Europe/London', Date.UTC(2026, 6, 1, 8))).toBe(9 * 60); // BST
    expect(localMinuteOfDay('Europe/London', Date.UTC(2026, 11, 1, 8))).toBe(8 * 60); // GMT
    expect(localMinuteOfDay('Asia/Kolkata', Date.UTC(2026, 11, 1, 3, 30))).toBe(9 * 60);
  });

  it('counts a multi-zone country by most of its zones', () => {
    const w = parseWindow({ from: '09:00', to: '20:00' })!;
    // 15:00 UTC in December: 10:00 in New York, 07:00 in Los Angeles, 05:00 in Honolulu.
    expect(windowVerdict(w, 'US', Date.UTC(2026, 11, 1, 15))).toBe(PARTLY_OUTSIDE);
    // 13:00 UTC: 08:00 in New York — outside in most US zones.
    expect(windowVerdict(w, 'US', Date.UTC(2026, 11, 1, 13))).toBe(OUTSIDE);
    expect(windowVerdict(w, 'GB', Date.UTC(2026, 11, 1, 10))).toBe(INSIDE);
    expect(windowVerdict(w, 'GB', Date.UTC(2026, 11, 1, 20))).toBe(OUTSIDE);
    const overnight = parseWindow({ from: '22:00', to: '06:00' })!;
    expect(windowVerdict(overnight, 'GB', Date.UTC(2026, 11, 1, 23))).toBe(INSIDE);
  });

  it('counts recipients outside the window as the send moves through the audience', () => {
    // 4 GB recipients at 1 per 20 minutes from 19:20 UTC: 19:20 and 19:40 inside, 20:00 and 20:20 outside.
    const c = send({ rate: 1 / 1200, start: Date.UTC(2026, 11, 1, 19, 20), window: parseWindow({ from: '09:00', to: '20:00' }), audience: audience(range(0, 4)) });
    const [r] = planVelocity([c]);
    expect(r.outsideWindow).toBe(2);
    expect(r.outsideByCountry).toEqual([{ country: 'GB', count: 2 }]);
  });

  it('reads schedule times with an offset, in a named zone, or as UTC', () => {
    expect(parseScheduleTime('2026-11-27T09:00:00+05:30')).toBe(Date.UTC(2026, 10, 27, 3, 30));
    expect(parseScheduleTime('2026-07-01T09:00:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 8));
    expect(parseScheduleTime('2026-12-01T09:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 14));
    expect(parseScheduleTime('2026-12-01')).toBe(Date.UTC(2026, 11, 1));
    expect(parseScheduleTime('soon')).toBeNaN();
  });
});
