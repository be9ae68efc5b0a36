import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { countPdfPages, screenshot } from '../../src/report/browser.js';
import { runCli, tempTree } from '../helpers/cli.js';
import { colourStats, decodePng } from '../report/html-helpers.js';

// A template repository with problems in every area, committed as "before"; "after" fixes most of them.
const BEFORE: Record<string, string> = {
  'templates/flash_sale.yaml': `name: flash_sale
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "Dear friend, our BIGGEST SALE EVER is here! Act now, 70% off for 2 hours only: https://bit.ly/acme-flash"
`,
  'templates/order_shipped.yaml': `name: order_shipped
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Your order {{1}} has shipped! Use code SAVE20 for 20% off your next purchase."
    example: { body_text: [["A-1001"]] }
`,
  'templates/verify_card.yaml': `name: verify_card
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "To keep your account open, {{1}}, reply with your full card number and CVV."
    example: { body_text: [["Maria"]] }
`,
  'templates/login_code.yaml': `name: login_code
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "{{1}} is your verification code."
    example: { body_text: [["123456"]] }
`,
  'accounts/acme.yaml': `kind: account
name: acme
business: Acme Retail Ltd
messagingLimit: TIER_250
qualityRating: YELLOW
phoneNumbers: [{ id: "1", display: "+44 20 7946 0000", status: CONNECTED, qualityRating: YELLOW, throughput: 80 }]
`,
  'campaigns/sale.yaml': `kind: campaign
name: winter-sale
account: ../accounts/acme.yaml
templates: [{ name: flash_sale, language: en_US }]
audience: { file: ../audiences/sale.csv }
schedule: { start: "2026-12-01T10:00:00Z", ratePerSecond: 200 }
`,
  'audiences/sale.csv': `phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at
+447700900501,2026-03-02T10:15:00Z,web-form,Yes send me offers from Acme Retail Ltd on WhatsApp,
+447700900502,,imported,,
+447700900503,2025-01-10T09:00:00Z,web-form,Yes send me offers from Acme Retail Ltd on WhatsApp,2026-10-01T12:00:00Z
+447700900504,2026-05-02T10:15:00Z,web-form,Yes send me offers from Acme Retail Ltd on WhatsApp,
`,
};

const AFTER: Record<string, string> = {
  'templates/flash_sale.yaml': `name: flash_sale
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "Our winter sale starts today: everything is 20% off until Sunday. See the range in our app."
  - type: FOOTER
    text: "Reply STOP to opt out"
`,
  'templates/order_shipped.yaml': `name: order_shipped
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Your order {{1}} has shipped and will arrive on {{2}}. Track it from your account page."
    example: { body_text: [["A-1001", "Friday"]] }
`,
  'templates/verify_card.yaml': null as unknown as string, // deleted
  'campaigns/sale.yaml': `kind: campaign
name: winter-sale
account: ../accounts/acme.yaml
templates: [{ name: flash_sale, language: en_US }]
audience: { file: ../audiences/sale.csv }
optIn: { method: web-form, wording: "Yes, send me offers from Acme Retail Ltd on WhatsApp" }
schedule: { start: "2026-12-01T10:00:00Z", ratePerSecond: 40 }
`,
};

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString();
// The audience's numbers, in any spacing: none may appear unmasked in any format.
const UNMASKED = /\+?44\s?7700\s?900\s?50[1-4]|447700900\s?50[1-4]/;

let repo: string;

beforeAll(() => {
  repo = tempTree(BEFORE);
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'before');
  for (const [file, text] of Object.entries(AFTER)) {
    if (text === null) git(repo, 'rm', '-q', file);
    else writeFileSync(path.join(repo, file), text);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'after: fixes');
});

const restriction = 'Your account quality dropped after many users blocked and reported your messages';

