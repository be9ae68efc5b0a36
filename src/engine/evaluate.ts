import { Almanac, type RuleResult } from 'json-rules-engine';

import type { CompiledPacks, CompiledRule } from './compile.js';
import { findPattern } from './operators.js';
import { isRecord } from '../documents/kinds.js';
import { locate, resolveNode, parsePointer } from '../documents/locate.js';
import type { LintDocument } from '../documents/parse.js';
import type { FactSet } from '../facts/registry.js';
import type { Finding, Span } from '../types.js';

/** An almanac that reads msglint's lazily computed facts instead of json-rules-engine fact objects. */
class FactSetAlmanac extends Almanac {
  constructor(private readonly facts: FactSet) {
    super({ allowUndefinedFacts: true });
  }

  override factValue<T>(factId: string, params?: Record<string, unknown>, path?: string): Promise<T> {
    if (path) {
      // Let json-rules-engine resolve `path` the way it documents, on our value.
      this.addFact(factId, this.facts.get(factId));
      return super.factValue<T>(factId, params, path);
    }
    return Promise.resolve(this.facts.get(factId) as T);
  }
}

interface EvaluableRule {
  evaluate(almanac: Almanac): Promise<RuleResult & { conditions: unknown }>;
}

/**
 * Runs the rules that apply to a document's kind; returns one finding per hit (or per item of `each`).
 *
 * A rule that throws (a fact provider meeting data it did not expect) must not stop the run: the other
 * rules still run, and the document gets one `input/not-checked` error naming what failed, so a bug on
 * strange input is visible in the report (and fails CI) instead of crashing every other file's lint.
 */
export async function evaluateDocument(doc: LintDocument, compiled: CompiledPacks, facts: FactSet, enabled: (rule: CompiledRule) => boolean): Promise<Finding[]> {
  const rules = compiled.byKind.get(doc.kind) ?? [];
  const failures: { rule: CompiledRule; error: unknown }[] = [];
  const candidates = rules.filter((r) => {
    if (!enabled(r)) return false;
    try {
      return r.gate(facts);
    } catch (error) {
      failures.push({ rule: r, error });
      return false;
    }
  });
  const findings: Finding[] = [];
  if (candidates.length > 0) {
    const almanac = new FactSetAlmanac(facts);
    const results = await Promise.all(
      candidates.map((r) =>
        (r.jre as unknown as EvaluableRule).evaluate(almanac).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
      ),
    );
    results.forEach((outcome, i) => {
      if ('error' in outcome) failures.push({ rule: candidates[i], error: outcome.error });
      else if (outcome.result.result) {
        try {
          findings.push(...toFindings(doc, candidates[i], facts, outcome.result.conditions));
        } catch (error) {
          failures.push({ rule: candidates[i], error });
        }
      }
    });
  }
  if (failures.length > 0) findings.push(notChecked(doc, failures));
  return findings;
}

function notChecked(doc: LintDocument, failures: { rule: CompiledRule; error: unknown }[]): Finding {
  const first = failures[0];
  const reason = first.error instanceof Error ? first.error.message : String(first.error);
  const ids = failures.map((f) => f.rule.rule.id);
  const which = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
  return {
    ruleId: 'input/not-checked',
    area: 'input',
    severity: 'error',
    message: `msglint could not finish checking this document: ${which} failed (${reason.length > 200 ? `${reason.slice(0, 197)}...` : reason}); this is a bug in msglint, please report it with the file`,
    file: doc.source.relPath,
    path: '',
    weight: 0,
    ...safeLocate(doc, ''),
  };
}

/** The document's own position, or 1:1 when even that cannot be found. */
function safeLocate(doc: LintDocument, pointer: string): Span {
  try {
    return locate(doc, pointer);
  } catch {
    return { line: 1, column: 1, endLine: 1, endColumn: 2 };
  }
}

function toFindings(doc: LintDocument, compiled: CompiledRule, facts: FactSet, conditions: unknown): Finding[] {
  const { rule } = compiled;
  const evidence = collectEvidence(conditions);
  const base = {
    ruleId: rule.id,
    area: rule.area,
    severity: rule.severity,
    file: doc.source.relPath,
    weight: rule.weight,
    source: rule.source,
    evidence,
  };
  if (rule.each) {
    const items = facts.get(rule.each);
    const list = Array.isArray(items) ? items : [];
    return list.map((item) => {
      const scope = isRecord(item) ? item : { value: item };
      const where = placeOf(doc, compiled, facts, scope, conditions);
      return {
        ...base,
        ...where.span,
        path: where.path,
        message: interpolate(rule.message, scope, facts),
        fix: rule.fix ? interpolate(rule.fix, scope, facts) : undefined,
        matchedText: where.text,
      };
    });
  }
  const where = placeOf(doc, compiled, facts, {}, conditions);
  return [
    {
      ...base,
      ...where.span,
      path: where.path,
      message: interpolate(rule.message, {}, facts),
      fix: rule.fix ? interpolate(rule.fix, {}, facts) : undefined,
      matchedText: where.text,
    },
  ];
}

