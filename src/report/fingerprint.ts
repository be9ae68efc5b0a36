import { createHash } from 'node:crypto';

import type { DocumentResult, Finding } from '../types.js';

/**
 * The identity of a finding across runs, shared by baselines, SARIF `partialFingerprints` and the appeal report.
 *
 * It is made of the rule, the document (a template by kind + name + language, so moving it to another file keeps
 * it; anything else by its file), the JSON path inside the document and a hash of the matched text. Line numbers
 * are left out on purpose: adding or moving unrelated lines must not make an old finding look new.
 */
export interface FindingKey {
  ruleId: string;
  /** `template order_update en_US`, or `campaign fixtures/campaigns/x.yaml`, or `file fixtures/broken.yaml`. */
  document: string;
  path: string;
  /** sha256 of the matched text with runs of white space collapsed (first 16 hex digits); '' when there is none. */
  textHash: string;
  /** sha256 of the four parts above (first 32 hex digits): the key itself. */
  fingerprint: string;
}

type DocumentIdentity = Pick<DocumentResult, 'file' | 'kind' | 'name' | 'language'>;

export function documentIdentity(result: DocumentIdentity): string {
  if (result.kind === 'template' && result.name) return ['template', result.name, result.language ?? ''].join(' ').trimEnd();
  if (result.kind === 'unknown') return `file ${result.file}`;
  return `${result.kind} ${result.file}`;
}

function sha256(text: string, hexDigits: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, hexDigits);
}

export function hashText(text: string | undefined): string {
  if (text === undefined) return '';
  const normalized = text.replace(/\s+/g, ' ').trim();
  return normalized === '' ? '' : sha256(normalized, 16);
}

export function findingKey(result: DocumentIdentity, finding: Pick<Finding, 'ruleId' | 'path' | 'matchedText'>): FindingKey {
  const parts = { ruleId: finding.ruleId, document: documentIdentity(result), path: finding.path, textHash: hashText(finding.matchedText) };
  return { ...parts, fingerprint: keyFingerprint(parts) };
}

/** The key of the four parts (also for baseline entries, which store the parts). */
export function keyFingerprint(parts: Omit<FindingKey, 'fingerprint'>): string {
  // NUL separators: no rule id, path or identity contains one, so different parts never run together.
  return sha256([parts.ruleId, parts.document, parts.path, parts.textHash].join('\u0000'), 32);
}

/**
 * Fingerprints for every finding of a result, numbered like a multiset: the n-th finding with the same key in a
 * document gets `<key>:<n>`, so identical findings stay distinct and keep their number when other lines move.
 */
export function occurrenceFingerprints(result: DocumentIdentity, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const { fingerprint } = findingKey(result, f);
    const n = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, n);
    return `${fingerprint}:${n}`;
  });
}
