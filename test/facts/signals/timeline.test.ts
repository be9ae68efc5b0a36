import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { parseSource } from '../../../src/documents/parse.js';
import { sourceFromText } from '../../../src/documents/source.js';
import { buildSignalTimeline } from '../../../src/facts/signals/timeline.js';
import { buildWorkspace } from '../../../src/workspace.js';
import { parseText } from '../../helpers/docs.js';
import { jsonl, payload, templateStatus } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (rel: string) => parseSource(sourceFromText(readFileSync(path.join(ROOT, rel), 'utf8'), path.join(ROOT, rel), ROOT)).documents;

describe('the signal timeline (for the appeal report)', () => {
  it('dates every warning, pause, category change, quality change and restriction, oldest first, with file:line', () => {
    const docs = [...fixture('fixtures/meta-signals/webhooks.jsonl'), ...fixture('fixtures/meta-signals/send-log.jsonl')];
    const timeline = buildSignalTimeline(docs);
    const dates = timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const brief = timeline.map((e) => `${e.date.slice(0, 10)} ${e.kind} ${e.subject} @${e.source}`);
    expect(brief).toEqual([
      '2026-10-05 status template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:1',
      '2026-10-28 status template winter_renewal (en_US) @fixtures/meta-signals/webhooks.jsonl:2',
      '2026-10-30 quality-change number 442079460000 @fixtures/meta-signals/webhooks.jsonl:3',
      '2026-11-09 category-change template winter_renewal (en_US) @fixtures/meta-signals/webhooks.jsonl:4',
      '2026-11-10 category-change template winter_renewal (en_US) @fixtures/meta-signals/webhooks.jsonl:5',
      '2026-11-12 warning account 104996482719230 @fixtures/meta-signals/webhooks.jsonl:6',
      '2026-11-20 warning send log fixtures/meta-signals/send-log.jsonl @fixtures/meta-signals/send-log.jsonl:4',
      '2026-11-20 warning send log fixtures/meta-signals/send-log.jsonl @fixtures/meta-signals/send-log.jsonl:15',
      '2026-11-20 warning send log fixtures/meta-signals/send-log.jsonl @fixtures/meta-signals/send-log.jsonl:25',
      '2026-11-20 quality-change template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:7',
      '2026-11-22 pause template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:8',
      '2026-11-22 status template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:9',
      '2026-11-24 restriction account 104996482719230 @fixtures/meta-signals/webhooks.jsonl:10',
      '2026-11-25 status template cyber_monday (en_US) @fixtures/meta-signals/webhooks.jsonl:11',
      '2026-11-26 quality-change template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:12',
      '2026-11-26 pause template last_chance (en_US) @fixtures/meta-signals/webhooks.jsonl:13',
    ]);
    expect(timeline.find((e) => e.kind === 'restriction')?.detail).toBe('restricted by Meta: RATE_LIMITED_UTILITY_TEMPLATE_MESSAGING until 2026-12-01 16:20 UTC');
    expect(timeline.find((e) => e.detail.includes('131048'))?.detail).toMatch(/^first failure with error 131048 \(spam rate limit/);
    expect(timeline.filter((e) => e.kind === 'pause').map((e) => e.detail)).toEqual([
      'paused by Meta (first pause, 3 hours): Your WhatsApp message template has been paused for 3 hours due to low quality.',
      'paused by Meta (second pause, 6 hours): Your WhatsApp message template has been paused for 6 hours due to low quality.',
    ]);
  });

  it('accepts a workspace, ignores undated signals and documents that are not signals', () => {
    const docs = [
      ...parseText(jsonl(templateStatus('FLAGGED', 'sale', '2026-11-02T08:00:00'), payload('message_template_quality_update', { message_template_name: 'sale', new_quality_score: 'RED' })), 'log.jsonl').documents,
      ...parseText('name: sale\nlanguage: en_US\ncategory: MARKETING\nstatus: PAUSED\ncomponents: []\n', 'sale.yaml').documents,
    ];
    const timeline = buildSignalTimeline(buildWorkspace('/repo', docs));
    expect(timeline).toEqual([{ date: '2026-11-02T08:00:00.000Z', kind: 'warning', subject: 'template sale (en_US)', detail: 'flagged by Meta: negative feedback, at risk of being paused or disabled', source: 'log.jsonl:1' }]);
  });

  it('is empty without signals', () => {
    expect(buildSignalTimeline([])).toEqual([]);
  });
});
