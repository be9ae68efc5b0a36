import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { computeParameterFacts, fixedWordCount, scanParameters, suggestName } from '../../../src/facts/template/parameters.js';
import { parseText } from '../../helpers/docs.js';

function facts(yaml: string) {
  const doc = parseText(yaml).documents[0];
  return computeParameterFacts(doc);
}

const template = (body: string, extra = '') =>
  `name: t\nlanguage: en_US\ncategory: UTILITY\n${extra}components:\n  - type: BODY\n    text: ${JSON.stringify(body)}\n`;

describe('scanParameters', () => {
  it('finds positional and named parameters with their ranges', () => {
    const text = 'Hi {{1}}, order {{order_id}} ships {{2}}.';
    const { parameters, braceProblems } = scanParameters(text);
    expect(braceProblems).toEqual([]);
    expect(parameters.map((p) => [p.raw, p.kind, p.index ?? p.name, text.slice(p.start, p.end)])).toEqual([
      ['{{1}}', 'positional', 1, '{{1}}'],
      ['{{order_id}}', 'named', 'order_id', '{{order_id}}'],
      ['{{2}}', 'positional', 2, '{{2}}'],
    ]);
  });

  it('reports special characters, spaces and empty braces inside a parameter', () => {
    const { parameters } = scanParameters('a {{#1}} b {{ $amount }} c {{ 2 }} d {{}} e {{50%}}');
    expect(parameters.map((p) => [p.raw, p.kind, p.problem])).toEqual([
      ['{{#1}}', 'invalid', "contains '#'"],
      ['{{ $amount }}', 'invalid', "contains '$'"],
      ['{{ 2 }}', 'positional', 'has spaces inside the braces'],
      ['{{}}', 'invalid', 'has nothing between the braces'],
      ['{{50%}}', 'invalid', "contains '%'"],
    ]);
  });

  it('reports mismatched, single, tripled, unclosed and unopened braces', () => {
    const text = 'a {{1} b {1}} c {{{3}}} d {4} e {{5 f\n6}} g';
    const { parameters, braceProblems } = scanParameters(text);
    expect(parameters).toEqual([]);
    expect(braceProblems.map((b) => b.raw)).toEqual(['{{1}', '{1}}', '{{{3}}}', '{4}', '{{5', '6}}']);
    expect(braceProblems[0].problem).toMatch(/opens with 2 and closes with 1 brace/);
    expect(braceProblems[2].problem).toMatch(/3 braces on each side/);
    expect(braceProblems[3].problem).toMatch(/single braces/);
    expect(braceProblems[4].problem).toMatch(/never closed/);
    expect(braceProblems[5].problem).toMatch(/never opened/);
    for (const b of braceProblems) expect(text.slice(b.start, b.end)).toBe(b.raw);
  });

  it('does not take a parameter across a line break', () => {
    const { parameters, braceProblems } = scanParameters('Hi {{1\n}} there');
    expect(parameters).toEqual([]);
    expect(braceProblems.map((b) => b.raw)).toEqual(['{{1', '}}']);
  });

  it('stays linear on long runs of braces (no quadratic blow-up)', () => {
    const text = '{'.repeat(200_000) + 'x' + '}'.repeat(200_000);
    const t0 = performance.now();
    const r = scanParameters(text);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.braceProblems.length).toBe(1);
  });

  it('returns ranges that read back as the tokens, for any text (property)', () => {
    const piece = fc.constantFrom('{{1}}', '{{2}}', '{{name}}', '{', '}', '{{', '}}', ' ', 'a', '#', '\n', '{{ x }}', 'é', '😀');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const { parameters, braceProblems } = scanParameters(text);
        const spans = [...parameters, ...braceProblems].sort((a, b) => a.start - b.start);
        for (const s of spans) {
          expect(text.slice(s.start, s.end)).toBe(s.raw);
          expect(s.end).toBeGreaterThan(s.start);
        }
        for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
        for (const p of parameters) expect(p.raw.startsWith('{{') && p.raw.endsWith('}}')).toBe(true);
      }),
    );
  });

  it('finds every well-formed parameter placed in plain text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z ,.!]{1,8}$/), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 10 }), (parts) => {
        const text = parts.map(([words, n]) => `${words}{{${n}}}`).join('');
        const { parameters, braceProblems } = scanParameters(text);
        expect(braceProblems).toEqual([]);
        expect(parameters.map((p) => p.index)).toEqual(parts.map(([, n]) => n));
      }),
    );
  });
});

