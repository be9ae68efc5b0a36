import { describe, expect, it } from 'vitest';

import { errorMix } from '../../../src/facts/signals/log-facts.js';
import { firstBatch, parseSendTime } from '../../../src/facts/signals/campaign-facts.js';
import { readSignalEvents } from '../../../src/facts/signals/events.js';
import { parseText } from '../../helpers/docs.js';
import { jsonl, payload, prepare, templateStatus } from './helpers.js';

const statusLine = (id: string, st: string, code?: number) => payload('messages', { statuses: [{ id, status: st, timestamp: '1795165200', recipient_id: '447425988000', ...(code ? { errors: [{ code }] } : {}) }] });

function sendLog(failures: Record<number, number>, total: number): string {
  const lines: unknown[] = [];
  let n = 0;
  for (const [code, count] of Object.entries(failures)) {
    for (let i = 0; i < count; i++, n++) lines.push(statusLine(`wamid.${n}`, 'sent'), statusLine(`wamid.${n}`, 'failed', Number(code)));
  }
  for (; n < total; n++) lines.push(statusLine(`wamid.${n}`, 'sent'), statusLine(`wamid.${n}`, 'delivered'), statusLine(`wamid.${n}`, 'read'));
  return jsonl(...lines);
}

const template = (name: string, category: string, extra = '') => `name: ${name}\nlanguage: en_US\ncategory: ${category}\ncomponents:\n  - type: BODY\n    text: "Hi {{1}}, 20% off coats this week."\n    example: { body_text: [["Maria"]] }\n${extra}`;
const campaign = (name: string, templateName: string, extra: string) =>
  `kind: campaign\nname: ${name}\naccount: { kind: account, name: acme, business: Acme Retail Ltd, messagingLimit: TIER_100K }\ntemplates: [{ name: ${templateName}, language: en_US }]\n${extra}`;

describe('the error mix of a send log', () => {
  it('counts each message once, however many statuses it has', () => {
    const doc = parseText(sendLog({ 131049: 3, 131048: 1 }, 10), 'log.jsonl').documents[0];
    const mix = errorMix(readSignalEvents(doc));
    expect(mix.messages).toBe(10);
    expect(mix.failed).toBe(4);
    expect(mix.byCode.get(131049)).toBe(3);
    expect(mix.byCode.get(131048)).toBe(1);
  });

  it('reports shares above the default limits, with the first status of each code', async () => {
    const p = await prepare({ 'log.jsonl': sendLog({ 131049: 6, 131048: 1, 131026: 1, 131050: 0 }, 40) });
    const log = p.doc('send-log');
    expect(p.fact(log, 'statusMessages')).toBe(40);
    expect(p.fact(log, 'sendErrorPercent131049')).toBe(15);
    expect(p.fact(log, 'sendErrorOver131049')).toBe(true);
    expect(p.fact(log, 'sendErrorOver131048')).toBe(true); // 2.5% > 0.5%
    expect(p.fact(log, 'sendErrorOver131026')).toBe(false); // 2.5% < 5%
    expect(p.fact(log, 'sendErrorOver131050')).toBe(false);
    // Failures are written in code order (131026, 131048, then 131049): the first 131049 is record 5.
    expect(p.fact(log, 'sendErrorFirst131049')).toEqual([{ path: '/records/5/entry/0/changes/0/value/statuses/0/errors/0/code', start: 0, end: 0, text: '131049' }]);
  });

  it('takes its limits and minimum sample from thresholds', async () => {
    const text = sendLog({ 131049: 6 }, 40);
    const lenient = await prepare({ 'log.jsonl': text }, { sendLogMaxPercent131049: 20 });
    expect(lenient.fact(lenient.doc('send-log'), 'sendErrorLimit131049')).toBe(20);
    expect(lenient.fact(lenient.doc('send-log'), 'sendErrorOver131049')).toBe(false);
    const small = await prepare({ 'log.jsonl': text }, { sendLogMinMessages: 100 });
    expect(small.fact(small.doc('send-log'), 'sendErrorOver131049')).toBe(false);
  });

  it('lists account restrictions still in force now, and not those that ended', async () => {
    const restriction = (type: string, until: string) => payload('account_update', { event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: type, expiration: Math.floor(Date.parse(`${until}Z`) / 1000) }] }, '2026-11-20T00:00:00');
    const p = await prepare({ 'log.jsonl': jsonl(restriction('RESTRICTED_BIZ_INITIATED_MESSAGING', '2026-11-01T00:00:00'), restriction('RATE_LIMITED_UTILITY_TEMPLATE_MESSAGING', '2026-12-01T00:00:00')) });
    const active = p.fact(p.doc('webhook'), 'activeRestrictions') as { text: string; until: string }[];
    expect(active.map((r) => [r.text, r.until])).toEqual([['RATE_LIMITED_UTILITY_TEMPLATE_MESSAGING', 'until 2026-12-01 00:00 UTC']]);
  });
});

