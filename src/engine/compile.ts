import { Engine, Rule, type Operator } from 'json-rules-engine';

import { CUSTOM_OPERATORS, compilePattern } from './operators.js';
import { PackError, ruleSpan, type PackRule, type RulePack } from './pack.js';
import { isRecord } from '../documents/kinds.js';
import type { FactRegistry, FactSet } from '../facts/registry.js';
import type { DocumentKind } from '../types.js';

/** A pack rule compiled for json-rules-engine, with a synchronous gate in front of it. */
export interface CompiledRule {
  rule: PackRule;
  pack: RulePack;
  jre: Rule;
  /**
   * Cheap top-level conditions of an `all` rule, checked synchronously with the same operators
   * before json-rules-engine evaluates the rule. Most rules fail here for most documents.
   */
  gate: (facts: FactSet) => boolean;
  /** Facts the rule reads (conditions, `each`, `at`). */
  facts: string[];
}

export interface CompiledPacks {
  packs: RulePack[];
  engine: Engine;
  byKind: ReadonlyMap<DocumentKind, CompiledRule[]>;
  rulesById: ReadonlyMap<string, CompiledRule>;
}

/** json-rules-engine's Operator.evaluate (validates the fact value's type, then compares); not in its typings. */
interface SyncOperator {
  evaluate(factValue: unknown, value: unknown): boolean;
}

interface OperatorMapLike {
  get(name: string): Operator | undefined;
}

/** Compiles every pack into one engine, once. Rules are indexed by the document kinds they apply to. */
export function compilePacks(packs: RulePack[], registry: FactRegistry): CompiledPacks {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  for (const op of CUSTOM_OPERATORS) engine.addOperator(op);
  const operators = (engine as unknown as { operators: OperatorMapLike }).operators;
  const byKind = new Map<DocumentKind, CompiledRule[]>();
  const rulesById = new Map<string, CompiledRule>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      if (rulesById.has(rule.id)) {
        throw new PackError(`rule id "${rule.id}" is already defined in pack "${rulesById.get(rule.id)!.pack.name}"`, pack.document.source.relPath, ruleSpan(pack, rule, '/id'));
      }
      const facts = checkConditions(pack, rule, registry, operators);
      const jre = new Rule({ name: rule.id, conditions: rule.when as never, event: { type: rule.id } });
      engine.addRule(jre);
      const compiled: CompiledRule = { rule, pack, jre, gate: buildGate(rule, operators), facts };
      rulesById.set(rule.id, compiled);
      for (const kind of rule.appliesTo) {
        const list = byKind.get(kind) ?? [];
        list.push(compiled);
        byKind.set(kind, list);
      }
    }
  }
  return { packs, engine, byKind, rulesById };
}

/** Walks a rule's condition tree: every fact must exist for the rule's kinds, every operator must exist, every pattern must compile. */
function checkConditions(pack: RulePack, rule: PackRule, registry: FactRegistry, operators: OperatorMapLike): string[] {
  const facts = new Set<string>();
  const fail = (message: string, sub: string): never => {
    throw new PackError(`rule ${rule.id}: ${message}`, pack.document.source.relPath, ruleSpan(pack, rule, sub));
  };
  const visit = (node: unknown, pointer: string): void => {
    if (!isRecord(node)) return fail('a condition must be an object', pointer);
    for (const key of ['all', 'any'] as const) {
      if (key in node) {
        const list = node[key];
        if (!Array.isArray(list)) return fail(`"${key}" must be a list of conditions`, `${pointer}/${key}`);
        list.forEach((c, i) => visit(c, `${pointer}/${key}/${i}`));
        return;
      }
    }
    if ('not' in node) return visit(node.not, `${pointer}/not`);
    if ('condition' in node) return;
    const fact = node.fact;
    const operator = node.operator;
    if (typeof fact !== 'string') return fail('a condition needs "fact"', pointer);
    if (typeof operator !== 'string') return fail('a condition needs "operator"', pointer);
    facts.add(fact);
    if (isRecord(node.value) && typeof node.value.fact === 'string') facts.add(node.value.fact);
    const base = operator.split(':').pop()!;
    if (!operators.get(operator) && !operators.get(base)) fail(`unknown operator "${operator}"`, `${pointer}/operator`);
    if (base === 'matchesPattern' || base === 'notMatchesPattern') {
      try {
        compilePattern(String(node.value));
      } catch (error) {
        fail(`invalid pattern: ${error instanceof Error ? error.message : String(error)}`, `${pointer}/value`);
      }
    }
  };
  visit(rule.when, '/when');
  if (rule.each) facts.add(rule.each);
  if (isRecord(rule.at) && typeof rule.at.fact === 'string') facts.add(rule.at.fact);
  for (const fact of facts) {
    for (const kind of rule.appliesTo) {
      if (!registry.providersFor(kind).has(fact)) {
        const known = registry.factNames(kind);
        const hint = known.length > 0 ? `; facts of ${kind} documents include ${known.slice(0, 8).join(', ')}… (msglint rules facts lists them)` : '';
        fail(`unknown fact "${fact}" for ${kind} documents${hint}`, '/when');
      }
    }
  }
  return [...facts];
}

function buildGate(rule: PackRule, operators: OperatorMapLike): (facts: FactSet) => boolean {
  const all = isRecord(rule.when) && Array.isArray(rule.when.all) ? (rule.when.all as unknown[]) : [];
  const checks: { fact: string; op: SyncOperator; value: unknown }[] = [];
  for (const c of all) {
    if (!isRecord(c) || typeof c.fact !== 'string' || typeof c.operator !== 'string') continue;
    if (c.path !== undefined || c.params !== undefined || isRecord(c.value)) continue;
    const op = operators.get(c.operator);
    if (!op) continue;
    checks.push({ fact: c.fact, op: op as unknown as SyncOperator, value: c.value });
  }
  if (checks.length === 0) return () => true;
  return (facts) => checks.every((c) => c.op.evaluate(facts.get(c.fact), c.value));
}
