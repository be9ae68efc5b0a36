import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { isRecord } from '../documents/kinds.js';
import { locate } from '../documents/locate.js';
import { parseSource } from '../documents/parse.js';
import { sourceFromText } from '../documents/source.js';
import { validateAgainstSchema } from '../documents/validate.js';
import type { Severity, Span } from '../types.js';

export const CONFIG_FILE_NAMES = ['msglint.config.yaml', 'msglint.config.yml', '.msglint.config.yaml', 'msglint.config.json'];

export type RuleSetting = Severity | 'off';

export interface ResolvedConfig {
  /** The config file, when one was found. */
  file?: string;
  /** Folder the config's relative paths are resolved from. */
  baseDir: string;
  /** Built-in pack names or pack file paths (absolute), in order. */
  packs: string[];
  rules: Record<string, RuleSetting>;
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[];
  ignores: string[];
  files: string[];
  thresholds: Record<string, number>;
  failOn?: 'error' | 'warning' | 'never';
  maxRisk?: number;
  account?: string | Record<string, unknown>;
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

export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function defaultConfig(cwd: string): ResolvedConfig {
  return { baseDir: cwd, packs: [], rules: {}, overrides: [], ignores: [], files: [], thresholds: {} };
}

/** Loads the config named by --config, or the first one found walking up from cwd, or the defaults. */
export function loadConfig(cwd: string, explicit?: string): ResolvedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return defaultConfig(cwd);
  if (!existsSync(file)) throw new ConfigError('config file not found', explicit ?? file);
  return readConfigFile(file, cwd, new Set());
}

function readConfigFile(file: string, cwd: string, seen: Set<string>): ResolvedConfig {
  const rel = path.relative(cwd, file) || file;
  if (seen.has(file)) throw new ConfigError('config "extends" itself (a cycle)', rel);
  seen.add(file);
  const source = sourceFromText(readFileSync(file, 'utf8'), file, cwd);
  const parsed = parseSource(source);
  if (parsed.problems.length > 0) {
    const p = parsed.problems[0];
    const a = source.lines.position(p.start);
    throw new ConfigError(p.message, rel, { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 });
  }
  const doc = parsed.documents[0];
  if (!doc) throw new ConfigError('the config file is empty', rel);
  const problems = validateAgainstSchema('config', doc.data).filter((p) => p.severity === 'error');
  if (problems.length > 0) throw new ConfigError(`invalid config: ${problems[0].message}`, rel, locate(doc, problems[0].path, { atKey: problems[0].atKey }));
  const data = doc.data;
  const baseDir = path.dirname(file);
  const config = defaultConfig(baseDir);
  config.file = file;
  const extendsList = typeof data.extends === 'string' ? [data.extends] : Array.isArray(data.extends) ? data.extends.map(String) : [];
  for (const ext of extendsList) {
    if (/[/\\]/.test(ext) || /\.(ya?ml|json)$/i.test(ext)) {
      const target = path.resolve(baseDir, ext);
      if (!existsSync(target)) throw new ConfigError(`extends "${ext}": file not found`, rel, locate(doc, '/extends'));
      const parsedTarget = parseSource(sourceFromText(readFileSync(target, 'utf8'), target, cwd));
      const kind = parsedTarget.documents[0]?.kind;
      if (kind === 'rule-pack') config.packs.push(target);
      else mergeInto(config, readConfigFile(target, cwd, seen));
    } else {
      config.packs.push(ext.replace(/^msglint:/, ''));
    }
  }
  const packs = Array.isArray(data.packs) ? data.packs.map(String) : [];
  for (const p of packs) config.packs.push(/[/\\]|\.ya?ml$/i.test(p) ? path.resolve(baseDir, p) : p);
  if (isRecord(data.rules)) Object.assign(config.rules, readRuleSettings(data.rules));
  if (Array.isArray(data.overrides)) {
    for (const o of data.overrides.filter(isRecord)) {
      const files = typeof o.files === 'string' ? [o.files] : Array.isArray(o.files) ? o.files.map(String) : [];
      config.overrides.push({ files, rules: isRecord(o.rules) ? readRuleSettings(o.rules) : {} });
    }
  }
  if (Array.isArray(data.ignores)) config.ignores.push(...data.ignores.map(String));
  if (Array.isArray(data.files)) config.files = data.files.map(String);
  if (isRecord(data.thresholds)) for (const [k, v] of Object.entries(data.thresholds)) if (typeof v === 'number') config.thresholds[k] = v;
  if (data.failOn === 'error' || data.failOn === 'warning' || data.failOn === 'never') config.failOn = data.failOn;
  if (typeof data.maxRisk === 'number') config.maxRisk = data.maxRisk;
  if (typeof data.account === 'string') config.account = path.resolve(baseDir, data.account);
  else if (isRecord(data.account)) config.account = data.account;
  return config;
}

function readRuleSettings(rules: Record<string, unknown>): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(rules)) {
    const setting = isRecord(v) ? v.severity : v;
    if (setting === 'off' || setting === 'info' || setting === 'warning' || setting === 'error') out[id] = setting;
  }
  return out;
}

/** `extends` first, then the file's own settings on top. */
function mergeInto(target: ResolvedConfig, base: ResolvedConfig): void {
  target.packs.unshift(...base.packs.filter((p) => !target.packs.includes(p)));
  target.rules = { ...base.rules, ...target.rules };
  target.overrides = [...base.overrides, ...target.overrides];
  target.ignores = [...base.ignores, ...target.ignores];
  if (target.files.length === 0) target.files = base.files;
  target.thresholds = { ...base.thresholds, ...target.thresholds };
  target.failOn ??= base.failOn;
  target.maxRisk ??= base.maxRisk;
  target.account ??= base.account;
}
