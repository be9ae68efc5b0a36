import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { readSignalEvents, toMillis, userKey } from '../../../src/facts/signals/events.js';
import { buildSignalIndex, metaCategory, signalsFor } from '../../../src/facts/signals/index.js';
import { parseText } from '../../helpers/docs.js';
import { jsonl, payload, templateStatus, ts } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pywa = (name: string) => parseText(readFileSync(path.join(ROOT, 'fixtures/meta-signals/pywa', name), 'utf8'), `pywa/${name}`).documents;
const index = (...texts: [string, string][]) => buildSignalIndex(texts.flatMap(([name, text]) => parseText(text, name).documents));

describe("reading Meta's webhook payloads (pywa's samples)", () => {
  it('reads template status updates: approval, and a rejection with its reason and explanation', () => {
    const events = pywa('template_status_update.json').flatMap((d) => readSignalEvents(d));
    expect(events.map((e) => e.type === 'template-status' && [e.name, e.language, e.status, e.reason, e.category])).toEqual([
      ['order_confirmation', 'en_US', 'APPROVED', 'NONE', 'UTILITY'],
      ['abandoned_cart', 'en', 'REJECTED', 'INVALID_FORMAT', 'MARKETING'],
    ]);
    const rejected = events[1];
    expect(rejected.type === 'template-status' && rejected.rejection?.reason).toMatch(/parameters placed next to each other/);
    expect(rejected.at).toBe(1751247548000);
  });

  it('reads category, quality and user-preference updates', () => {
    const [category] = pywa('template_category_update.json').flatMap((d) => readSignalEvents(d));
    expect(category).toMatchObject({ type: 'template-category', name: 'my_message_template', language: 'he', current: 'MARKETING', templateId: '12345678' });
    const [quality] = pywa('template_quality_update.json').flatMap((d) => readSignalEvents(d));
    expect(quality).toMatchObject({ type: 'template-quality', name: 'welcome_template', previous: 'GREEN', quality: 'YELLOW' });
    const prefs = pywa('user_marketing_preferences.json').flatMap((d) => readSignalEvents(d));
    expect(prefs.map((e) => e.type === 'user-preference' && [e.user, e.value, e.at])).toEqual([
      ['16505551234', 'resume', 1731705721000],
      ['16505551234', 'signup', 1731705721000],
    ]);
  });

  it('reads times in seconds, milliseconds, digits and ISO dates, and ids as digits', () => {
    expect(toMillis(1795686000)).toBe(1795686000000);
    expect(toMillis('1795686000')).toBe(1795686000000);
    expect(toMillis(1795686000123)).toBe(1795686000123);
    expect(toMillis('2026-11-26T09:40:00Z')).toBe(Date.parse('2026-11-26T09:40:00Z'));
    expect(toMillis(undefined)).toBeNaN();
    expect(toMillis('soon')).toBeNaN();
    expect(userKey('+44 7425 988000')).toBe('447425988000');
    expect(userKey('US.13491208655302741918')).toBe('US.13491208655302741918');
  });
});

