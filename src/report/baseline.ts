import { readFileSync } from 'node:fs';

import { findingKey, keyFingerprint } from './fingerprint.js';
import { isRecord } from '../documents/kinds.js';
import type { DocumentResult, LintReport, Severity, SuppressedFinding } from '../types.js';

/**
 * A baseline records the findings a repository already has, so that adopting msglint (or a new pack) fails only
 * on new findings. Entries are counted, like a multiset: one new occurrence of a rule in a document is reported
 * on its own, without bringing back the occurrences that were already there.
 */
export interface BaselineEntry {
  ruleId: string;
  /** Document identity (see fingerprint.ts): templates by kind + name + language, anything else by file. */
  document: string;
  path: string;
  textHash: string;
  count: number;
  /** Where it was found when recorded, and the message then (for people reading the file; not part of the key). */
  file: string;
  message: string;
}

export interface Baseline {
  version: 1;
  tool: { name: 'msglint'; version: string };
  findings: BaselineEntry[];
}

/** A baseline file msglint cannot use: exit 2. */
export class BaselineError extends Error {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super(message);
  }
}

/** The baseline of a report: every finding still reported (suppressed ones are already accounted for). */
export function createBaseline(report: LintReport): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const result of report.results) {
    for (const f of result.findings) {
      const key = findingKey(result, f);
      const entry = entries.get(key.fingerprint);
      if (entry) entry.count++;
      else entries.set(key.fingerprint, { ruleId: key.ruleId, document: key.document, path: key.path, textHash: key.textHash, count: 1, file: f.file, message: f.message });
    }
  }
  const findings = [...entries.values()].sort(
    (a, b) => cmp(a.document, b.document) || cmp(a.ruleId, b.ruleId) || cmp(a.path, b.path) || cmp(a.textHash, b.textHash),
  );
  return { version: 1, tool: report.tool, findings };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((e) => ({ ruleId: e.ruleId, document: e.document, path: e.path, textHash: e.textHash, count: e.count, file: e.file, message: e.message }));
  return JSON.stringify({ version: baseline.version, tool: baseline.tool, findings }, null, 2) + '\n';
}

export function readBaseline(file: string, displayName = file): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'}); write one with --write-baseline`, displayName);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline is not valid JSON (${error instanceof Error ? error.message : String(error)})`, displayName);
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.findings)) {
    throw new BaselineError('not a msglint baseline (expected {"version": 1, "findings": [...]}, as written by --write-baseline)', displayName);
  }
  const findings: BaselineEntry[] = data.findings.map((e, i) => {
    const ok = isRecord(e) && typeof e.ruleId === 'string' && typeof e.document === 'string' && typeof e.path === 'string' && typeof e.textHash === 'string';
    const count = isRecord(e) ? e.count ?? 1 : 1;
    if (!ok || typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new BaselineError(`findings[${i}] needs ruleId, document, path and textHash (strings) and a positive count`, displayName);
    }
    return { ruleId: e.ruleId as string, document: e.document as string, path: e.path as string, textHash: e.textHash as string, count, file: typeof e.file === 'string' ? e.file : '', message: typeof e.message === 'string' ? e.message : '' };
  });
  const tool = isRecord(data.tool) && typeof data.tool.version === 'string' ? { name: 'msglint' as const, version: data.tool.version } : { name: 'msglint' as const, version: 'unknown' };
  return { version: 1, tool, findings };
}

export interface BaselineOutcome {
  /** Findings moved to `suppressed` because the baseline records them. */
  matched: number;
  /** Baseline entries no longer found (fixed): the baseline can be rewritten smaller. */
  stale: number;
}

/**
 * Moves the findings the baseline records from `findings` to `suppressed` (kind `baseline`) and recounts the
 * summary, so the exit code reflects new findings only. Risk scores are left as they are: the risk is real
 * whether or not the finding is new.
 */
export function applyBaseline(report: LintReport, baseline: Baseline, label: string): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = keyFingerprint(e);
    remaining.set(key, (remaining.get(key) ?? 0) + e.count);
  }
  let matched = 0;
  for (const result of report.results) {
    const kept: typeof result.findings = [];
    for (const f of result.findings) {
      const key = findingKey(result, f).fingerprint;
      const left = remaining.get(key) ?? 0;
      if (left === 0) {
        kept.push(f);
        continue;
      }
      remaining.set(key, left - 1);
      matched++;
      const suppressed: SuppressedFinding = { ...f, suppression: { kind: 'baseline', reason: `recorded in the baseline ${label}` } };
      (result.suppressed ??= []).push(suppressed);
    }
    result.findings = kept;
  }
  report.summary = recount(report);
  let stale = 0;
  for (const n of remaining.values()) stale += n;
  return { matched, stale };
}

function recount(report: LintReport): LintReport['summary'] {
  const count = (s: Severity) => report.results.reduce((n, r: DocumentResult) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const suppressed = report.results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
  return { ...report.summary, errors: count('error'), warnings: count('warning'), infos: count('info'), ...(suppressed > 0 ? { suppressed } : {}) };
}
