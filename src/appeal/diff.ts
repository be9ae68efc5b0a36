import { documentIdentity, findingKey } from '../report/fingerprint.js';
import type { DocumentResult, Finding, LintReport } from '../types.js';

/** A finding as the appeal report lists it. */
export interface AppealFinding {
  ruleId: string;
  area: Finding['area'];
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  /** The document it belongs to: `template order_update en_US`, `campaign campaigns/x.yaml`. */
  document: string;
  fix?: string;
  /** For fixed findings: the text the finding was about, before the fix. */
  before?: string;
}

export interface FindingDiff {
  fixed: AppealFinding[];
  remaining: AppealFinding[];
  introduced: AppealFinding[];
  /** Templates followed across a rename: old identity → new identity. */
  renamed: { from: string; to: string }[];
}

export interface RenameHint {
  /** Body text of each template identity, before and now, to follow renamed templates. */
  before: Map<string, string>;
  now: Map<string, string>;
}

function appealFinding(result: DocumentResult, f: Finding, identity: string, withBefore: boolean): AppealFinding {
  return {
    ruleId: f.ruleId,
    area: f.area,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    document: identity,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(withBefore && f.matchedText !== undefined ? { before: f.matchedText } : {}),
  };
}

/** Templates whose identity disappeared but whose body text lives on under a new name. */
export function followRenames(hint: RenameHint): Map<string, string> {
  const renames = new Map<string, string>();
  const byText = new Map<string, string[]>();
  for (const [identity, text] of hint.now) {
    if (hint.before.has(identity) || text.trim() === '') continue;
    const list = byText.get(text) ?? [];
    list.push(identity);
    byText.set(text, list);
  }
  for (const [identity, text] of hint.before) {
    if (hint.now.has(identity)) continue;
    const candidates = byText.get(text);
    if (candidates && candidates.length === 1) renames.set(identity, candidates[0]);
  }
  return renames;
}

/**
 * Matches the findings of the baseline and of now by their stable key (rule, document, JSON path,
 * matched-text hash — the key of baselines and SARIF fingerprints), as multisets: two identical findings
 * before and one now is one fixed and one remaining.
 */
export function diffReports(before: LintReport, now: LintReport, renames: Map<string, string> = new Map()): FindingDiff {
  const pool = new Map<string, { result: DocumentResult; finding: Finding; identity: string }[]>();
  for (const result of before.results) {
    const original = documentIdentity(result);
    const identity = renames.get(original) ?? original;
    const [name, language] = identity.startsWith('template ') ? identity.slice(9).split(' ') : [result.name, result.language];
    for (const finding of result.findings) {
      const key = findingKey({ ...result, name, language }, finding).fingerprint;
      const list = pool.get(key) ?? [];
      list.push({ result, finding, identity: original });
      pool.set(key, list);
    }
  }
  const remaining: AppealFinding[] = [];
  const introduced: AppealFinding[] = [];
  for (const result of now.results) {
    const identity = documentIdentity(result);
    for (const finding of result.findings) {
      const key = findingKey(result, finding).fingerprint;
      const list = pool.get(key);
      if (list && list.length > 0) {
        list.shift();
        remaining.push(appealFinding(result, finding, identity, false));
      } else {
        introduced.push(appealFinding(result, finding, identity, false));
      }
    }
  }
  const fixed: AppealFinding[] = [];
  for (const list of pool.values()) for (const { result, finding, identity } of list) fixed.push(appealFinding(result, finding, identity, true));
  const order = (a: AppealFinding, b: AppealFinding) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    fixed: fixed.sort(order),
    remaining: remaining.sort(order),
    introduced: introduced.sort(order),
    renamed: [...renames].map(([from, to]) => ({ from, to })).sort((a, b) => a.from.localeCompare(b.from)),
  };
}
