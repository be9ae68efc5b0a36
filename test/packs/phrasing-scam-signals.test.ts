import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { businessTemplateTexts, HAM_SETS, readSmsCorpus, stratifiedSplit, trainingExamples } from '../../scripts/spam-bayes-data.mjs';
import { combine, parseSpamBayes, spamBayesModelPath } from '../../src/facts/text/spam-bayes.js';
import { serializeSpamBayes, trainSpamBayes } from '../../src/facts/text/spam-bayes-train.js';
import { createLinter, lintParsed, type Linter } from '../../src/lint.js';
import type { Finding } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  linter = createLinter(ROOT, { packs: ['phrasing', 'content'] });
});

async function findingsOf(text: string, name: string): Promise<Finding[]> {
  const parsed = parseSource(sourceFromText(text, path.join(ROOT, 'virtual', name), ROOT));
  const report = await lintParsed(linter, [parsed], { cwd: ROOT, now: NOW });
  return report.results.flatMap((r) => r.findings);
}

/** The source characters a finding covers (one line; columns are UTF-16 code units, end exclusive). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  expect(f.endLine).toBe(f.line);
  return lines[f.line - 1].slice(f.column - 1, f.endColumn - 1);
}

const yamlTemplate = (body: string, language = 'en_GB') => `name: t\nlanguage: ${language}\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "${body}"\n`;
const jsonTemplate = (body: string, language = 'en_GB') => JSON.stringify({ name: 't', language, category: 'MARKETING', components: [{ type: 'BODY', text: body }] }, null, 2);

describe('token spam model (phrasing/spam-likelihood-*)', () => {
  it('combines ratings the way SpamBayes does: 0.5 for nothing, near 1 for spam words, near 0 for ham words', () => {
    expect(combine([])).toBe(0.5);
    expect(combine([0.99, 0.98, 0.97])).toBeGreaterThan(0.99);
    expect(combine([0.02, 0.03, 0.05])).toBeLessThan(0.01);
    expect(Math.abs(combine([0.99, 0.01]) - 0.5)).toBeLessThan(1e-9);
  });

  it('trains deterministically, with ham frequency taken from the ham set where a word is most common', () => {
    const examples = [
      { text: 'Txt WIN to 87121 to claim your prize', label: 'spam' },
      { text: 'Claim your prize now, txt CLAIM to 80086', label: 'spam' },
      { text: 'see you at the pub later', label: 'sms' },
      { text: 'ok see you later then', label: 'sms' },
      { text: 'Your order has shipped, claim your parcel at the store', label: 'templates' },
    ];
    const a = serializeSpamBayes(trainSpamBayes(examples, ['sms', 'templates'], {}, undefined, 1));
    const b = serializeSpamBayes(trainSpamBayes([...examples].reverse(), ['sms', 'templates'], {}, undefined, 1));
    expect(a).toBe(b);
    const model = parseSpamBayes(a);
    const row = (f: string) => model.tokens.indexOf(f);
    expect(model.spam[row('claim')]).toBe(2);
    expect(model.ham[1][row('claim')]).toBe(1);
    expect(model.spam[row('#5')]).toBe(2);
    expect(model.tokens).not.toContain('stop');
  });

  it('ships a model trained on the SMS fit split plus business templates (never the held-out 30%)', () => {
    const committed = readFileSync(spamBayesModelPath(), 'utf8');
    const { fit, test } = stratifiedSplit(readSmsCorpus(ROOT));
    const heldOut = new Set(test.map((m) => m.text));
    expect(fit.some((m) => heldOut.has(m.text))).toBe(false);
    const retrained = trainSpamBayes(trainingExamples(fit, businessTemplateTexts(ROOT)), HAM_SETS, parseSpamBayes(committed).corpus);
    expect(serializeSpamBayes(retrained)).toBe(committed);
    const model = parseSpamBayes(committed);
    expect(model.language).toBe('en');
    expect(model.spamMessages).toBe(457);
    expect(model.hamSets.map((h) => h.name)).toEqual(['sms', 'templates']);
    expect(model.hamSets[0].messages).toBe(3163);
    expect(String(model.corpus.sms)).toContain('fit split only');
  });

  it('points at the most spam-like token, also when it is disguised, in YAML and JSON', async () => {
    const body = 'Fr33 entry in a weekly draw 2 w1n tickets. Txt WIN to 87121.';
    for (const [text, name] of [
      [yamlTemplate(body), 'bayes.yaml'],
      [jsonTemplate(body), 'bayes.json'],
    ] as const) {
      const found = (await findingsOf(text, name)).filter((f) => f.ruleId.startsWith('phrasing/spam-likelihood-'));
      expect(found.map((f) => f.ruleId)).toEqual(['phrasing/spam-likelihood-95']);
      expect(covered(text, found[0])).toBe('Txt');
      expect(found[0].message).toBe("'Txt', 'entry', '87121' make this copy read much like spam: the token model rates it 98.5% spam (BAYES_95)");
    }
  });

  it('does not rate other languages, opt-out footers or ordinary business templates', async () => {
    const quiet = [
      yamlTemplate('Sie haben ein Handy gewonnen! Senden Sie GEWINN an 87121.', 'de'),
      yamlTemplate('Our spring menu is here. Reply STOP to unsubscribe from our offers.'),
      yamlTemplate('Msg and data rates may apply. Reply STOP to opt out, HELP for help.'),
      yamlTemplate('Your order has shipped and will arrive on Friday. Track it in the app.'),
    ];
    for (const [i, text] of quiet.entries()) {
      const found = (await findingsOf(text, `quiet${i}.yaml`)).filter((f) => f.ruleId.startsWith('phrasing/spam-likelihood-'));
      expect(found, text).toEqual([]);
    }
  });
});

describe('scam mechanics', () => {
  it('finds a code request in JSON, with the exact escaped characters', async () => {
    const text = jsonTemplate('Hi, I sent you a c\u00f8de by mistake. Please send the c0de you got back to me.');
    const found = (await findingsOf(text, 'code.json')).filter((f) => f.ruleId === 'phrasing/code-request');
    expect(found.map((f) => covered(text, f))).toEqual(['send the c0de']);
    expect(found[0].message).toBe("'send the c0de' asks the reader to pass on a code they received, the move of account-takeover scams");
  });

  it('does not take a warning never to share a code for a request', async () => {
    const text = yamlTemplate('{{1}} is your code. Never share this code with anyone; we sent it only to you.', 'en_US');
    expect((await findingsOf(text, 'otp.yaml')).filter((f) => f.ruleId === 'phrasing/code-request')).toEqual([]);
  });

  it('finds a threatened loss under a deadline and quotes the deadline', async () => {
    const text = yamlTemplate('Your account will be suspended within 24 hours unless you confirm your details.');
    const found = (await findingsOf(text, 'threat.yaml')).filter((f) => f.ruleId === 'phrasing/deadline-threat');
    expect(found.map((f) => covered(text, f))).toEqual(['will be suspended']);
    expect(found[0].message).toContain("('24 hours')");
    const report = yamlTemplate('Your card was blocked today after a declined payment. Unblock it in the app.');
    expect((await findingsOf(report, 'report.yaml')).filter((f) => f.ruleId === 'phrasing/deadline-threat')).toEqual([]);
  });

  it('finds a new-number story only with a request for money or help', async () => {
    const scam = yamlTemplate('Hi Mum, this is my new number. Can you help me pay a bill today?');
    const found = (await findingsOf(scam, 'mum.yaml')).filter((f) => f.ruleId === 'phrasing/new-number-story');
    expect(found.map((f) => covered(scam, f))).toEqual(['my new number']);
    expect(found[0].message).toContain("asks for 'help'");
    const plain = yamlTemplate('Hi, this is my new number, save it!');
    expect((await findingsOf(plain, 'plain.yaml')).filter((f) => f.ruleId === 'phrasing/new-number-story')).toEqual([]);
  });

  it('finds lure-word domains but not a brand with one ordinary word', async () => {
    const text = yamlTemplate('Pay now: https://secure-pay-delivery.co/uk or see https://acme-rewards.com');
    const found = (await findingsOf(text, 'lure.yaml')).filter((f) => f.ruleId === 'phrasing/lure-link-domain');
    expect(found.map((f) => covered(text, f))).toEqual(['https://secure-pay-delivery.co/uk']);
    expect(found[0].message).toContain("('secure', 'pay', 'delivery')");
  });
});
