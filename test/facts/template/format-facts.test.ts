import { describe, expect, it } from 'vitest';

import { computeAuthenticationFacts } from '../../../src/facts/template/authentication.js';
import { codePointLength, computeFormatFacts, findEmojis, overflowStart, templateNameProblem } from '../../../src/facts/template/format-facts.js';
import { checkLanguage, normalizeLanguage, supportedLanguages } from '../../../src/facts/template/languages.js';
import { parseText } from '../../helpers/docs.js';

type Facts = Record<string, unknown> & Record<string, { text: string; path: string; start: number; end: number; [k: string]: unknown }[]>;

function facts(yaml: string): Facts {
  const doc = parseText(yaml).documents[0];
  return { ...computeFormatFacts(doc), ...computeAuthenticationFacts(doc) } as Facts;
}

const base = (components: string, head = 'name: t\nlanguage: en_US\ncategory: UTILITY\n') => `${head}components:\n${components}`;

describe('character counting', () => {
  it('counts code points, an emoji as one', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('a😀b')).toBe(3);
    expect('a😀b'.length).toBe(4);
  });

  it('finds where the text goes over the limit, never inside a surrogate pair', () => {
    expect(overflowStart('abcdef', 6)).toBe(-1);
    expect(overflowStart('abcdefg', 6)).toBe(6);
    expect(overflowStart('😀😀😀', 2)).toBe(4);
    expect(overflowStart('😀😀', 2)).toBe(-1);
  });
});

describe('length facts', () => {
  it('marks the characters beyond each limit', () => {
    const header = 'H'.repeat(61);
    const f = facts(
      base(
        [
          `  - { type: HEADER, format: TEXT, text: "${header}" }`,
          `  - { type: BODY, text: "${'b'.repeat(1030)}" }`,
          `  - { type: FOOTER, text: "${'f'.repeat(60)}" }`,
          '  - type: BUTTONS',
          '    buttons:',
          '      - { type: QUICK_REPLY, text: "Twenty-six characters long" }',
          '      - { type: PHONE_NUMBER, text: Call, phone_number: "+44 (0) 20 7946 0000 x12" }',
          '      - { type: COPY_CODE, example: "ABCDEFGHIJKLMNOP" }',
        ].join('\n'),
      ),
    );
    expect(f.headerTooLong).toEqual([expect.objectContaining({ path: '/components/0/text', start: 60, end: 61, length: 61, limit: 60 })]);
    expect(f.bodyTooLong[0]).toMatchObject({ start: 1024, end: 1030, length: 1030, limit: 1024 });
    expect(f.footerTooLong).toEqual([]);
    expect(f.buttonLabelTooLong.map((m) => [m.path, m.text])).toEqual([['/components/3/buttons/0/text', 'g']]);
    expect(f.phoneNumberTooLong[0]).toMatchObject({ path: '/components/3/buttons/1/phone_number', start: 20, length: 24 });
    expect(f.copyCodeExampleTooLong[0]).toMatchObject({ path: '/components/3/buttons/2/example', text: 'P', length: 16 });
  });

  it('checks carousel card button labels too', () => {
    const f = facts(
      base(
        [
          '  - { type: BODY, text: "Our new plants are here." }',
          '  - type: CAROUSEL',
          '    cards:',
          '      - components:',
          '          - { type: HEADER, format: IMAGE, example: { header_handle: ["4::a"] } }',
          '          - type: BUTTONS',
          '            buttons: [{ type: QUICK_REPLY, text: "Send me more like this, please" }]',
        ].join('\n'),
        'name: t\nlanguage: en_US\ncategory: MARKETING\n',
      ),
    );
    expect(f.buttonLabelTooLong.map((m) => m.path)).toEqual(['/components/1/cards/0/components/1/buttons/0/text']);
    expect(f.mediaHeadersWithoutExample).toEqual([]);
  });
});

