import type { PackExample, RulePack } from '../engine/pack.js';
import type { Area, DocumentKind, Severity } from '../types.js';

/** What reports need to know about a rule: SARIF `rules[]`, Markdown links, the generated docs/rules.md. */
export interface RuleInfo {
  id: string;
  area: Area;
  severity: Severity;
  weight: number;
  title: string;
  description?: string;
  message: string;
  fix?: string;
  source?: string;
  appliesTo: DocumentKind[];
  /** The pack that defines it; core rules (reported by msglint itself, not by a pack) have none. */
  pack?: { name: string; version: string; policyDate?: string; file: string; builtin: boolean };
  examples?: { valid: PackExample[]; invalid: PackExample[] };
}

export const REPOSITORY_URL = 'https://github.com/msglint/msglint';
export const RULE_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;
const README_URL = `${REPOSITORY_URL}/blob/main/README.md`;

const ALL_KINDS: DocumentKind[] = ['template', 'campaign', 'account', 'config', 'rule-pack'];

/**
 * Findings msglint reports itself, outside the packs: files that cannot be read, schema mismatches, and the
 * suppression directives. They are rules like any other for config severities, SARIF and the docs.
 */
export const CORE_RULES: readonly RuleInfo[] = [
  {
    id: 'input/unreadable',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'The file cannot be read',
    description: 'The file is binary, is not UTF-8 text, is larger than msglint reads (32 MB), or cannot be opened. The other files are still linted.',
    message: 'the file cannot be read (binary, not UTF-8, too large or not accessible)',
    fix: 'Save the file as UTF-8 YAML or JSON, or leave it out of the paths and globs msglint lints.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/parse-error',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'The file is not valid YAML or JSON',
    description: 'A syntax error stops msglint from reading the document: a bad indent, a tab, a missing quote or colon, a duplicate key. The finding points at the first problem.',
    message: 'invalid YAML: the indentation does not line up',
    fix: 'Correct the syntax at the position shown; an editor with the msglint JSON Schemas (see the README) shows these while typing.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/too-complex',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'The file expands too many YAML aliases or is nested too deeply',
    description: 'Files that expand hundreds of YAML aliases ("billion laughs"), nest more than 100 levels deep, hold a string over 100,000 characters, more than 400,000 values or more than 10,000 YAML documents are refused at the place that breaks the limit, so msglint never hangs or runs out of memory.',
    message: 'the file expands too many YAML aliases; it looks like an alias bomb',
    fix: 'Write the values out instead of chaining aliases, and flatten the nesting.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/encoding',
    area: 'input',
    severity: 'warning',
    weight: 0,
    title: 'The file is not saved as UTF-8',
    description: 'UTF-16 files with a byte-order mark are read, with this warning: editors, diff tools and Meta\'s API expect UTF-8.',
    message: 'the file is UTF-16; save it as UTF-8',
    fix: 'Save the file as UTF-8 (without a byte-order mark).',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/not-checked',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'msglint could not finish checking the document',
    description: 'A fact or rule failed on this document (a bug in msglint): the other rules still ran, and this finding says which part did not.',
    message: 'msglint could not finish checking this document',
    fix: 'Report it with the file; the rest of the document was checked.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/unknown-shape',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'msglint cannot tell what the document is',
    description: 'A document is linted as a message template when it has `components` (or name, language and category), and as a campaign, account, config or rule pack when it says so with `kind:`. Anything else is reported, never guessed.',
    message: 'msglint does not know what this is',
    fix: 'Add "kind: campaign" (or account, config, rule-pack) to msglint documents, or "components" to templates; or leave the file out of the linted paths.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/schema',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'The document does not match its JSON Schema',
    description: 'Every kind of document has a JSON Schema shipped in schemas/; a value of the wrong type, a missing required field or an unknown enum value is reported at the offending line.',
    message: 'category must be one of MARKETING, UTILITY, AUTHENTICATION',
    fix: 'Correct the value at the position shown; editors validate while typing with the yaml-language-server comment shown in the README.',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/unknown-key',
    area: 'input',
    severity: 'warning',
    weight: 0,
    title: 'A key the schema does not know (often a typo)',
    description: 'Templates, campaigns and accounts may carry extra keys (Meta adds fields, teams add notes), so an unknown key is a warning there; a misspelled key silently does nothing, which is why it is reported.',
    message: 'unknown key "catgory"; did you mean "category"?',
    fix: 'Correct the spelling, or prefix your own fields with "x-".',
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/suppression-without-reason',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'A suppression comment without a reason',
    description:
      'A `# msglint-disable…` comment must say why after ` -- `, so that reviewers and the appeal report can tell a considered exception from a silenced warning. A directive without a reason suppresses nothing.',
    message: 'msglint-disable-next-line needs a reason after " -- "; it suppresses nothing until it has one',
    fix: 'Add the reason: # msglint-disable-next-line phrasing/shouting -- "SALE" is part of the brand name',
    source: `${README_URL}#suppressing-a-finding`,
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/invalid-suppression',
    area: 'input',
    severity: 'error',
    weight: 0,
    title: 'A suppression comment that names no rule',
    description: 'Suppressions name the rules they silence (`# msglint-disable-next-line phrasing/shouting -- reason`); a directive that names none would hide every finding, so it is refused and suppresses nothing.',
    message: 'msglint-disable names no rule; write the rule ids it silences, separated by commas',
    fix: 'Name the rule ids, e.g. # msglint-disable phrasing/shouting, phrasing/punctuation-run -- reason',
    source: `${README_URL}#suppressing-a-finding`,
    appliesTo: ALL_KINDS,
  },
  {
    id: 'input/unused-suppression',
    area: 'input',
    severity: 'warning',
    weight: 0,
    title: 'A suppression comment that suppresses nothing',
    description: 'The finding it was written for is gone (fixed, moved, or the rule is off), or the rule id is misspelled. Stale directives would silently hide a future problem, so they are reported.',
    message: 'msglint-disable-next-line phrasing/shouting suppresses nothing on line 9',
    fix: 'Remove the directive (or the stale rule id from it).',
    source: `${README_URL}#suppressing-a-finding`,
    appliesTo: ALL_KINDS,
  },
];

