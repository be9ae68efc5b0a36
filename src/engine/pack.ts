import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';


import { isRecord } from '../documents/kinds.js';
import { locate } from '../documents/locate.js';
import { parseSource, type LintDocument } from '../documents/parse.js';
import { sourceFromText, type SourceFile } from '../documents/source.js';
import { validateAgainstSchema } from '../documents/validate.js';
import { packageRoot } from '../package-root.js';
import type { Area, DocumentKind, Severity, Span } from '../types.js';

/** json-rules-engine's condition tree, as written in a pack. */
export type ConditionTree = Record<string, unknown>;

export interface PackExample {
  /** The example's position in the pack (for failing examples). */
  pointer: string;
  /** Inline document, or a file relative to the pack. */
  inline?: Record<string, unknown>;
  file?: string;
  /** How many findings of the rule the example must produce (invalid examples: at least 1 by default). */
  expect?: number;
}

export interface PackRule {
  id: string;
  area: Area;
  severity: Severity;
  weight: number;
  title: string;
  message: string;
  fix?: string;
  description?: string;
  source?: string;
  appliesTo: DocumentKind[];
  /** Where the finding points: a JSON pointer in the document, or a fact holding one (or a text match). */
  at?: string | { fact: string };
  /** One finding per item of this fact (a list of text matches). */
  each?: string;
  when: ConditionTree;
  examples: { valid: PackExample[]; invalid: PackExample[] };
  /** Index of the rule in its pack's `rules` list, for positions. */
  index: number;
}

export interface RulePack {
  name: string;
  version: string;
  policyDate?: string;
  description?: string;
  sources: string[];
  appliesTo: DocumentKind[];
  rules: PackRule[];
  /** Where it was loaded from: the pack file. */
  file: string;
  builtin: boolean;
  /** The parsed pack, so examples and errors can be located. */
  document: LintDocument;
}

/** A pack that cannot be used: msglint stops with exit 2 and says where. */
export class PackError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly span?: Span,
  ) {
    super(message);
  }

  get location(): string {
    return this.span ? `${this.file}:${this.span.line}:${this.span.column}` : this.file;
  }
}

export const BUILTIN_PACK_NAMES = ['input', 'format', 'category', 'phrasing', 'content', 'opt-in', 'velocity'] as const;

export function builtinPackDir(): string {
  return path.join(packageRoot(), 'rules');
}

/** Built-in packs live in `rules/<name>/pack.yaml`. */
export function builtinPackFile(name: string): string | undefined {
  const file = path.join(builtinPackDir(), name, 'pack.yaml');
  return existsSync(file) ? file : undefined;
}

export function listBuiltinPacks(): string[] {
  const dir = builtinPackDir();
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'pack.yaml')))
    .map((e) => e.name);
  // Keep the documented order first (input problems lead every report), then any others alphabetically.
  const known = BUILTIN_PACK_NAMES.filter((n) => found.includes(n));
  return [...known, ...found.filter((n) => !(BUILTIN_PACK_NAMES as readonly string[]).includes(n)).sort()];
}

/** Built-in packs serialised at build time (scripts/build-packs.mjs): JSON parses far faster than YAML with source ranges. */
export function compiledPackFile(name: string): string {
  return path.join(packageRoot(), 'dist', 'packs', `${name}.json`);
}

export type SerializedPack = Omit<RulePack, 'document' | 'file'>;

export function serializePack(pack: RulePack): SerializedPack {
  const { document: _document, file: _file, ...rest } = pack;
  return rest;
}

/**
 * A built-in pack from its build-time JSON, when that is at least as new as the YAML (so editing a pack
 * without rebuilding still works). The YAML document is parsed only if something needs positions in it.
 */
function loadCompiledBuiltin(file: string, cwd: string): RulePack | undefined {
  const name = path.basename(path.dirname(file));
  const json = compiledPackFile(name);
  try {
    if (statSync(json).mtimeMs < statSync(file).mtimeMs) return undefined;
    const data = JSON.parse(readFileSync(json, 'utf8')) as SerializedPack;
    let document: LintDocument | undefined;
    const pack = { ...data, file } as RulePack;
    Object.defineProperty(pack, 'document', {
      enumerable: false,
      get: () => (document ??= loadPackText(readFileSync(file, 'utf8'), file, cwd, true).document),
    });
    return pack;
  } catch {
    return undefined;
  }
}