describe('button facts', () => {
  const buttons = (types: string[]) =>
    base(
      [
        '  - { type: BODY, text: "Pick one below." }',
        '  - type: BUTTONS',
        '    buttons:',
        ...types.map((t, i) => (t === 'URL' ? `      - { type: URL, text: "u${i}", url: "https://a.example/${i}" }` : t === 'PHONE_NUMBER' ? `      - { type: PHONE_NUMBER, text: "p${i}", phone_number: "+4420794600${i}" }` : `      - { type: ${t}, text: "b${i}" }`)),
      ].join('\n'),
    );

  it('accepts quick replies grouped before or after the other buttons', () => {
    expect(facts(buttons(['QUICK_REPLY', 'QUICK_REPLY', 'URL', 'PHONE_NUMBER'])).quickReplyOrder).toEqual([]);
    expect(facts(buttons(['URL', 'PHONE_NUMBER', 'QUICK_REPLY', 'QUICK_REPLY'])).quickReplyOrder).toEqual([]);
  });

  it('flags QR, URL, QR and URL, QR, URL at the button that splits them', () => {
    expect(facts(buttons(['QUICK_REPLY', 'URL', 'QUICK_REPLY'])).quickReplyOrder.map((m) => m.text)).toEqual(['b2']);
    expect(facts(buttons(['URL', 'QUICK_REPLY', 'URL'])).quickReplyOrder.map((m) => [m.text, m.order])).toEqual([['u2', 'URL, QUICK_REPLY, URL']]);
  });

  it('counts buttons in all and per type', () => {
    const f = facts(buttons([...Array(11).fill('QUICK_REPLY')]));
    expect(f.tooManyButtons.map((m) => [m.text, m.count])).toEqual([['b10', 11]]);
    expect(f.buttonTypeOverLimit.map((m) => m.text)).toEqual(['b10']);
    const g = facts(buttons(['URL', 'URL', 'URL', 'PHONE_NUMBER', 'PHONE_NUMBER']));
    expect(g.buttonTypeOverLimit.map((m) => [m.text, m.type, m.count, m.limit])).toEqual([
      ['u2', 'URL', 3, 2],
      ['p4', 'PHONE_NUMBER', 2, 1],
    ]);
  });
});

describe('structure, header and authentication facts', () => {
  it('reports a missing body and a second component', () => {
    const f = facts(base(['  - { type: HEADER, format: TEXT, text: A }', '  - { type: header, format: TEXT, text: B }'].join('\n')));
    expect(f.componentProblems.map((m) => m.detail)).toEqual(['has no BODY component; every template needs exactly one', 'has a second HEADER component; a template has at most one']);
    expect(f.componentProblems[1].path).toBe('/components/1/type');
  });

  it('finds media headers without example handles, in cards too', () => {
    const f = facts(
      base(
        [
          '  - { type: HEADER, format: video }',
          '  - { type: BODY, text: "See it." }',
          '  - type: CAROUSEL',
          '    cards:',
          '      - components: [{ type: HEADER, format: IMAGE, example: { header_handle: [""] } }]',
        ].join('\n'),
      ),
    );
    expect(f.mediaHeadersWithoutExample.map((m) => [m.path, m.format])).toEqual([
      ['/components/0/format', 'VIDEO'],
      ['/components/2/cards/0/components/0/format', 'IMAGE'],
    ]);
    expect(f.mediaHeaders.map((m) => m.format)).toEqual(['VIDEO']);
  });

  it('finds markdown in a text header but not underscores of a named parameter', () => {
    expect(facts(base('  - { type: HEADER, format: TEXT, text: "Your *new* order" }\n  - { type: BODY, text: "x y." }')).headerMarkdown.map((m) => m.text)).toEqual(['*new*']);
    expect(facts(base('  - { type: HEADER, format: TEXT, text: "Order {{order_id_no}} for snake_case_name" }\n  - { type: BODY, text: "x y." }')).headerMarkdown).toEqual([]);
  });

  it('collects what authentication templates may not hold, and their OTP buttons', () => {
    const f = facts(
      base(
        [
          '  - type: BODY',
          '    text: "Your code ✅ — see www.acme.example/help"',
          '    example: { body_text: [["1234567890123456"]] }',
          '  - { type: FOOTER, code_expiration_minutes: 0 }',
          '  - type: BUTTONS',
          '    buttons:',
          '      - { type: OTP, otp_type: one_tap, text: Autofill }',
          '      - { type: URL, text: Help, url: "https://acme.example/help" }',
        ].join('\n'),
        'name: t\nlanguage: en_US\ncategory: AUTHENTICATION\n',
      ),
    );
    expect(f.urlsInTemplate.map((m) => m.text)).toEqual(['https://acme.example/help', 'www.acme.example/help']);
    expect(f.templateEmojis.map((m) => m.text)).toEqual(['✅']);
    expect(f.exampleValuesOver15.map((m) => [m.path, m.length])).toEqual([['/components/0/example/body_text/0/0', 16]]);
    expect(f.otpButtons.map((m) => m.otpType)).toEqual(['ONE_TAP']);
    expect(f.codeExpirationMinutes).toBe(0);
    expect(f.codeExpirationPath).toBe('/components/1/code_expiration_minutes');
    expect(f.otpButtonAnchor).toBe('/components/2/type');
  });

  it('does not count ©, ® or ™ as emojis, but counts emoji sequences once', () => {
    expect(findEmojis('/x', 'Acme® © ™').map((m) => m.text)).toEqual([]);
    expect(findEmojis('/x', 'Hi 👍🏽 🇧🇷 1️⃣ ❤️').map((m) => m.text)).toEqual(['👍🏽', '🇧🇷', '1️⃣', '❤️']);
  });
});

