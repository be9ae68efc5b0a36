import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { expectInside } from './positions.js';
import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { createLinter, lintParsed, type Linter } from '../../src/lint.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  linter = createLinter(ROOT);
});

// Template-like fragments: what facts look for (parameters, links, shouting, codes, phrases, emoji) and what
// breaks naive code (empty strings, markup, astral characters, lone surrogates, control characters).
const word = fc.constantFrom(
  'Your', 'order', '{{1}}', '{{2}}', '{{ 3 }}', '{{name}}', '{{}}', '{{0}}', '{{1}}{{2}}', 'FREE', 'WIN!!!', 'click here', 'https://bit.ly/x', 'http://', 'www.',
  'code', '123456', 'OTP', 'verification', 'sale', '50% off', '€', '😀😀😀', '🔥', 'é', 'ß', '中文', 'كود', '\u200b', '\u0000', '\u0007', '\ud800', '\n', '\r\n',
  '  ', '!!!', '???', '$$$', '<b>', '*bold*', '_x_', '~', '`', '"', "'", '\\', 'STOP', 'unsubscribe', 'Acme', 'card number', 'CVV', '',
);
const sentence = fc.array(word, { maxLength: 12 }).map((w) => w.join(' '));
const scalar = fc.oneof(sentence, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 6 }));
const loose = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'text', 'type', '__proto__', 'constructor'), scalar, { maxKeys: 2 }) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const button = fc.record(
  {
    type: fc.oneof(fc.constantFrom('QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'quick_reply', 'FLOW', 'NOPE'), loose),
    text: fc.oneof(sentence, loose),
    url: fc.oneof(fc.constantFrom('https://acme.example/{{1}}', 'https://bit.ly/abc', 'not a url'), loose),
    phone_number: fc.oneof(fc.constantFrom('+447700900123', '123'), loose),
    example: fc.oneof(fc.array(sentence, { maxLength: 2 }), loose),
    otp_type: fc.constantFrom('COPY_CODE', 'ONE_TAP', 'ZERO_TAP'),
  },
  { requiredKeys: [] },
);
const component = fc.record(
  {
    type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('BODY', 'HEADER', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'body', 'header') }, { weight: 1, arbitrary: loose }),
    format: fc.oneof(fc.constantFrom('TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'), loose),
    text: fc.oneof({ weight: 5, arbitrary: sentence }, { weight: 1, arbitrary: loose }),
    example: fc.oneof(
      fc.record({ body_text: fc.oneof(fc.array(fc.array(sentence, { maxLength: 3 }), { maxLength: 2 }), loose), header_text: fc.oneof(fc.array(sentence, { maxLength: 2 }), loose), header_handle: fc.oneof(fc.array(sentence, { maxLength: 1 }), loose) }, { requiredKeys: [] }),
      loose,
    ),
    buttons: fc.oneof({ weight: 3, arbitrary: fc.array(button, { maxLength: 4 }) }, { weight: 1, arbitrary: loose }),
    cards: fc.oneof(fc.array(fc.record({ components: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('BODY', 'HEADER', 'BUTTONS'), text: sentence, format: fc.constant('IMAGE') }, { requiredKeys: [] }), { maxLength: 3 }), loose) }, { requiredKeys: [] }), { maxLength: 2 }), loose),
    add_security_recommendation: fc.oneof(fc.boolean(), loose),
    code_expiration_minutes: fc.oneof(fc.integer({ min: -5, max: 100 }), loose),
  },
  { requiredKeys: [] },
);
const templateDoc = fc.record(
  {
    name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('order_update', 'promo', 'login_code', 'Bad Name!', '', 'x'.repeat(600)) }, { weight: 1, arbitrary: loose }),
    language: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('en_US', 'en', 'es', 'pt_BR', 'de', 'zz_ZZ', '') }, { weight: 1, arbitrary: loose }),
    category: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('MARKETING', 'UTILITY', 'AUTHENTICATION', 'utility', 'TRANSACTIONAL', 'OTP', '') }, { weight: 1, arbitrary: loose }),
    parameter_format: fc.oneof(fc.constantFrom('POSITIONAL', 'NAMED'), loose),
    components: fc.oneof({ weight: 6, arbitrary: fc.array(component, { maxLength: 5 }) }, { weight: 1, arbitrary: loose }),
    status: maybe(fc.constantFrom('APPROVED', 'REJECTED', 'PAUSED')),
    quality_score: maybe(fc.oneof(fc.record({ score: fc.constantFrom('GREEN', 'RED', 'UNKNOWN') }), loose)),
  },
  { requiredKeys: ['components'] },
);
const campaignDoc = fc.record(
  {
    kind: fc.constant('campaign'),
    name: fc.oneof(fc.constantFrom('launch', ''), loose),
    channel: fc.oneof(fc.constantFrom('whatsapp', 'sms'), loose),
    account: fc.oneof(fc.record({ kind: fc.constant('account'), name: fc.constant('acme'), business: fc.oneof(sentence, loose), messagingLimit: fc.oneof(fc.constantFrom('TIER_250', 'TIER_2K', 'TIER_UNLIMITED', 'TIER_50'), loose), qualityRating: fc.oneof(fc.constantFrom('GREEN', 'RED'), loose) }, { requiredKeys: [] }), loose),
    templates: fc.oneof(fc.array(fc.oneof(fc.record({ name: fc.constantFrom('order_update', 'promo'), language: fc.constantFrom('en_US', 'en') }), loose), { maxLength: 3 }), loose),
    audience: fc.oneof(fc.record({ size: fc.oneof(fc.integer({ min: -1, max: 10_000_000 }), loose), file: fc.oneof(fc.constantFrom('./missing.csv', '/dev/null', '.'), loose) }, { requiredKeys: [] }), loose),
    optIn: fc.oneof(fc.record({ method: fc.oneof(fc.constantFrom('web-form', 'imported', 'paper'), loose), wording: fc.oneof(sentence, loose) }, { requiredKeys: [] }), loose),
    schedule: fc.oneof(fc.record({ start: fc.oneof(fc.constantFrom('2026-11-27T09:00:00+05:30', 'not a date', '2026-13-45T99:99:99Z'), loose), ratePerSecond: fc.oneof(fc.double(), loose), window: fc.oneof(fc.record({ from: fc.constantFrom('09:00', '25:99'), to: fc.constantFrom('20:00', '') }), loose) }, { requiredKeys: [] }), loose),
    frequency: fc.oneof(fc.record({ maxPerUserPerWeek: fc.oneof(fc.integer({ min: -1, max: 50 }), loose) }), loose),
  },
  { requiredKeys: ['kind'] },
);
const accountDoc = fc.record(
  {
    kind: fc.constant('account'),
    name: fc.oneof(fc.constant('acme'), loose),
    messagingLimit: fc.oneof(fc.constantFrom('TIER_1K', 'TIER_100K', 'nope'), loose),
    phoneNumbers: fc.oneof(fc.array(fc.record({ status: fc.oneof(fc.constantFrom('CONNECTED', 'FLAGGED'), loose), throughput: fc.oneof(fc.integer(), loose), qualityRating: loose }, { requiredKeys: [] }), { maxLength: 2 }), loose),
  },
  { requiredKeys: ['kind'] },
);
const documentValue = fc.oneof({ weight: 6, arbitrary: templateDoc }, { weight: 2, arbitrary: campaignDoc }, { weight: 1, arbitrary: accountDoc }, { weight: 1, arbitrary: fc.array(templateDoc, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.record({ data: fc.array(fc.oneof(templateDoc, loose), { maxLength: 3 }) }) });

// Serialised as YAML (every scalar style), JSON, or several YAML documents, then sometimes damaged.
const fileText = fc
  .tuple(
    fc.array(documentValue, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('yaml', 'yaml-flow', 'yaml-quoted', 'yaml-literal', 'json', 'json-crlf'),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ' ', '\t', ':', '"', '- ', '{', ']', '\n', '\r\n', '#', '&a', '*a', '---\n')), { maxLength: 2 }),
  )
  .map(([docs, style, damage]) => {
    let text: string;
    if (style === 'json' || style === 'json-crlf') {
      text = JSON.stringify(docs[0], null, 2);
      if (style === 'json-crlf') text = text.replace(/\n/g, '\r\n');
    } else {
      const opts = { flow: { collectionStyle: 'flow' as const }, 'yaml-quoted': { defaultStringType: 'QUOTE_DOUBLE' as const }, 'yaml-literal': { defaultStringType: 'BLOCK_LITERAL' as const }, yaml: {} }[style as 'yaml'];
      text = docs.map((d) => stringify(d, { ...(style === 'yaml-flow' ? { collectionStyle: 'flow' as const } : {}), ...opts })).join('---\n');
    }
    for (const [at, cut, insert] of damage) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return { text, name: style.startsWith('json') ? 'doc.json' : 'doc.yaml' };
  });

describe('the whole pipeline on random template-like documents', () => {
  it('never throws, no rule fails (input/not-checked), and every finding is placed inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fileText, async ({ text, name }) => {
        const parsed = parseSource(sourceFromText(text, path.join(ROOT, 'virtual', name), ROOT));
        const report = await lintParsed(linter, [parsed], { cwd: ROOT, now: NOW });
        for (const result of report.results) {
          for (const f of result.findings) {
            expect(f.ruleId, `${f.message}\n${text}`).not.toBe('input/not-checked');
            expectInside(f, text, `${f.ruleId} (${f.message}) in\n${text}\n`);
          }
        }
      }),
      { numRuns: 400 },
    );
  }, 240_000);
});
