import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import picomatch from 'picomatch';
import type { Document } from 'yaml';

import { isRecord } from '../documents/kinds.js';
import { locate } from '../documents/locate.js';
import { parseSource, type LintDocument } from '../documents/parse.js';
import { sourceFromText, type SourceFile } from '../documents/source.js';
import { validateAgainstSchema } from '../documents/validate.js';
import { listBuiltinPacks } from '../engine/pack.js';
import type { Severity, Span } from '../types.js';

export const CONFIG_FILE_NAMES = ['msglint.config.yaml', 'msglint.config.yml', '.msglint.config.yaml', 'msglint.config.json'];

export type RuleSetting = Severity | 'off';

/** Names that stand for every built-in pack. */
const ALL_BUILTINS = new Set(['recommended', 'all']);

/** Globs written in a config, with the folder they are relative to (the folder of the config that wrote them). */
export interface GlobGroup {
  baseDir: string;
  patterns: string[];
}

/** One layer of rule settings, in the order they apply: later layers win. `files` unset: every file. */
export interface RuleLayer {
  files?: GlobGroup;
  rules: Record<string, RuleSetting>;
  /** The config file that wrote the layer (for messages). */
  configFile: string;
}

/** Where a rule id is named in a config, to report ids that match no rule. */
export interface RuleReference {
  id: string;
  file: string;
  span: Span;
}

export interface ResolvedConfig {
  /** The config file, when one was found. */
  file?: string;
  /** Folder the config's relative paths are resolved from. */
  baseDir: string;
  /** Built-in pack names or pack file paths (absolute), in order. Empty: every built-in pack. */
  packs: string[];
  /** Rule settings for every file (overrides not included), merged through `extends`; for `rules list`/`explain`. */
  rules: Record<string, RuleSetting>;
  /** The per-glob overrides as written (globs relative to `baseDir` of the config that wrote them). */
  overrides: { files: string[]; rules: Record<string, RuleSetting>; baseDir: string }[];
  /** All rule settings in the order they apply; use `ruleSettingsFor`. */
  layers: RuleLayer[];
  /** Ignore globs as written (display); matching uses `ignoreGroups`. */
  ignores: string[];
  ignoreGroups: GlobGroup[];
  /** Globs linted when no paths are given, relative to `filesBaseDir`. */
  files: string[];
  filesBaseDir: string;
  thresholds: Record<string, number>;
  failOn?: 'error' | 'warning' | 'never';
  maxRisk?: number;
  /** Default account for campaigns that name none: an absolute path, or the account inline. */
  account?: string | Record<string, unknown>;
  ruleReferences: RuleReference[];
}

/** A config that cannot be used: exit 2 with the location of the mistake. */
export class ConfigError extends Error {
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

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function defaultConfig(cwd: string): ResolvedConfig {
  return { baseDir: cwd, packs: [], rules: {}, overrides: [], layers: [], ignores: [], ignoreGroups: [], files: [], filesBaseDir: cwd, thresholds: {}, ruleReferences: [] };
}

/** Loads the config named by --config, or the first one found walking up from cwd, or the defaults. */
export function loadConfig(cwd: string, explicit?: string): ResolvedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return defaultConfig(cwd);
  if (!isFile(file)) throw new ConfigError('config file not found', explicit ?? file);
  return readConfigFile(file, cwd, []);
}

/** A parsed config file: the document to locate mistakes in, or a note that it is a rule pack. */
type ParsedConfigFile = { kind: 'config'; doc: LintDocument | undefined } | { kind: 'rule-pack' };

function displayPath(file: string, cwd: string): string {
  return (path.relative(cwd, file) || file).split(path.sep).join('/');
}

