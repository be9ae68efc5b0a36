import { beforeAll, describe, expect, it } from 'vitest';

import { createLinter, lintParsed, type Linter } from '../../src/lint.js';
import type { DocumentResult } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { parseText } from '../helpers/docs.js';

// With the real built-in packs: serious policy problems must rank above cosmetic ones, whatever the
// individual weights become as the packs grow.
const NOW = new Date('2026-11-20T00:00:00Z');

const templates = {
  cardNumber: `name: payment_check
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "To keep your account active, reply with your full card number and CVV today."
`,
  otpInUtility: `name: login_code
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Your verification code is {{1}}. Do not share it with anyone."
    example: { body_text: [["482913"]] }
`,
  emojiRun: `name: spring_collection
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "Our spring collection is in store now 🌸🌷🌼🌻🌺🌸🌷🌼 Come and see it this week, {{1}}."
    example: { body_text: [["Sam"]] }
  - { type: FOOTER, text: "Reply STOP to opt out" }
`,
  shouting: `name: spring_shout
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "Hi {{1}}, our SPRING COLLECTION IS HERE! Come and see it in store this week."
    example: { body_text: [["Sam"]] }
  - { type: FOOTER, text: "Reply STOP to opt out" }
`,
  clean: `name: order_shipped
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}. Track it from your account page."
    example: { body_text: [["Sam", "NW-1042", "3 December"]] }
`,
};

type Name = keyof typeof templates;
let linter: Linter;
const scored = {} as Record<Name, DocumentResult>;

beforeAll(async () => {
  linter = createLinter(ROOT);
  for (const [name, text] of Object.entries(templates) as [Name, string][]) {
    const report = await lintParsed(linter, [parseText(text, `${name}.yaml`)], { cwd: '/repo', now: NOW, explain: true });
    scored[name] = report.results[0];
  }
});

describe('risk ranking with the built-in packs', () => {
  it('finds what each example is about (otherwise the ranking below proves nothing)', () => {
    for (const name of ['cardNumber', 'otpInUtility', 'emojiRun', 'shouting'] as const) expect(scored[name].findings.length, name).toBeGreaterThan(0);
    expect(scored.cardNumber.findings.some((f) => f.area === 'content')).toBe(true);
    expect(scored.otpInUtility.findings.some((f) => f.area === 'category')).toBe(true);
    expect(scored.emojiRun.findings.every((f) => f.severity !== 'error')).toBe(true);
    expect(scored.shouting.findings.every((f) => f.severity !== 'error')).toBe(true);
  });

  it('scores a card-number request and an OTP in UTILITY above emoji and capitals', () => {
    for (const serious of ['cardNumber', 'otpInUtility'] as const) {
      for (const cosmetic of ['emojiRun', 'shouting'] as const) {
        expect(scored[serious].risk.score, `${serious} (${scored[serious].risk.score}) vs ${cosmetic} (${scored[cosmetic].risk.score})`).toBeGreaterThan(scored[cosmetic].risk.score);
      }
    }
  });

  it('puts serious problems at high risk or above, cosmetic ones below medium, a clean template at 0', () => {
    expect(scored.cardNumber.risk.score).toBeGreaterThanOrEqual(50);
    expect(scored.otpInUtility.risk.score).toBeGreaterThanOrEqual(50);
    expect(scored.emojiRun.risk.level).toBe('low');
    expect(scored.shouting.risk.level).toBe('low');
    expect(scored.clean.risk.score).toBe(0);
  });

  it('explains every score with points that add up to it', () => {
    for (const r of Object.values(scored)) expect(r.risk.explanation!.reduce((n, c) => n + c.points, 0)).toBe(r.risk.score);
  });
});