export function loadPackFile(file: string, cwd: string, builtin: boolean): RulePack {
  if (builtin) {
    const compiled = loadCompiledBuiltin(file, cwd);
    if (compiled) return compiled;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PackError('rule pack not found or unreadable', path.relative(cwd, file) || file);
  }
  return loadPackText(text, file, cwd, builtin);
}

export function loadPackText(text: string, file: string, cwd: string, builtin: boolean): RulePack {
  const source: SourceFile = sourceFromText(text, file, cwd);
  const parsed = parseSource(source);
  if (parsed.problems.length > 0) {
    const p = parsed.problems[0];
    const a = source.lines.position(p.start);
    throw new PackError(p.message, source.relPath, { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 });
  }
  const doc = parsed.documents.find((d) => d.kind === 'rule-pack');
  if (!doc) throw new PackError('not a rule pack: the file needs "kind: rule-pack"', source.relPath);
  const problems = validateAgainstSchema('rule-pack', doc.data).filter((p) => p.severity === 'error');
  if (problems.length > 0) {
    const p = problems[0];
    throw new PackError(`invalid rule pack: ${p.message}`, source.relPath, locate(doc, p.path, { atKey: p.atKey }));
  }
  const data = doc.data;
  const packKinds = asKinds(data.appliesTo) ?? ['template'];
  const rules = (data.rules as Record<string, unknown>[]).map((r, index): PackRule => {
    const examples = isRecord(r.examples) ? r.examples : {};
    return {
      id: String(r.id),
      area: r.area as Area,
      severity: r.severity as Severity,
      weight: typeof r.weight === 'number' ? r.weight : 0,
      title: String(r.title),
      message: String(r.message),
      fix: typeof r.fix === 'string' ? r.fix : undefined,
      description: typeof r.description === 'string' ? r.description : undefined,
      source: typeof r.source === 'string' ? r.source : undefined,
      appliesTo: asKinds(r.appliesTo) ?? packKinds,
      at: typeof r.at === 'string' || isRecord(r.at) ? (r.at as PackRule['at']) : undefined,
      each: typeof r.each === 'string' ? r.each : undefined,
      when: r.when as ConditionTree,
      examples: {
        valid: readExamples(examples.valid, `/rules/${index}/examples/valid`),
        invalid: readExamples(examples.invalid, `/rules/${index}/examples/invalid`),
      },
      index,
    };
  });
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new PackError(`rule id "${rule.id}" appears twice`, source.relPath, locate(doc, `/rules/${rule.index}/id`));
    seen.add(rule.id);
  }
  return {
    name: String(data.name),
    version: String(data.version ?? '0.0.0'),
    policyDate: data.policyDate === undefined ? undefined : String(data.policyDate),
    description: typeof data.description === 'string' ? data.description : undefined,
    sources: Array.isArray(data.sources) ? data.sources.map(String) : [],
    appliesTo: packKinds,
    rules,
    file,
    builtin,
    document: doc,
  };
}

function asKinds(value: unknown): DocumentKind[] | undefined {
  if (typeof value === 'string') return [value as DocumentKind];
  if (Array.isArray(value)) return value.map((v) => String(v) as DocumentKind);
  return undefined;
}

function readExamples(value: unknown, pointer: string): PackExample[] {
  if (!Array.isArray(value)) return [];
  return value.map((v, i) => {
    const p = `${pointer}/${i}`;
    if (isRecord(v) && typeof v.file === 'string' && Object.keys(v).every((k) => k === 'file' || k === 'expect')) {
      return { pointer: p, file: v.file, expect: typeof v.expect === 'number' ? v.expect : undefined };
    }
    return { pointer: p, inline: isRecord(v) ? v : {} };
  });
}

/** Where a rule is written, for messages about the pack itself. */
export function ruleSpan(pack: RulePack, rule: PackRule, sub = ''): Span {
  return locate(pack.document, `/rules/${rule.index}${sub}`);
}

