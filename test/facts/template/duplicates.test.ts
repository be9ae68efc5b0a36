import { describe, expect, it } from 'vitest';

import type { LintDocument } from '../../../src/documents/parse.js';
import { duplicateWording, wordingKey } from '../../../src/facts/template/duplicates.js';
import { stubDocument, toStub } from '../../../src/parallel/stubs.js';
import { buildWorkspace } from '../../../src/workspace.js';
import { parseText } from '../../helpers/docs.js';

function template(name: string, body: string, { footer, category = 'UTILITY', language = 'en_US', file = `${name}.yaml` }: { footer?: string; category?: string; language?: string; file?: string } = {}): LintDocument {
  const components = [`  - type: BODY\n    text: ${JSON.stringify(body)}`];
  if (footer !== undefined) components.push(`  - type: FOOTER\n    text: ${JSON.stringify(footer)}`);
  return parseText(`name: ${name}\nlanguage: ${language}\ncategory: ${category}\ncomponents:\n${components.join('\n')}\n`, file).documents[0];
}

describe('duplicate wording', () => {
  it('ignores case, spacing and parameter names', () => {
    expect(wordingKey(template('a', 'Hi {{1}},  your order has SHIPPED.'))).toBe(wordingKey(template('b', 'hi {{name}}, your order\nhas shipped.')));
  });

  it('tells templates apart by their footer', () => {
    expect(wordingKey(template('a', 'Your order shipped.', { footer: 'Acme' }))).not.toBe(wordingKey(template('b', 'Your order shipped.', { footer: 'Acme Ltd' })));
  });

  it('reports the other template by name and file, sorted by file', () => {
    const a = template('order_shipped', 'Your order {{1}} has shipped.', { file: 'b.yaml' });
    const b = template('parcel_shipped', 'Your order {{1}} has shipped.', { file: 'c.yaml' });
    const c = template('package_shipped', 'Your order {{1}} has shipped.', { file: 'a.yaml' });
    const other = template('order_delivered', 'Your order {{1}} was delivered.');
    const ws = buildWorkspace('/repo', [a, b, c, other]);
    expect(duplicateWording(a, ws)).toEqual([
      expect.objectContaining({ path: '/components/0/text', start: 0, end: 29, otherName: 'package_shipped', otherFile: 'a.yaml', others: ' and 1 more' }),
    ]);
    expect(duplicateWording(other, ws)).toEqual([]);
  });

  it('skips AUTHENTICATION templates and language versions of the same name', () => {
    const en = template('welcome', 'Welcome to Acme.');
    const gb = template('welcome', 'Welcome to Acme.', { language: 'en_GB' });
    const auth1 = template('code_a', 'Your code is {{1}}.', { category: 'AUTHENTICATION' });
    const auth2 = template('code_b', 'Your code is {{1}}.', { category: 'AUTHENTICATION' });
    const ws = buildWorkspace('/repo', [en, gb, auth1, auth2]);
    for (const d of [en, gb, auth1, auth2]) expect(duplicateWording(d, ws)).toEqual([]);
  });

  it('sees templates linted by another thread (stubs without source text)', () => {
    const mine = template('order_shipped', 'Your order {{1}} has shipped.');
    const theirs = stubDocument(toStub(template('parcel_shipped', 'Your order {{1}} has shipped.', { file: 'other/parcel.yaml' })));
    const ws = buildWorkspace('/repo', [mine, theirs]);
    expect(duplicateWording(mine, ws)[0]).toMatchObject({ otherName: 'parcel_shipped', otherFile: 'other/parcel.yaml' });
  });
});