describe('template facts from signals', () => {
  it('finds no drift without Meta data, and drift when Meta moved the template', async () => {
    const quiet = await prepare({ 't.yaml': template('renewal', 'UTILITY') });
    expect(quiet.fact(quiet.doc('template'), 'metaCategoryDrift')).toEqual([]);
    const moved = await prepare({
      't.yaml': template('renewal', 'UTILITY'),
      'log.jsonl': jsonl(payload('template_category_update', { message_template_name: 'renewal', message_template_language: 'en_US', previous_category: 'UTILITY', new_category: 'MARKETING' }, '2026-11-10T10:00:00')),
    });
    const [drift] = moved.fact(moved.doc('template'), 'metaCategoryDrift') as { declared: string; metaCategory: string; how: string; signalSource: string; path: string }[];
    expect(drift).toMatchObject({ path: '/category', declared: 'UTILITY', metaCategory: 'MARKETING', signalSource: 'log.jsonl:1' });
    expect(drift.how).toBe('Meta re-categorised it from UTILITY to MARKETING on 2026-11-10');
  });

  it('asks a MARKETING template (declared, or per Meta) for an opt-out, and points at its footer', async () => {
    const p = await prepare({ 'a.yaml': template('promo', 'MARKETING', '  - type: FOOTER\n    text: Acme Retail Ltd\n'), 'b.yaml': template('promo_stop', 'MARKETING', '  - type: FOOTER\n    text: Reply STOP to opt out\n') });
    expect(p.fact(p.doc('template', 'promo'), 'optOutMissing')).toBe(true);
    expect(p.fact(p.doc('template', 'promo'), 'optOutPath')).toBe('/components/1/text');
    expect(p.fact(p.doc('template', 'promo_stop'), 'optOutMissing')).toBe(false);
  });
});

describe('campaign facts from signals', () => {
  it('sees a template paused at send time, a pause that is over, and RED quality', async () => {
    const p = await prepare({
      'c1.yaml': campaign('during', 'sale', 'schedule: { start: "2026-11-26T11:00:00Z" }'),
      'c2.yaml': campaign('after', 'sale', 'schedule: { start: "2026-11-26T16:00:00Z" }'),
      't.yaml': template('sale', 'MARKETING'),
      'log.jsonl': jsonl(
        payload('message_template_quality_update', { message_template_name: 'sale', message_template_language: 'en_US', previous_quality_score: 'YELLOW', new_quality_score: 'RED' }, '2026-11-26T09:00:00'),
        templateStatus('PAUSED', 'sale', '2026-11-26T09:40:00', { other_info: { title: 'SECOND_PAUSE' } }),
      ),
    });
    const during = p.doc('campaign', 'during');
    const after = p.doc('campaign', 'after');
    expect((p.fact(during, 'metaPausedTemplates') as { until: string }[]).map((t) => t.until)).toEqual(['2026-11-26 15:40 UTC']);
    expect(p.fact(after, 'metaPausedTemplates')).toEqual([]);
    expect((p.fact(after, 'metaPausedBeforeTemplates') as { pauses: string }[]).map((t) => t.pauses)).toEqual(['1 pause']);
    expect((p.fact(during, 'metaRedTemplates') as unknown[]).length).toBe(1);
  });

  it('suggests a first batch for a new template and a large audience, and stays quiet without Meta data', async () => {
    const files = {
      'c.yaml': campaign('cm', 'cyber', 'audience: { size: 40000 }\nschedule: { start: "2026-11-30T08:00:00Z" }'),
      't.yaml': template('cyber', 'MARKETING'),
    };
    const approved = await prepare({ ...files, 'log.jsonl': jsonl(templateStatus('APPROVED', 'cyber', '2026-11-25T09:00:00')) });
    const [item] = approved.fact(approved.doc('campaign'), 'metaNewTemplates') as { firstBatch: number; why: string; audience: number }[];
    expect(item).toMatchObject({ firstBatch: 1000, audience: 40000 });
    expect(item.why).toBe('Meta approved it on 2026-11-25, 5 days before this send');
    const old = await prepare({ ...files, 'log.jsonl': jsonl(templateStatus('APPROVED', 'cyber', '2026-10-01T09:00:00')) });
    expect(old.fact(old.doc('campaign'), 'metaNewTemplates')).toEqual([]);
    const none = await prepare(files);
    expect(none.fact(none.doc('campaign'), 'metaNewTemplates')).toEqual([]);
  });

  it('computes the first batch between its minimum and maximum, never above the audience', () => {
    const ctx = { thresholds: {} };
    expect(firstBatch(8000, ctx)).toBe(400);
    expect(firstBatch(1200, ctx)).toBe(100);
    expect(firstBatch(60, ctx)).toBe(60);
    expect(firstBatch(1_000_000, ctx)).toBe(1000);
    expect(firstBatch(1_000_000, { thresholds: { softLaunchFirstBatchMax: 5000 } })).toBe(5000);
  });

  it('reads send times with an offset, and without one as UTC', () => {
    expect(parseSendTime('2026-11-27T09:00:00+05:30')).toBe(Date.parse('2026-11-27T03:30:00Z'));
    expect(parseSendTime('2026-11-27 09:00')).toBe(Date.parse('2026-11-27T09:00:00Z'));
    expect(parseSendTime('2026-11-27')).toBe(Date.parse('2026-11-27T00:00:00Z'));
    expect(parseSendTime('next week')).toBeNaN();
  });
});