describe('parameter facts', () => {
  it('flags adjacent parameters {{1}}{{2}} and {{1}} {{2}}, not {{1}}, {{2}}', () => {
    expect(facts(template('Date {{1}}{{2}} ok.')).adjacentParameters.map((m) => m.text)).toEqual(['{{1}}{{2}}']);
    expect(facts(template('Date {{1}} {{2}} ok.')).adjacentParameters.map((m) => m.text)).toEqual(['{{1}} {{2}}']);
    expect(facts(template('Date {{1}}, {{2}} ok.')).adjacentParameters).toEqual([]);
  });

  it('flags a body that starts or ends with a parameter, ignoring whitespace only', () => {
    const f = facts(template('  {{1}}, your order ships on {{2}} '));
    expect(f.danglingParameters.map((m) => [m.text, m.position])).toEqual([
      ['{{1}}', 'starts with'],
      ['{{2}}', 'ends with'],
    ]);
    expect(facts(template('Hi {{1}}, it ships on {{2}}.')).danglingParameters).toEqual([]);
    expect(facts(template('{{1}}')).danglingParameters.map((m) => m.position)).toEqual(['is nothing but']);
  });

  it('reports the gap in positional numbering at the first parameter after it', () => {
    const f = facts(template('A {{1}} b {{2}} c {{5}} d {{4}}.'));
    expect(f.parameterNumberingGaps).toHaveLength(1);
    expect(f.parameterNumberingGaps[0]).toMatchObject({ text: '{{5}}', found: '{{1}}, {{2}}, {{4}}, {{5}}', detail: '{{3}} is missing' });
    expect(facts(template('A {{0}} b {{1}}.')).parameterNumberingGaps[0]).toMatchObject({ text: '{{0}}', detail: expect.stringMatching(/starts at \{\{1\}\}/) });
    expect(facts(template('A {{2}} b {{1}}.')).parameterNumberingGaps).toEqual([]);
  });

  it('does not list a hundred missing numbers for a typo like {{100}}', () => {
    const gap = facts(template('A {{1}} b {{100}}.')).parameterNumberingGaps[0];
    expect(gap.detail).toBe('{{2}}, {{3}}, {{4}}, {{5}}, {{6}} and 93 more are missing');
  });

  it('checks positional example counts both ways', () => {
    const missing = facts(template('A {{1}} b {{2}} c {{3}}.') + '    example: { body_text: [["x"]] }\n');
    expect(missing.missingParameterExamples).toHaveLength(1);
    expect(missing.missingParameterExamples[0]).toMatchObject({ text: '{{2}}', missing: '{{2}}, {{3}}', count: 1, expected: 3 });
    const extra = facts(template('A {{1}} b.') + '    example: { body_text: [["x", "y"]] }\n');
    expect(extra.extraParameterExamples.map((m) => [m.path, m.text])).toEqual([['/components/0/example/body_text/0/1', 'y']]);
    const empty = facts(template('A {{1}} b.') + '    example: { body_text: [[""]] }\n');
    expect(empty.missingParameterExamples.map((m) => m.text)).toEqual(['{{1}}']);
  });

  it('checks named parameters: names, examples, duplicates and the declared format', () => {
    const yaml = [
      'name: t',
      'language: en_US',
      'category: UTILITY',
      'parameter_format: NAMED',
      'components:',
      '  - type: BODY',
      '    text: "Hi {{first_name}}, order {{orderId}} and {{2}} ships {{date}}."',
      '    example:',
      '      body_text_named_params:',
      '        - { param_name: first_name, example: Maria }',
      '        - { param_name: first_name, example: Jon }',
      '        - { param_name: coupon, example: SAVE }',
    ].join('\n');
    const f = facts(yaml);
    expect(f.parameterFormat).toBe('named');
    expect(f.namedParameterProblems.map((m) => [m.text, m.suggestion])).toEqual([['{{orderId}}', 'order_id']]);
    expect(f.parameterFormatMismatches.map((m) => m.text)).toEqual(['{{2}}']);
    expect(f.duplicateNamedExamples.map((m) => m.text)).toEqual(['first_name']);
    expect(f.missingParameterExamples[0]).toMatchObject({ text: '{{orderId}}', missing: '{{orderId}}, {{date}}' });
    expect(f.extraParameterExamples.map((m) => m.text)).toEqual(['coupon']);
  });

  it('flags named parameters in a positional template', () => {
    expect(facts(template('Hi {{first_name}}, order {{1}}.')).parameterFormatMismatches.map((m) => m.text)).toEqual(['{{first_name}}']);
  });

  it('checks URL parameters: at the end, one only, with an example; always positional', () => {
    const yaml = [
      'name: t',
      'language: en_US',
      'category: UTILITY',
      'parameter_format: named',
      'components:',
      '  - { type: BODY, text: "Your order ships today." }',
      '  - type: BUTTONS',
      '    buttons:',
      '      - { type: URL, text: A, url: "https://a.example/{{1}}/x" }',
      '      - { type: URL, text: B, url: "https://a.example/{{1}}", example: ["https://a.example/123"] }',
    ].join('\n');
    const f = facts(yaml);
    expect(f.urlParameterProblems.map((m) => [m.path, m.text, m.detail])).toEqual([['/components/1/buttons/0/url', '{{1}}', 'is not at the end of the URL']]);
    expect(f.missingParameterExamples.map((m) => m.path)).toEqual(['/components/1/buttons/0/url']);
    expect(f.parameterFormatMismatches).toEqual([]);
  });

  it('counts extra header parameters and footer parameters', () => {
    const yaml = [
      'name: t',
      'language: en_US',
      'category: UTILITY',
      'components:',
      '  - { type: HEADER, format: TEXT, text: "{{1}} and {{2}}", example: { header_text: [a, b] } }',
      '  - { type: BODY, text: "Your order ships today." }',
      '  - { type: FOOTER, text: "Sent to {{1}}" }',
    ].join('\n');
    const f = facts(yaml);
    expect(f.headerExtraParameters.map((m) => [m.text, m.count])).toEqual([['{{2}}', 2]]);
    expect(f.footerParameters.map((m) => m.text)).toEqual(['{{1}}']);
  });

  it('measures fixed words per body parameter, counting two CJK characters as a word', () => {
    const f = facts(template('{{1}} {{2}} {{3}}'));
    expect(f.bodyParameterCount).toBe(3);
    expect(f.bodyWordsPerParameter).toBe(0);
    expect(facts(template('Use code {{1}} to get {{2}} off our newest succulent!')).bodyWordsPerParameter).toBe(4);
    expect(fixedWordCount('您的订单{{1}}已发货', scanParameters('您的订单{{1}}已发货').parameters)).toBe(4);
    expect(facts(template('Your order ships today.')).bodyWordsPerParameter).toBeNull();
  });

  it('suggests valid parameter names', () => {
    expect(suggestName('firstName')).toBe('first_name');
    expect(suggestName('Address2')).toBe('address');
    expect(suggestName('123')).toBe('value');
  });
});