function parseConfigFile(file: string, cwd: string): ParsedConfigFile {
  const rel = displayPath(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the config (${(error as NodeJS.ErrnoException).code ?? 'error'})`, rel);
  }
  const source = sourceFromText(text, file, cwd);
  const parsed = parseSource(source);
  const syntax = parsed.problems.find((p) => p.ruleId !== 'input/unknown-shape');
  if (syntax) throw new ConfigError(syntax.message, rel, pointAt(source, syntax.start));
  const found = parsed.documents[0];
  if (found?.kind === 'rule-pack') return { kind: 'rule-pack' };
  const yamlDocs = [...new Set([...parsed.documents.map((d) => d.yaml), ...parsed.problems.flatMap((p) => (p.yaml ? [p.yaml] : []))])];
  if (yamlDocs.length > 1) throw new ConfigError('a config file holds one YAML document (found a second "---")', rel, pointAt(source, yamlDocs[1].range[0]));
  const yaml = found?.yaml ?? yamlDocs[0];
  if (!yaml) return { kind: 'config', doc: undefined }; // empty, or only comments: the defaults
  const root = found ? found.data : (yaml.toJS({ maxAliasCount: 100 }) as unknown);
  if (root === null || root === undefined) return { kind: 'config', doc: undefined };
  if (!isRecord(root)) throw new ConfigError('a config is a mapping of settings (extends, rules, overrides, ignores, …)', rel, pointAt(source, yaml.contents?.range[0] ?? 0));
  return { kind: 'config', doc: configDocument(source, yaml, root) };
}

function configDocument(source: SourceFile, yaml: Document.Parsed, data: Record<string, unknown>): LintDocument {
  return { source, yaml, index: 0, kind: 'config', basePath: [], data };
}

function pointAt(source: SourceFile, offset: number): Span {
  const a = source.lines.position(offset);
  return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 };
}

/** A value that names a file rather than a built-in pack. */
function looksLikePath(name: string): boolean {
  return /[/\\]/.test(name) || /\.(ya?ml|json)$/i.test(name);
}

function readConfigFile(file: string, cwd: string, stack: string[]): ResolvedConfig {
  const rel = displayPath(file, cwd);
  const parsed = parseConfigFile(file, cwd);
  if (parsed.kind === 'rule-pack') throw new ConfigError('this is a rule pack, not a config; name it under "extends" or "packs" in msglint.config.yaml', rel);
  const baseDir = path.dirname(file);
  const config = defaultConfig(baseDir);
  config.file = file;
  const doc = parsed.doc;
  if (!doc) return config;
  const at = (pointer: string, atKey = false): Span => locate(doc, pointer, { atKey });
  const fail = (message: string, pointer: string, atKey = false): never => {
    throw new ConfigError(message, rel, at(pointer, atKey));
  };

  const problems = validateAgainstSchema('config', doc.data).filter((p) => p.severity === 'error');
  if (problems.length > 0) fail(`invalid config: ${problems[0].message}`, problems[0].path, problems[0].atKey);
  const data = doc.data;

  // extends: built-in packs by name, pack files and other configs by path; each config layer applies in order.
  const extendsList = typeof data.extends === 'string' ? [data.extends] : Array.isArray(data.extends) ? data.extends.map(String) : [];
  extendsList.forEach((entry, i) => {
    const pointer = typeof data.extends === 'string' ? '/extends' : `/extends/${i}`;
    if (!looksLikePath(entry)) {
      config.packs.push(builtinPackName(entry, () => fail(unknownPackMessage(entry), pointer)));
      return;
    }
    const target = path.resolve(baseDir, entry);
    if (!isFile(target)) fail(`extends "${entry}": no such file (paths are relative to ${rel})`, pointer);
    if (stack.includes(target) || target === file) fail(`extends "${entry}": the configs extend each other in a cycle`, pointer);
    const extended = parseConfigFile(target, cwd);
    if (extended.kind === 'rule-pack') {
      config.packs.push(target);
      return;
    }
    mergeLayer(config, readConfigFile(target, cwd, [...stack, file]));
  });

  const packs = Array.isArray(data.packs) ? data.packs.map(String) : [];
  packs.forEach((p, i) => {
    if (!looksLikePath(p)) {
      config.packs.push(builtinPackName(p, () => fail(unknownPackMessage(p), `/packs/${i}`)));
      return;
    }
    const target = path.resolve(baseDir, p);
    if (!isFile(target)) fail(`pack "${p}": no such file (paths are relative to ${rel})`, `/packs/${i}`);
    config.packs.push(target);
  });

  if (isRecord(data.rules)) {
    const rules = readRuleSettings(data.rules, '/rules', doc, rel, config.ruleReferences);
    Object.assign(config.rules, rules);
    config.layers.push({ rules, configFile: file });
  }
  if (Array.isArray(data.overrides)) {
    data.overrides.forEach((o, i) => {
      if (!isRecord(o)) return;
      const files = typeof o.files === 'string' ? [o.files] : Array.isArray(o.files) ? o.files.map(String) : [];
      if (files.length === 0) fail('an override needs at least one glob in "files"', `/overrides/${i}/files`);
      files.forEach((g, j) => checkGlob(g, () => fail(`"${g}" is not a usable glob`, typeof o.files === 'string' ? `/overrides/${i}/files` : `/overrides/${i}/files/${j}`)));
      const rules = isRecord(o.rules) ? readRuleSettings(o.rules, `/overrides/${i}/rules`, doc, rel, config.ruleReferences) : {};
      config.overrides.push({ files, rules, baseDir });
      config.layers.push({ files: { baseDir, patterns: files }, rules, configFile: file });
    });
  }
  if (Array.isArray(data.ignores)) {
    const ignores = data.ignores.map(String);
    ignores.forEach((g, i) => checkGlob(g, () => fail(`"${g}" is not a usable glob`, `/ignores/${i}`)));
    config.ignores.push(...ignores);
    config.ignoreGroups.push({ baseDir, patterns: ignores });
  }
  if (Array.isArray(data.files)) {
    config.files = data.files.map(String);
    config.filesBaseDir = baseDir;
  }
  if (isRecord(data.thresholds)) for (const [k, v] of Object.entries(data.thresholds)) if (typeof v === 'number') config.thresholds[k] = v;
  if (data.failOn === 'error' || data.failOn === 'warning' || data.failOn === 'never') config.failOn = data.failOn;
  if (typeof data.maxRisk === 'number') config.maxRisk = data.maxRisk;
  if (typeof data.account === 'string') {
    const account = path.resolve(baseDir, data.account);
    if (!isFile(account)) fail(`account "${data.account}": no such file (paths are relative to ${rel})`, '/account');
    config.account = account;
  } else if (isRecord(data.account)) {
    config.account = data.account;
  }
  return config;
}

function builtinPackName(entry: string, onUnknown: () => never): string {
  const name = entry.replace(/^msglint:/, '');
  if (ALL_BUILTINS.has(name) || listBuiltinPacks().includes(name)) return name;
  return onUnknown();
}

function unknownPackMessage(entry: string): string {
  return `unknown pack "${entry}"; built-in packs are recommended (all of them), ${listBuiltinPacks().join(', ')}; or give the path of a pack or config file`;
}

function checkGlob(glob: string, onBad: () => never): void {
  if (glob.trim() === '') onBad();
  try {
    picomatch.makeRe(glob);
  } catch {
    onBad();
  }
}

function readRuleSettings(rules: Record<string, unknown>, pointer: string, doc: LintDocument, rel: string, refs: RuleReference[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(rules)) {
    const setting = isRecord(v) ? v.severity : v;
    if (setting === 'off' || setting === 'info' || setting === 'warning' || setting === 'error') out[id] = setting;
    refs.push({ id, file: rel, span: locate(doc, `${pointer}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, { atKey: true }) });
  }
  return out;
}

