import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { schemaPath, validateAgainstSchema, type SchemaKind } from '../../src/documents/validate.js';

const KINDS: SchemaKind[] = ['template', 'campaign', 'account', 'config', 'rule-pack'];
// Meta's documentation examples (from the pywa SDK, MIT), copied byte for byte into the repository.
const PYWA_DIR = fileURLToPath(new URL('../../fixtures/meta-examples/', import.meta.url));

const errorsOnly = (kind: SchemaKind, data: unknown) => validateAgainstSchema(kind, data).filter((p) => p.severity === 'error');

const template = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Pablo', '860198']] } }],
  ...overrides,
});

describe('schema files', () => {
  it.each(KINDS)('%s schema is a draft-07 schema with a stable $id and a title', (kind) => {
    const file = schemaPath(kind);
    expect(isAbsolute(file)).toBe(true);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`https://msglint.dev/schemas/${kind}.schema.json`);
    expect(schema.title).toEqual(expect.any(String));
  });

  it.each(KINDS)('every property of the %s schema has a description for editors', (kind) => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      if (properties && !/\/(if)(\/|$)/.test(at)) {
        for (const [key, value] of Object.entries(properties)) if (!value.description && !value.$ref) missing.push(`${at}/properties/${key}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(JSON.parse(readFileSync(schemaPath(kind), 'utf8')), '');
    expect(missing).toEqual([]);
  });
});

describe('Meta template examples (pywa corpus)', () => {
  const examples = existsSync(PYWA_DIR)
    ? readdirSync(PYWA_DIR)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => Object.entries(JSON.parse(readFileSync(join(PYWA_DIR, f), 'utf8')) as Record<string, unknown>).map(([name, doc]) => ({ file: f, name, doc })))
    : [];

  it('finds all 13 templates', () => {
    expect(examples).toHaveLength(13);
  });

  it.each(examples.map((e) => [`${e.file}: ${e.name}`, e.doc] as const))('%s validates with no problem', (_name, doc) => {
    expect(validateAgainstSchema('template', doc)).toEqual([]);
  });
});

describe('templates', () => {
  it('accepts enum values in any letter case', () => {
    const doc = {
      name: 'seasonal_promotion',
      language: 'en',
      category: 'marketing',
      parameter_format: 'POSITIONAL',
      components: [
        { type: 'header', format: 'text', text: 'Our {{1}} is on!', example: { header_text: ['Summer Sale'] } },
        { type: 'Body', text: 'Use code {{1}}.', example: { body_text: [['25OFF']] } },
        { type: 'footer', text: 'Reply STOP to opt out' },
        { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'Stop promos' }, { type: 'otp', otp_type: 'copy_code', text: 'Copy' }] },
      ],
    };
    expect(validateAgainstSchema('template', doc)).toEqual([]);
  });

  it('accepts legacy categories and the fields the API adds', () => {
    const doc = template({
      category: 'TICKET_UPDATE',
      id: '1234567890',
      status: 'APPROVED',
      quality_score: { score: 'GREEN', date: 1700000000 },
      rejected_reason: 'NONE',
      sub_category: 'ORDER_STATUS',
      previous_category: 'MARKETING',
      correct_category: '',
      cta_url_link_tracking_opted_out: false,
      message_send_ttl_seconds: 3600,
      library_template_name: 'order_update_1',
    });
    expect(validateAgainstSchema('template', doc)).toEqual([]);
    expect(validateAgainstSchema('template', template({ quality_score: 'YELLOW' }))).toEqual([]);
  });

  it('allows fields Meta adds inside components', () => {
    const doc = template({ components: [{ type: 'BODY', text: 'Hello {{1}}', example: { body_text: [['Ana']] }, brand_new_field: 1 }] });
    expect(validateAgainstSchema('template', doc)).toEqual([]);
  });

  it('warns about a misspelled top-level key and suggests the right one', () => {
    const doc = template();
    doc.compnents = doc.components;
    delete doc.components;
    const problems = validateAgainstSchema('template', doc);
    expect(problems).toContainEqual({ path: '/compnents', atKey: true, severity: 'warning', message: 'unknown key "compnents" — did you mean "components"?' });
    expect(problems).toContainEqual({ path: '', atKey: false, severity: 'error', message: '"components" is required' });
  });

  it('warns about an unknown top-level key without a suggestion when nothing is close', () => {
    expect(validateAgainstSchema('template', template({ campaign_owner: 'ana' }))).toEqual([
      { path: '/campaign_owner', atKey: true, severity: 'warning', message: 'unknown key "campaign_owner"' },
    ]);
  });

  it('explains an unknown category and lists the current ones', () => {
    expect(validateAgainstSchema('template', template({ category: 'PROMO' }))).toEqual([
      { path: '/category', atKey: false, severity: 'error', message: '"category" must be one of MARKETING, UTILITY or AUTHENTICATION (found "PROMO")' },
    ]);
  });

  it('suggests the closest value for a misspelled enum', () => {
    const [problem] = validateAgainstSchema('template', template({ category: 'MARKETTING' }));
    expect(problem?.message).toBe('"category" must be one of MARKETING, UTILITY or AUTHENTICATION (found "MARKETTING") — did you mean "MARKETING"?');
  });

  it('reports a wrong type at the exact value', () => {
    const doc = template({ components: [{ type: 'BODY', text: 12345 }] });
    expect(validateAgainstSchema('template', doc)).toEqual([
      { path: '/components/0/text', atKey: false, severity: 'error', message: '"text" must be text, not a number' },
    ]);
  });

  it('reports problems deep inside buttons and carousel cards', () => {
    const doc = template({
      components: [
        { type: 'BODY', text: 'Hi' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Shop' }, { type: 'SMS', text: 'Text us' }] },
        { type: 'CAROUSEL', cards: [{ components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: true }] }] },
      ],
    });
    expect(validateAgainstSchema('template', doc)).toEqual([
      { path: '/components/1/buttons/0', atKey: false, severity: 'error', message: '"url" is required in item 1 of "buttons"' },
      expect.objectContaining({ path: '/components/1/buttons/1/type', message: expect.stringMatching(/^"type" must be one of QUICK_REPLY, URL, .* \(found "SMS"\)$/) }),
      { path: '/components/2/cards/0/components/1/text', atKey: false, severity: 'error', message: '"text" must be text, not true (a true/false value)' },
    ]);
  });

  it('reports a missing required key at the object that lacks it', () => {
    const doc = template({ components: [{ text: 'Hi' }, { type: 'HEADER', text: 'Hello' }] });
    expect(validateAgainstSchema('template', doc)).toEqual([
      { path: '/components/0', atKey: false, severity: 'error', message: '"type" is required in item 1 of "components"' },
      { path: '/components/1', atKey: false, severity: 'error', message: '"format" is required in item 2 of "components"' },
    ]);
  });

  it('names list items and keeps JSON-pointer escapes', () => {
    const doc = template({ components: 'BODY' });
    expect(validateAgainstSchema('template', doc)).toEqual([
      { path: '/components', atKey: false, severity: 'error', message: '"components" must be a list, not text' },
    ]);
    const odd = template({ 'a/b~c': 1 });
    expect(validateAgainstSchema('template', odd)[0]).toMatchObject({ path: '/a~1b~0c', atKey: true });
  });

  it('reports a document that is not an object', () => {
    expect(validateAgainstSchema('template', ['x'])).toEqual([
      { path: '', atKey: false, severity: 'error', message: 'the document must be an object (key: value pairs), not a list' },
    ]);
  });
});

// Shaped like PRODUCT.md's examples, as the YAML core schema parses them (dates and times stay strings).
const productCampaign = {
  kind: 'campaign',
  name: 'diwali-offer-2026',
  channel: 'whatsapp',
  account: '../accounts/acme.yaml',
  templates: [{ name: 'diwali_offer', language: 'en' }],
  audience: {
    file: '../audiences/diwali.csv',
    columns: { phone: 'phone', optedInAt: 'opted_in_at', optInMethod: 'opt_in_method', optInText: 'opt_in_text', optedOutAt: 'opted_out_at' },
    size: 48000,
  },
  optIn: { method: 'web-form', wording: 'Yes, send me offers from Acme on WhatsApp', proofUrl: 'https://acme.example/whatsapp-signup' },
  schedule: { start: '2026-11-27T09:00:00+05:30', ratePerSecond: 40, window: { from: '09:00', to: '20:00' } },
  frequency: { maxPerUserPerWeek: 2 },
};

const productAccount = {
  kind: 'account',
  name: 'acme',
  business: 'Acme Retail Ltd',
  verified: true,
  messagingLimit: 'TIER_10K',
  qualityRating: 'GREEN',
  phoneNumbers: [{ id: '106540352242922', display: '+44 20 7946 0000', status: 'CONNECTED', qualityRating: 'GREEN', throughput: 80 }],
};

describe('campaigns and accounts', () => {
  it("validates PRODUCT.md's campaign", () => {
    expect(validateAgainstSchema('campaign', productCampaign)).toEqual([]);
  });

  it("validates PRODUCT.md's account", () => {
    expect(validateAgainstSchema('account', productAccount)).toEqual([]);
  });

  it('accepts the optional fields users need', () => {
    const campaign = {
      ...productCampaign,
      account: { ...productAccount, kind: undefined, recentVolume: { last24h: 1200, last7d: 6000 } },
      audience: { file: 'a.jsonl', format: 'jsonl', defaultCountry: 'IN', columns: { phone: 'msisdn', country: 'cc' } },
      optIn: { ...productCampaign.optIn, collectedAt: '2026-01-15' },
      schedule: {
        start: '2026-11-27 09:00',
        end: '2026-11-28T20:00:00Z',
        ratePerSecond: 12.5,
        timezone: 'Asia/Kolkata',
        window: { from: '9:00', to: '24:00' },
        batches: [{ at: '2026-11-27T09:00:00+05:30', size: 20000 }],
      },
      sendDate: '2026-11-27',
    };
    delete (campaign.account as Record<string, unknown>).kind;
    expect(validateAgainstSchema('campaign', campaign)).toEqual([]);
  });

  it('accepts unknown messaging-limit names (warned about by rules) and legacy ones', () => {
    for (const messagingLimit of ['TIER_1K', 'TIER_50', 'TIER_5K']) {
      expect(validateAgainstSchema('account', { ...productAccount, messagingLimit })).toEqual([]);
    }
  });

  it('only warns about unknown top-level keys of a campaign, but rejects unknown keys inside its sections', () => {
    expect(validateAgainstSchema('campaign', { ...productCampaign, budget: 100 })).toEqual([
      { path: '/budget', atKey: true, severity: 'warning', message: 'unknown key "budget"' },
    ]);
    const typo = { ...productCampaign, schedule: { ...productCampaign.schedule, ratePerSecnd: 5 } };
    expect(validateAgainstSchema('campaign', typo)).toEqual([
      { path: '/schedule/ratePerSecnd', atKey: true, severity: 'error', message: 'unknown key "ratePerSecnd" — did you mean "ratePerSecond"?' },
    ]);
  });

  it('reads a misspelled key of an inline account as a warning, as in an account file', () => {
    const campaign = { ...productCampaign, account: { name: 'acme', qualityRatng: 'GREEN' } };
    expect(validateAgainstSchema('campaign', campaign)).toEqual([
      { path: '/account/qualityRatng', atKey: true, severity: 'warning', message: 'unknown key "qualityRatng" — did you mean "qualityRating"?' },
    ]);
  });

  it('explains bad dates, times, rates and enums', () => {
    const campaign = {
      ...productCampaign,
      channel: 'telegram',
      schedule: { start: 'next monday', ratePerSecond: 0, window: { from: '09:00', to: '8pm' } },
      audience: { size: 2.5 },
    };
    expect(validateAgainstSchema('campaign', campaign)).toEqual([
      { path: '/channel', atKey: false, severity: 'error', message: '"channel" must be one of whatsapp or sms (found "telegram")' },
      { path: '/audience/size', atKey: false, severity: 'error', message: '"size" must be a whole number (found 2.5)' },
      { path: '/schedule/start', atKey: false, severity: 'error', message: '"start" must be a date and time like 2026-11-27T09:00:00+05:30 (found "next monday")' },
      { path: '/schedule/ratePerSecond', atKey: false, severity: 'error', message: '"ratePerSecond" must be more than 0 (found 0)' },
      { path: '/schedule/window/to', atKey: false, severity: 'error', message: '"to" must be a 24-hour time like "09:00" (found "8pm")' },
    ]);
  });

  it('requires kind, name and templates of a campaign', () => {
    expect(errorsOnly('campaign', { kind: 'campaign' }).map((p) => p.message)).toEqual(['"name" is required', '"templates" is required']);
    expect(errorsOnly('campaign', { ...productCampaign, kind: 'campain' })).toEqual([
      { path: '/kind', atKey: false, severity: 'error', message: '"kind" must be "campaign" (found "campain")' },
    ]);
  });

  it('checks the account quality rating in any case', () => {
    expect(validateAgainstSchema('account', { ...productAccount, qualityRating: 'yellow' })).toEqual([]);
    expect(validateAgainstSchema('account', { ...productAccount, qualityRating: 'AMBER' })[0]?.message).toBe(
      '"qualityRating" must be one of GREEN, YELLOW, RED, UNKNOWN or NA (found "AMBER")',
    );
  });
});

describe('config', () => {
  it('validates a typical msglint.config.yaml', () => {
    const config = {
      extends: ['whatsapp-recommended', './packs/acme.yaml'],
      packs: ['./packs/extra.yaml'],
      rules: { 'phrasing/spam-phrase': 'warning', 'velocity/over-messaging-limit': { severity: 'error', options: { margin: 0.9 } }, 'format/footer-params': 'off' },
      overrides: [{ files: 'templates/legacy/**', rules: { 'format/name': 'off' } }],
      ignores: ['drafts/**'],
      files: ['templates/**/*.yaml', 'campaigns/**/*.yaml'],
      account: './accounts/acme.yaml',
      thresholds: { staleConsentDays: 365, maxEmoji: 3, customLimit: 7 },
      failOn: 'warning',
      maxRisk: 60,
    };
    expect(validateAgainstSchema('config', config)).toEqual([]);
    expect(validateAgainstSchema('config', { kind: 'config', extends: 'whatsapp-recommended', account: productAccount })).toEqual([]);
  });

  it('rejects unknown severities and keys', () => {
    expect(validateAgainstSchema('config', { rules: { 'a/b': 'warn' }, failOn: 'always', extnds: 'x' })).toEqual([
      { path: '/extnds', atKey: true, severity: 'error', message: 'unknown key "extnds" — did you mean "extends"?' },
      { path: '/rules/a~1b', atKey: false, severity: 'error', message: '"a/b" must be one of off, info, warning or error (found "warn") — did you mean "warning"?' },
      { path: '/failOn', atKey: false, severity: 'error', message: '"failOn" must be one of error, warning or never (found "always")' },
    ]);
  });
});

const productPack = {
  kind: 'rule-pack',
  name: 'whatsapp-velocity',
  version: '1.0.0',
  policyDate: '2026-05-08',
  sources: ['https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits'],
  appliesTo: ['campaign'],
  rules: [
    {
      id: 'velocity/over-messaging-limit',
      area: 'velocity',
      severity: 'error',
      weight: 60,
      title: "More unique recipients in 24 hours than the account's messaging limit",
      message: '{{peakRecipients24h}} recipients within 24 hours; the limit is {{messagingLimit}}',
      fix: 'Send over {{daysNeeded}} days, or reach the next tier first',
      source: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits',
      at: '/audience',
      when: { all: [{ fact: 'peakRecipients24h', operator: 'greaterThan', value: { fact: 'messagingLimit' } }] },
      examples: { invalid: [{ file: 'examples/over-limit.yaml', expect: 1 }], valid: [{ file: 'examples/within-limit.yaml' }] },
    },
    {
      id: 'phrasing/spam-phrase',
      area: 'phrasing',
      severity: 'warning',
      weight: 8,
      title: 'Spam phrase',
      message: 'Spam phrase "{{text}}"',
      appliesTo: 'template',
      at: { fact: 'spamPhrases' },
      each: 'spamPhrases',
      when: {
        any: [
          { not: { fact: 'category', operator: 'equal', value: 'AUTHENTICATION' } },
          { all: [{ fact: 'spamPhrases', operator: 'notEmpty', value: true, path: '$.length', params: { lang: 'en' } }], priority: 2 },
        ],
      },
      examples: { valid: [{ name: 'x', language: 'en', category: 'UTILITY', components: [] }], invalid: [] },
    },
  ],
};

describe('rule packs', () => {
  it("validates PRODUCT.md's pack", () => {
    expect(validateAgainstSchema('rule-pack', productPack)).toEqual([]);
  });

  it('rejects a bad rule id', () => {
    const pack = { ...productPack, rules: [{ ...productPack.rules[0], id: 'OverLimit' }] };
    expect(validateAgainstSchema('rule-pack', pack)).toEqual([
      {
        path: '/rules/0/id',
        atKey: false,
        severity: 'error',
        message: '"id" must be area/name in lowercase letters, digits and dashes, like "velocity/over-messaging-limit" (found "OverLimit")',
      },
    ]);
  });

  it('checks condition trees, pointers and examples', () => {
    const rule = {
      ...productPack.rules[0],
      area: 'spam',
      weight: 150,
      at: 'audience',
      when: { all: [{ fact: 'a', operator: 'equal' }, { any: 'x' }, { not: { fact: 'a', operator: 'equal', value: 1, extra: true } }] },
      examples: { valid: [{ file: 'a.yaml', expect: -1 }] },
    };
    expect(validateAgainstSchema('rule-pack', { ...productPack, rules: [rule] })).toEqual([
      { path: '/rules/0/area', atKey: false, severity: 'error', message: '"area" must be one of opt-in, velocity, category, phrasing, format, content or input (found "spam")' },
      { path: '/rules/0/weight', atKey: false, severity: 'error', message: '"weight" must be at most 100 (found 150)' },
      { path: '/rules/0/at', atKey: false, severity: 'error', message: '"at" must be a JSON pointer like /components/1/text (found "audience")' },
      { path: '/rules/0/when/all/0', atKey: false, severity: 'error', message: '"value" is required in item 1 of "all"' },
      { path: '/rules/0/when/all/1/any', atKey: false, severity: 'error', message: '"any" must be a list, not text' },
      { path: '/rules/0/when/all/2/not/extra', atKey: true, severity: 'error', message: 'unknown key "extra"' },
      { path: '/rules/0/examples/valid/0/expect', atKey: false, severity: 'error', message: '"expect" must be at least 0 (found -1)' },
    ]);
  });
});