describe('template name', () => {
  it('accepts lowercase letters, digits and underscores up to 512', () => {
    expect(templateNameProblem('order_update_2')).toBeUndefined();
    expect(templateNameProblem('a'.repeat(512))).toBeUndefined();
  });

  it('explains what is wrong and suggests a name', () => {
    expect(templateNameProblem('Order-Update v2')).toMatchObject({ detail: "contains uppercase 'O', '-', uppercase 'U', a space", suggestion: 'order_update_v2', start: 0 });
    expect(templateNameProblem('order.update')).toMatchObject({ start: 5, suggestion: 'order_update' });
    expect(templateNameProblem('a'.repeat(513))).toMatchObject({ detail: 'has 513 characters; the limit is 512', start: 512, end: 513 });
    expect(templateNameProblem('')).toMatchObject({ detail: 'is empty' });
  });
});

describe('language codes', () => {
  it('loads Meta’s list from rules/format/languages.yaml', () => {
    const { codes } = supportedLanguages();
    expect(codes.size).toBeGreaterThanOrEqual(95);
    for (const code of ['en', 'en_US', 'pt_BR', 'zh_CN', 'fil', 'prs_AF', 'rw_RW', 'ky_KG', 'es_MX', 'zu']) expect(codes.has(code)).toBe(true);
  });

  it('corrects the form: en-US, EN_us, pt-br', () => {
    expect(normalizeLanguage('en-US')).toBe('en_US');
    expect(checkLanguage('en-US')).toEqual({ kind: 'form', suggestion: 'en_US' });
    expect(checkLanguage('EN_us')).toEqual({ kind: 'form', suggestion: 'en_US' });
    expect(checkLanguage('pt-br')).toEqual({ kind: 'form', suggestion: 'pt_BR' });
    expect(checkLanguage('EN')).toEqual({ kind: 'form', suggestion: 'en' });
    expect(checkLanguage('fr-FR')).toEqual({ kind: 'form', suggestion: 'fr' });
  });

  it('tells unsupported languages from unlisted regional variants', () => {
    expect(checkLanguage('en_US')).toEqual({ kind: 'ok' });
    expect(checkLanguage('english')).toEqual({ kind: 'unsupported' });
    expect(checkLanguage('xx')).toEqual({ kind: 'unsupported' });
    expect(checkLanguage('')).toEqual({ kind: 'empty' });
    expect(checkLanguage('es_CL')).toEqual({ kind: 'unlisted-variant', suggestions: ['es', 'es_AR', 'es_ES', 'es_MX'] });
    expect(checkLanguage('zh')).toEqual({ kind: 'unlisted-variant', suggestions: ['zh_CN', 'zh_HK', 'zh_TW'] });
  });

  it('locates the language value for the rules', () => {
    const f = facts('name: t\nlanguage: en-US\ncategory: UTILITY\ncomponents:\n  - { type: BODY, text: "x y." }\n');
    expect(f.languageFormProblems).toEqual([{ path: '/language', start: 0, end: 5, text: 'en-US', suggestion: 'en_US' }]);
  });
});
