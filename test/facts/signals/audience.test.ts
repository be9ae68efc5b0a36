import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseSource } from '../../../src/documents/parse.js';
import { sourceFromText } from '../../../src/documents/source.js';
import { builtinPreparers } from '../../../src/facts/index.js';
import { stoppedInAudience } from '../../../src/facts/signals/audience.js';
import { buildWorkspace } from '../../../src/workspace.js';
import { tempTree } from '../../helpers/cli.js';
import { jsonl, NOW, payload, ts } from './helpers.js';

const stop = (wa: string, time: string, value = 'stop') => payload('user_preferences', { user_preferences: [{ wa_id: wa, value, category: 'marketing_messages', timestamp: ts(time) }] });

async function run(files: Record<string, string>, campaignFile = 'campaign.yaml') {
  const dir = tempTree(files);
  const docs = Object.keys(files)
    .filter((f) => /\.(ya?ml|jsonl)$/.test(f))
    .flatMap((f) => parseSource(sourceFromText(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f), dir)).documents);
  const workspace = buildWorkspace(dir, docs);
  for (const p of builtinPreparers()) await p.prepare(workspace, NOW, {});
  const campaign = docs.find((d) => d.kind === 'campaign' && d.source.relPath === campaignFile)!;
  return stoppedInAudience(workspace, campaign);
}

const campaign = (template: string, audience: string) => `kind: campaign
name: offers
account: { kind: account, name: acme, business: Acme Retail Ltd, messagingLimit: TIER_10K }
templates: [{ name: ${template}, language: en_US }]
audience: ${audience}
optIn: { method: web-form, wording: "Yes, send me offers from Acme Retail Ltd on WhatsApp" }
schedule: { start: "2026-12-01T09:00:00Z" }
`;
const template = (name: string, category: string) => `name: ${name}\nlanguage: en_US\ncategory: ${category}\ncomponents:\n  - type: BODY\n    text: "Hi {{1}}, news from Acme."\n    example: { body_text: [["Maria"]] }\n`;

describe('people who stopped marketing, in a campaign audience', () => {
  it('finds them however the file writes the number, row by row, and leaves rows that record the opt-out alone', async () => {
    const csv = [
      'phone,opted_in_at,opted_out_at,country',
      '+447425988101,2026-03-02T10:15:00Z,,',
      '+44 7425 988102,2026-03-02T10:15:00Z,,', // separators: read by the phone parser
      '07425988103,2026-03-02T10:15:00Z,,GB', // national format with a country column
      '+447425988104,2026-03-02T10:15:00Z,2026-11-22T09:00:00Z,', // already recorded
      '+447425988105,2026-03-02T10:15:00Z,,', // not stopped
      '+447425988101,2026-03-02T10:15:00Z,,', // the same person again
    ].join('\n');
    const found = await run({
      'campaign.yaml': campaign('offers', '{ file: audience.csv }'),
      'offers.yaml': template('offers', 'MARKETING'),
      'audience.csv': `${csv}\n`,
      'prefs.jsonl': jsonl(stop('447425988101', '2026-11-21T10:00:00'), stop('447425988102', '2026-11-21T11:00:00'), stop('447425988103', '2026-11-21T12:00:00'), stop('447425988104', '2026-11-22T09:00:00')),
    });
    expect(found).toMatchObject({ rows: 4, numbers: 3, alreadyOptedOut: 1, byHow: { preference: 3, reply: 0, 'error-131050': 0 } });
    expect(found!.examples.map((e) => [e.row, e.phone])).toEqual([
      [2, '+44 74•• •••101'],
      [3, '+44 74•• •••102'],
      [4, '+44 74•• •••103'],
      [7, '+44 74•• •••101'],
    ]);
  });

  it('reads JSON Lines audiences with their column mapping', async () => {
    const found = await run({
      'campaign.yaml': campaign('offers', '{ file: audience.jsonl, columns: { phone: mobile } }'),
      'offers.yaml': template('offers', 'MARKETING'),
      'audience.jsonl': '{"mobile":"+447425988101","opted_in_at":"2026-03-02T10:15:00Z"}\n{"mobile":"+447425988102","opted_in_at":"2026-03-02T10:15:00Z"}\n',
      'prefs.jsonl': jsonl(stop('447425988102', '2026-11-21T10:00:00')),
    });
    expect(found).toMatchObject({ rows: 1, numbers: 1, examples: [{ row: 2, phone: '+44 74•• •••102' }] });
  });

  it('says nothing for a utility campaign, nor after a later resume', async () => {
    const files = { 'audience.csv': 'phone,opted_in_at\n+447425988101,2026-03-02T10:15:00Z\n' };
    expect(await run({ ...files, 'campaign.yaml': campaign('order_update', '{ file: audience.csv }'), 'order.yaml': template('order_update', 'UTILITY'), 'prefs.jsonl': jsonl(stop('447425988101', '2026-11-21T10:00:00')) })).toBeUndefined();
    expect(
      await run({ ...files, 'campaign.yaml': campaign('offers', '{ file: audience.csv }'), 'offers.yaml': template('offers', 'MARKETING'), 'prefs.jsonl': jsonl(stop('447425988101', '2026-11-21T10:00:00'), stop('447425988101', '2026-11-23T10:00:00', 'resume')) }),
    ).toBeUndefined();
  });
});
