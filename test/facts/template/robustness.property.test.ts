import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { LintDocument } from '../../../src/documents/parse.js';
import { computeAuthenticationFacts } from '../../../src/facts/template/authentication.js';
import { duplicateWording } from '../../../src/facts/template/duplicates.js';
import { computeFormatFacts } from '../../../src/facts/template/format-facts.js';
import { computeParameterFacts } from '../../../src/facts/template/parameters.js';
import { buildWorkspace } from '../../../src/workspace.js';
import { parseText } from '../../helpers/docs.js';

// Values a hand-written or exported template may hold where msglint expects something else.
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constant([]), fc.constant({}), fc.array(fc.string(), { maxLength: 3 }));
const text = fc.oneof(fc.string(), fc.constantFrom('{{1}}', 'Hi {{1}}{{2}}', '{{', '}}', '{{first_name}} 😀', 'https://a.example/{{1}}/x', '*b*'), junk);
const example = fc.oneof(
  junk,
  fc.record({ body_text: fc.oneof(junk, fc.array(fc.oneof(junk, fc.array(junk, { maxLength: 3 })), { maxLength: 2 })) }, { requiredKeys: [] }),
  fc.record({ header_text: fc.oneof(junk, fc.array(junk, { maxLength: 2 })), header_handle: fc.oneof(junk, fc.array(junk, { maxLength: 2 })) }, { requiredKeys: [] }),
  fc.record({ body_text_named_params: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ param_name: text, example: junk }, { requiredKeys: [] })), { maxLength: 3 })) }, { requiredKeys: [] }),
);
const button = fc.oneof(
  junk,
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('QUICK_REPLY', 'url', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'FLOW'), junk),
      text,
      url: text,
      phone_number: fc.oneof(text, fc.integer()),
      example: fc.oneof(junk, fc.array(junk, { maxLength: 2 })),
      otp_type: fc.oneof(fc.constantFrom('COPY_CODE', 'one_tap'), junk),
      autofill_text: text,
    },
    { requiredKeys: [] },
  ),
);
const component = fc.oneof(
  junk,
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'body'), junk),
      format: fc.oneof(fc.constantFrom('TEXT', 'IMAGE', 'LOCATION', 'GIF', 'video'), junk),
      text,
      example,
      buttons: fc.oneof(junk, fc.array(button, { maxLength: 4 })),
      code_expiration_minutes: junk,
      cards: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ components: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ type: fc.constantFrom('HEADER', 'BODY', 'BUTTONS'), text, format: text, example, buttons: fc.oneof(junk, fc.array(button, { maxLength: 2 })) }, { requiredKeys: [] })), { maxLength: 3 })) }, { requiredKeys: [] })), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);
const template = fc.record(
  {
    name: fc.oneof(fc.constantFrom('order_update', 'Order-Update'), junk),
    language: fc.oneof(fc.constantFrom('en_US', 'en-us', 'xx', 'zh', ''), junk),
    category: fc.oneof(fc.constantFrom('UTILITY', 'MARKETING', 'AUTHENTICATION', 'otp'), junk),
    parameter_format: fc.oneof(fc.constantFrom('named', 'POSITIONAL'), junk),
    components: fc.oneof(junk, fc.array(component, { maxLength: 6 })),
  },
  { requiredKeys: ['components'] },
);

function asDocument(value: Record<string, unknown>, i: number): LintDocument {
  const json = JSON.stringify(value);
  const parsed = parseText(json, `t${i}.json`);
  if (parsed.documents.length > 0) return parsed.documents[0];
  // Not recognised as a template (e.g. components is not a list): still feed the facts, they must not throw.
  return { ...parseText('{"name":"x","language":"en","category":"UTILITY","components":[]}', `t${i}.json`).documents[0], data: value };
}

describe('format facts on malformed templates', () => {
  it('never throw, and every match points at a string range or a whole value', () => {
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 3 }), (templates) => {
        const docs = templates.map((t, i) => asDocument(t as Record<string, unknown>, i));
        const ws = buildWorkspace('/repo', docs);
        for (const doc of docs) {
          const all = { ...computeFormatFacts(doc), ...computeParameterFacts(doc), ...computeAuthenticationFacts(doc), duplicateWording: duplicateWording(doc, ws) };
          for (const value of Object.values(all)) {
            if (!Array.isArray(value)) continue;
            for (const m of value as { path: unknown; start: unknown; end: unknown }[]) {
              expect(typeof m.path).toBe('string');
              expect(m.start as number).toBeLessThanOrEqual(m.end as number);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