describe('the signal index', () => {
  it("keeps each template's latest status, in time order whatever the file order", () => {
    const i = index([
      'log.jsonl',
      jsonl(templateStatus('PAUSED', 'last_chance', '2026-11-26T09:40:00', { other_info: { title: 'SECOND_PAUSE' } }), templateStatus('APPROVED', 'last_chance', '2026-10-05T10:00:00')),
    ]);
    const t = signalsFor(i, 'last_chance', 'en-US');
    expect(t?.status).toMatchObject({ value: 'PAUSED', title: 'SECOND_PAUSE', at: ts('2026-11-26T09:40:00') * 1000 });
    expect(t?.approved?.at).toBe(ts('2026-10-05T10:00:00') * 1000);
    expect(t?.pauses.map((p) => p.value)).toEqual(['SECOND_PAUSE']);
  });

  it('does not count an unpause as an approval', () => {
    const i = index(['log.jsonl', jsonl(templateStatus('APPROVED', 'sale', '2026-10-05T10:00:00'), templateStatus('APPROVED', 'sale', '2026-11-22T11:00:00', { other_info: { title: 'UNPAUSE' } }))]);
    expect(signalsFor(i, 'sale', 'en_US')?.approved?.at).toBe(ts('2026-10-05T10:00:00') * 1000);
  });

  it("reads an export's status, quality and pending correct_category, and lets dated webhooks override the undated export", () => {
    const exportJson = JSON.stringify({
      data: [{ name: 'loyalty_points', language: 'en_US', category: 'UTILITY', correct_category: 'MARKETING', status: 'PAUSED', quality_score: { score: 'RED', date: ts('2026-11-20T00:00:00') }, id: '77', components: [] }],
    });
    const i = index(['export.json', exportJson], ['log.jsonl', jsonl(templateStatus('APPROVED', 'loyalty_points', '2026-11-21T10:00:00', { message_template_category: 'UTILITY', other_info: { title: 'UNPAUSE' } }))]);
    const t = signalsFor(i, 'loyalty_points', 'en_US')!;
    expect(t.status?.value).toBe('APPROVED');
    expect(t.quality).toMatchObject({ value: 'RED', at: ts('2026-11-20T00:00:00') * 1000 });
    expect(t.category?.value).toBe('UTILITY');
    expect(t.pending?.value).toBe('MARKETING');
    expect(metaCategory(t)).toBe('MARKETING');
  });

  it('clears an announced category change once Meta reports it done, and names templates known only by id', () => {
    const announce = payload('template_category_update', { message_template_id: 5, message_template_name: 'renewal', message_template_language: 'en_US', new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: ts('2026-11-10T10:00:00') }, '2026-11-09T10:00:00');
    const done = payload('template_category_update', { message_template_id: 5, previous_category: 'UTILITY', new_category: 'MARKETING' }, '2026-11-10T10:00:00');
    const t = signalsFor(index(['log.jsonl', jsonl(announce, done)]), 'renewal', 'en_US')!;
    expect(t.pending).toBeUndefined();
    expect(t.category).toMatchObject({ value: 'MARKETING', previous: 'UTILITY' });
    expect(t.ids).toEqual(['5']);
  });

  it('orders stop and resume by timestamp: a later resume cancels a stop, STOP replies and 131050 failures count as stops', () => {
    const pref = (wa: string, value: string, time: string) => payload('user_preferences', { user_preferences: [{ wa_id: wa, value, category: 'marketing_messages', timestamp: ts(time) }] });
    const reply = (wa: string, body: string, time: string) => payload('messages', { messages: [{ from: wa, id: 'wamid.x', timestamp: String(ts(time)), type: 'text', text: { body } }] });
    const failed = (wa: string, code: number, time: string) => payload('messages', { statuses: [{ id: `wamid.${wa}`, status: 'failed', timestamp: String(ts(time)), recipient_id: wa, errors: [{ code }] }] });
    // Written out of order on purpose: the index sorts by time.
    const i = index([
      'prefs.jsonl',
      jsonl(
        pref('447425988001', 'resume', '2026-11-15T09:00:00'),
        pref('447425988001', 'stop', '2026-11-10T09:00:00'),
        pref('447425988002', 'stop', '2026-11-21T09:00:00'),
        reply('447425988003', 'Stop!', '2026-11-22T09:00:00'),
        reply('447425988004', 'please stop sending me this', '2026-11-22T09:00:00'),
        failed('447425988005', 131050, '2026-11-20T09:00:00'),
        failed('447425988006', 131049, '2026-11-20T09:00:00'),
      ),
    ]);
    expect([...i.stoppedUsers].sort()).toEqual(['447425988002', '447425988003', '447425988005']);
    expect(i.users.get('447425988003')?.how).toBe('reply');
    expect(i.users.get('447425988005')?.how).toBe('error-131050');
  });

  it('finds nothing for a template Meta never mentioned', () => {
    const i = index(['log.jsonl', jsonl(templateStatus('APPROVED', 'black_friday', '2026-11-24T09:00:00'))]);
    expect(signalsFor(i, 'cyber_monday', 'en_US')).toBeUndefined();
    expect(signalsFor(buildSignalIndex([]), 'cyber_monday', 'en_US')).toBeUndefined();
  });
});