const CORE_BY_ID = new Map(CORE_RULES.map((r) => [r.id, r]));

export function coreRule(id: string): RuleInfo | undefined {
  return CORE_BY_ID.get(id);
}

/** Every rule of the given packs plus the core rules, sorted by id. */
export function ruleCatalog(packs: readonly RulePack[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>(CORE_RULES.map((r) => [r.id, r]));
  for (const pack of packs) {
    for (const rule of pack.rules) {
      byId.set(rule.id, {
        id: rule.id,
        area: rule.area,
        severity: rule.severity,
        weight: rule.weight,
        title: rule.title,
        description: rule.description,
        message: rule.message,
        fix: rule.fix,
        source: rule.source,
        appliesTo: rule.appliesTo,
        pack: { name: pack.name, version: pack.version, policyDate: pack.policyDate, file: pack.file, builtin: pack.builtin },
        examples: rule.examples,
      });
    }
  }
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The anchor of a rule in docs/rules.md: `phrasing/shouting` → `phrasing-shouting`. */
export function ruleAnchor(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Where a rule is documented: docs/rules.md for built-in and core rules; a user pack's own source link otherwise. */
export function ruleHelpUri(rule: Pick<RuleInfo, 'id' | 'pack' | 'source'>): string | undefined {
  if (!rule.pack || rule.pack.builtin) return `${RULE_DOCS_URL}#${ruleAnchor(rule.id)}`;
  return rule.source && /^https?:\/\//.test(rule.source) ? rule.source : undefined;
}