/** `extends` first, then the extending file's own settings on top (the caller adds those after this). */
function mergeLayer(target: ResolvedConfig, base: ResolvedConfig): void {
  for (const p of base.packs) if (!target.packs.includes(p)) target.packs.push(p);
  Object.assign(target.rules, base.rules);
  target.overrides.push(...base.overrides);
  target.layers.push(...base.layers);
  target.ignores.push(...base.ignores);
  target.ignoreGroups.push(...base.ignoreGroups);
  if (base.files.length > 0) {
    target.files = base.files;
    target.filesBaseDir = base.filesBaseDir;
  }
  Object.assign(target.thresholds, base.thresholds);
  if (base.failOn !== undefined) target.failOn = base.failOn;
  if (base.maxRisk !== undefined) target.maxRisk = base.maxRisk;
  if (base.account !== undefined) target.account = base.account;
  target.ruleReferences.push(...base.ruleReferences);
}

const matcherCache = new WeakMap<GlobGroup, (rel: string) => boolean>();

/**
 * Globs are relative to the folder of the config that wrote them (like .gitignore and ESLint): `templates/**`
 * in /repo/msglint.config.yaml matches /repo/templates/a.yaml wherever msglint runs from. A glob without a
 * slash (`*.draft.yaml`) matches the file name in any folder.
 */
export function globGroupMatches(group: GlobGroup, absFile: string): boolean {
  let match = matcherCache.get(group);
  if (!match) {
    // (picomatch's own `basename` option stops globs with a slash from matching, so the prefix is added here.)
    const patterns = group.patterns.map((p) => p.replace(/^\.\//, '')).map((p) => (p.includes('/') ? p : `**/${p}`));
    match = patterns.length === 0 ? () => false : picomatch(patterns, { dot: true });
    matcherCache.set(group, match);
  }
  const rel = path.relative(group.baseDir, absFile).split(path.sep).join('/');
  return match(rel);
}

export function isIgnored(config: ResolvedConfig, absFile: string): boolean {
  return config.ignoreGroups.some((g) => globGroupMatches(g, absFile));
}

/** The config's severity for each rule in one file: the last layer (global rules, then overrides, through `extends`) that names the rule wins. */
export function ruleSettingsFor(config: ResolvedConfig, absFile: string): (ruleId: string, packSeverity: Severity) => RuleSetting {
  const applicable = config.layers.filter((l) => !l.files || globGroupMatches(l.files, absFile));
  if (applicable.length === 0) return (_id, severity) => severity;
  return (ruleId, severity) => {
    for (let i = applicable.length - 1; i >= 0; i--) {
      const setting = applicable[i].rules[ruleId];
      if (setting !== undefined) return setting;
    }
    return severity;
  };
}

/**
 * Rule ids in the config that name no rule at all: a typo would silently do nothing, so it is an error with
 * its location. `known` are the ids to suggest from; `isKnown` may accept more (rules of packs not active).
 */
export function checkRuleReferences(config: ResolvedConfig, known: readonly string[], isKnown: (id: string) => boolean = (id) => known.includes(id)): void {
  for (const ref of config.ruleReferences) {
    if (isKnown(ref.id)) continue;
    const near = nearest(ref.id, known);
    const hint = near ? `; did you mean "${near}"?` : ref.id.includes('/') ? '' : '; rule ids look like "phrasing/shouting" (area/name)';
    throw new ConfigError(`no rule "${ref.id}"${hint} (msglint rules list shows the rules)`, ref.file, ref.span);
  }
}

function nearest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 4)) + 1;
  for (const candidate of known) {
    const d = editDistance(id.toLowerCase(), candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return prev[b.length];
}