describe('msglint appeal --before HEAD~1 (built CLI, real git repository)', () => {
  it('json: fixed, remaining and introduced lists, sections as data, a statement under 1,000 characters', async () => {
    const r = await runCli(['appeal', '--before', 'HEAD~1', '--restriction', restriction, '--format', 'json', '--now', '2026-11-26T12:00:00Z'], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const fixedRules = report.fixed.map((f: { ruleId: string }) => f.ruleId);
    expect(fixedRules).toEqual(expect.arrayContaining(['velocity/over-throughput', 'content/card-number-request', 'category/utility-reads-as-marketing']));
    expect(fixedRules.some((id: string) => id.startsWith('phrasing/'))).toBe(true);
    for (const f of report.fixed) expect(f).toMatchObject({ ruleId: expect.any(String), area: expect.any(String), severity: expect.any(String), message: expect.any(String), file: expect.any(String) });
    expect(report.fixed.find((f: { ruleId: string }) => f.ruleId === 'velocity/over-throughput').before).toBe('200');
    // login_code was not fixed: its OTP finding is still open.
    expect(report.remaining.map((f: { ruleId: string }) => f.ruleId)).toContain('category/otp-outside-authentication');
    expect(report.introduced).toEqual(expect.any(Array));
    expect(report.rootCauses[0].relevant).toBe(true);
    expect(['phrasing', 'opt-in', 'velocity']).toContain(report.rootCauses[0].area);
    expect(report.templateChanges.find((c: { document: string }) => c.document === 'template verify_card en_US').status).toBe('removed');
    expect(report.campaignChanges[0].settings['schedule.ratePerSecond']).toEqual(['200', '40']);
    expect(report.optIn[0]).toMatchObject({ campaign: 'winter-sale', contacts: 4 });
    expect(report.sendingPlan[0]).toMatchObject({ campaign: 'winter-sale', messagingLimit: 'TIER_250' });
    expect(report.account).toMatchObject({ business: 'Acme Retail Ltd', messagingLimit: 'TIER_250' });
    expect(report.statement.length).toBeLessThanOrEqual(1000);
    expect(report.statement).toContain(`fixed ${report.fixed.length} of them`);
    expect(report.statement).toContain(`found ${report.baseline.findings} problems`);
    expect(r.stdout).not.toMatch(UNMASKED);
  });

  it('markdown: the report to paste, masked', async () => {
    const r = await runCli(['appeal', '--before', 'HEAD~1', '--restriction', restriction], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Appeal evidence report/);
    expect(r.stdout).toMatch(/## Fixed since the baseline \(\d+\)/);
    expect(r.stdout).toMatch(/## Still open/);
    expect(r.stdout).toMatch(/schedule\.ratePerSecond\*\*: 200 → 40/);
    expect(r.stdout).not.toMatch(UNMASKED);
  });

  it('html: one self-contained file that renders in Chromium (not blank) without network requests', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'msglint-appeal-')), 'appeal.html');
    const r = await runCli(['appeal', '--before', 'HEAD~1', '--restriction', restriction, '--format', 'html', '--output', out], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(UNMASKED);
    expect(html).not.toMatch(/<script|<link[^>]+stylesheet|@import|src="https?:/i);
    const shot = await screenshot(html);
    expect(shot.blockedRequests).toEqual([]);
    expect(shot.text).toContain('Appeal evidence report');
    expect(colourStats(decodePng(shot.png)).distinct).toBeGreaterThan(20);
  });

  it('pdf: rendered by headless Chromium, with pages', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'msglint-appeal-')), 'appeal.pdf');
    const r = await runCli(['appeal', '--before', 'HEAD~1', '--restriction', restriction, '--format', 'pdf', '--output', out], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdf.toString('latin1')).not.toMatch(UNMASKED);
  });

  it('a JSON report saved earlier works as the baseline too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msglint-json-'));
    git(repo, 'stash', 'list'); // repository stays as committed
    const before = await runCli(['lint', '.', '--format', 'json', '--fail-on', 'never'], repo);
    writeFileSync(path.join(dir, 'before.json'), before.stdout);
    const r = await runCli(['appeal', '--before', path.join(dir, 'before.json'), '--restriction', restriction, '--format', 'json'], repo);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.baseline.kind).toBe('json');
    expect(report.fixed).toEqual([]);
    expect(report.remaining.length).toBe(report.current.findings);
  });

  it('an unknown revision is exit 2 with a clear message', async () => {
    const r = await runCli(['appeal', '--before', 'no-such-tag', '--restriction', 'x'], repo);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no-such-tag: no such file, and no such git revision/);
  });
});
