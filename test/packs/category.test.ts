import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { defaultConfig } from '../../src/config/index.js';
import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, lintParsed, readAndParse, type Linter } from '../../src/lint.js';
import type { Finding } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  linter = createLinter(ROOT, { packs: ['category'] });
});

async function lintText(text: string, file = 'virtual/t.yaml', l = linter): Promise<Finding[]> {
  const parsed = parseSource(sourceFromText(text, path.join(ROOT, file), ROOT));
  const report = await lintParsed(l, [parsed], { cwd: ROOT, now: NOW });
  return report.results.flatMap((r) => r.findings).filter((f) => f.area === 'category');
}

async function lintBody(body: string, category = 'UTILITY', language = 'en_US'): Promise<Finding[]> {
  return lintText(JSON.stringify({ name: 't', language, category, components: [{ type: 'BODY', text: body }] }), 'virtual/t.json');
}

async function lintFixture(name: string): Promise<Finding[]> {
  const report = await lintParsed(linter, [await readAndParse(path.join(ROOT, 'fixtures/templates', name), ROOT)], { cwd: ROOT, now: NOW });
  return report.results.flatMap((r) => r.findings).filter((f) => f.area === 'category');
}

describe('category pack', () => {
  it('passes every embedded example, each rule with valid and invalid examples in English, Spanish and Portuguese', async () => {
    const pack = linter.compiled.packs.find((p) => p.name === 'category')!;
    const results = await testPacks(linter, [pack], ROOT, NOW);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(pack.rules.map((r) => r.id)).toEqual([
      'category/utility-reads-as-marketing',
      'category/otp-outside-authentication',
      'category/authentication-not-otp',
      'category/unclear-content',
      'category/language-mismatch',
    ]);
    for (const rule of pack.rules) {
      for (const kind of ['valid', 'invalid'] as const) {
        const languages = new Set(rule.examples[kind].filter((e) => e.inline).map((e) => String(e.inline!.language).slice(0, 2)));
        expect([...languages].sort(), `${rule.id} ${kind}`).toEqual(['en', 'es', 'pt']);
      }
    }
  });

  it('says what a UTILITY template reads as, with its confidence and the evidence at exact positions', async () => {
    const [f] = await lintFixture('shipping_with_coupon.yaml');
    expect(f.ruleId).toBe('category/utility-reads-as-marketing');
    expect(f.severity).toBe('error');
    expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([10, 7, 10, 26]);
    expect(f.message).toMatch(
      /^declared UTILITY, reads as MARKETING \((?:0\.\d\d|1\.00)\): 'Thanks for shopping' \(line 10, col 7\), '20% off your next order' \(line 10, col 41\), 'use code SAVE20' \(line 10, col 66\) \(thank-you note, discount, next-purchase incentive, coupon code\)$/,
    );
    expect(f.fix).toMatch(/^Move the promotional part to a separate MARKETING template, or remove it/);
    expect(f.source).toBe('https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-categorization');
  });

  it('reads Spanish and Portuguese templates in their own language', async () => {
    const es = await lintFixture('recordatorio_pago_promo.yaml');
    expect(es.map((f) => [f.ruleId, f.matchedText])).toEqual([['category/utility-reads-as-marketing', 'meses sin intereses']]);
    expect(es[0].message).toContain("'preaprobado'");
    const pt = await lintFixture('renovacao_academia.yaml');
    expect(pt.map((f) => [f.ruleId, f.matchedText])).toEqual([['category/utility-reads-as-marketing', 'Renove agora']]);
    expect(pt[0].message).toContain('renewal nudge');
  });

  it('reads legacy category names as the category Meta mapped them to, and reports a code and an offer separately', async () => {
    const found = await lintFixture('account_update_otp.json');
    expect(found.map((f) => [f.ruleId, f.matchedText])).toEqual([
      ['category/otp-outside-authentication', 'your one-time OTP is {{2}}'],
      ['category/utility-reads-as-marketing', 'discount'],
    ]);
    expect(found[0].message).toBe(
      "declared UTILITY, but it delivers a one-time code ('your one-time OTP is {{2}}' (line 8, col 29)); only AUTHENTICATION templates may carry codes",
    );
  });

  it('leaves a clean utility template alone', async () => {
    expect(await lintFixture('order_update.yaml')).toEqual([]);
  });

  it('does not report a MARKETING template for being promotional', async () => {
    expect(await lintBody('Our winter collection is here. Enjoy 15% off with code WINTER15. Shop now!', 'MARKETING')).toEqual([]);
  });

  it('points an unclear body at its exact characters', async () => {
    const found = await lintText(['name: t', 'language: en_US', 'category: UTILITY', 'components:', '  - type: BODY', '    text: "  {{1}}"'].join('\n'));
    expect(found.map((f) => [f.ruleId, f.line, f.column, f.endColumn])).toEqual([['category/unclear-content', 6, 14, 19]]);
    expect(found[0].message).toBe("declared UTILITY, but the body is only parameters, with no words of its own ('{{1}}' (line 6, col 14)); Meta treats unclear content as MARKETING");
  });

  it('reports an AUTHENTICATION template that carries anything but a code', async () => {
    const found = await lintBody('{{1}} is your verification code. Also, our summer sale is on: 30% off everything!', 'AUTHENTICATION');
    expect(found.map((f) => [f.ruleId, f.matchedText])).toEqual([['category/authentication-not-otp', 'sale']]);
    expect(await lintBody('{{1}} is your verification code. For your security, do not share this code.', 'AUTHENTICATION')).toEqual([]);
  });

  it('warns when the text is in another language than declared, at the language field', async () => {
    const found = await lintBody('Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}. You can track it from your account page.', 'UTILITY', 'pt_BR');
    expect(found.map((f) => [f.ruleId, f.severity, f.path, f.message])).toEqual([
      ['category/language-mismatch', 'warning', '/language', 'declared Portuguese (pt_BR), but the text reads as English'],
    ]);
  });

  it('lets a config raise the marketing confidence needed for an error', async () => {
    const body = 'Your order {{1}} has shipped. Thanks for shopping with us!';
    const strict = createLinter(ROOT, { packs: ['category'], config: { ...defaultConfig(ROOT), thresholds: { categoryMarketingConfidence: 1.01 } } });
    const text = JSON.stringify({ name: 't', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: `${body} Use code SAVE20 for 20% off!` }] });
    expect((await lintText(text, 'virtual/t.json')).map((f) => f.ruleId)).toEqual(['category/utility-reads-as-marketing']);
    expect(await lintText(text, 'virtual/t.json', strict)).toEqual([]);
  });

  it('never crashes on templates of the wrong shape', async () => {
    const shapes = [
      { name: 't', language: 'en_US', category: 'UTILITY' },
      { name: 't', language: 42, category: 'UTILITY', components: 'BODY' },
      { name: 't', category: 'UTILITY', components: [{ type: 'BODY', text: 7 }, null, { type: 'BUTTONS', buttons: [{ type: 'URL' }, 3] }] },
      { name: 't', language: 'en_US', category: ['UTILITY'], components: [{ type: 'BODY', text: 'x'.repeat(200_000) }] },
      { name: 't', language: 'zz_ZZ', category: 'utility', components: [{ type: 'BODY', text: '🎉🎉 {{1}} ¡¡!! 😀' }] },
      // Runs that would make a careless pattern quadratic.
      { name: 't', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: '1'.repeat(60_000) }] },
      { name: 't', language: 'es_ES', category: 'UTILITY', components: [{ type: 'BODY', text: 'a-'.repeat(30_000) }] },
      { name: 't', language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: '{{'.repeat(30_000) + ' '.repeat(30_000) + 'x' }] },
    ];
    for (const shape of shapes) await expect(lintText(JSON.stringify(shape), 'virtual/t.json')).resolves.toBeInstanceOf(Array);
  });
});