interface Place {
  span: Span;
  path: string;
  text?: string;
}

/** Decides where a finding points: the item's text match, the rule's `at`, a pattern match, or the document. */
function placeOf(doc: LintDocument, compiled: CompiledRule, facts: FactSet, scope: Record<string, unknown>, conditions: unknown): Place {
  if (typeof scope.path === 'string') return placeOfMatch(doc, scope);
  const at = compiled.rule.at;
  if (isRecord(at) && typeof at.fact === 'string') {
    const value = facts.get(at.fact);
    const first = Array.isArray(value) ? value[0] : value;
    if (isRecord(first) && typeof first.path === 'string') return placeOfMatch(doc, first);
    if (typeof first === 'string') return placeOfPointer(doc, first);
  }
  if (typeof at === 'string') return placeOfPointer(doc, interpolate(at, scope, facts));
  const pattern = firstPatternMatch(conditions, facts);
  if (pattern) return placeOfMatch(doc, pattern);
  return placeOfPointer(doc, '');
}

function placeOfMatch(doc: LintDocument, m: Record<string, unknown>): Place {
  const path = String(m.path);
  const start = typeof m.start === 'number' ? m.start : undefined;
  const end = typeof m.end === 'number' ? m.end : undefined;
  const span = locate(doc, path, start !== undefined && end !== undefined && end > start ? { start, end } : {});
  return { span, path, text: typeof m.text === 'string' ? m.text : valueText(doc, path) };
}

function placeOfPointer(doc: LintDocument, pointer: string): Place {
  return { span: locate(doc, pointer), path: pointer, text: valueText(doc, pointer) };
}

function valueText(doc: LintDocument, pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const { node, complete } = resolveNode(doc.yaml, [...doc.basePath, ...parsePointer(pointer)]);
  if (!complete || !node) return undefined;
  const v = (node as { value?: unknown }).value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** For pattern conditions on a located text fact (`bodyText` with `bodyPath`), the first match's place. */
function firstPatternMatch(conditions: unknown, facts: FactSet): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (found || !isRecord(node)) return;
    for (const key of ['all', 'any']) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    if (node.result !== true || node.operator !== 'matchesPattern' || typeof node.fact !== 'string') return;
    const text = facts.get(node.fact);
    const pathFact = node.fact.replace(/Text$/, 'Path');
    const path = pathFact !== node.fact ? facts.get(pathFact) : undefined;
    if (typeof text !== 'string' || typeof path !== 'string') return;
    const m = findPattern(String(node.value), text);
    if (m) found = { path, start: m[0], end: m[1], text: text.slice(m[0], m[1]) };
  };
  visit(conditions);
  return found;
}

/** The fact values each condition compared, as evidence of why the rule fired (kept small). */
function collectEvidence(conditions: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (!isRecord(node)) return;
    for (const key of ['all', 'any']) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    if (isRecord(node.not)) visit(node.not);
    if (typeof node.fact === 'string' && 'factResult' in node) out[node.fact] = compact(node.factResult);
  };
  visit(conditions);
  return out;
}

function compact(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 117)}...` : value;
  if (Array.isArray(value)) {
    const head = value.slice(0, 5).map((v) => (isRecord(v) && typeof v.text === 'string' ? v.text : compact(v)));
    return value.length > 5 ? [...head, `… ${value.length - 5} more`] : head;
  }
  if (isRecord(value)) return '[object]';
  return value;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders from the item being reported, then from the document's facts. */
export function interpolate(template: string, scope: Record<string, unknown>, facts: FactSet): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.startsWith('item.') ? name.slice(5) : name;
    const value = key in scope ? scope[key] : facts.get(key);
    return value === undefined ? whole : formatValue(value);
  });
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    const parts = value.map((v) => (isRecord(v) && typeof v.text === 'string' ? `'${v.text}'` : formatValue(v)));
    const uniq = [...new Set(parts)];
    return uniq.length > 5 ? `${uniq.slice(0, 5).join(', ')} and ${uniq.length - 5} more` : uniq.join(', ');
  }
  if (isRecord(value)) return typeof value.text === 'string' ? value.text : JSON.stringify(value);
  return String(value);
}
