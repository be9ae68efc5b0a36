import path from 'node:path';

import { checkRuleReferences, isIgnored, loadConfig, ruleSettingsFor, type ResolvedConfig } from './config/index.js';
import { discoverFiles } from './documents/discover.js';
import { locate, spanOf } from './documents/locate.js';
import { DROP_TREES_FROM_FILES, dropSyntaxTree, withFactsReleased } from './documents/release.js';
import { readParsedFile, readParsedFiles, type InputProblem, type LintDocument, type ParsedFile } from './documents/parse.js';
import type { SourceFile } from './documents/source.js';
import { schemaKindOf } from './documents/schema-kinds.js';
import { validateAgainstSchema } from './documents/validate.js';
import { compilePacks, type CompiledPacks } from './engine/compile.js';
import { evaluateDocument } from './engine/evaluate.js';
import { builtinPackFile, listBuiltinPacks, loadPackFile, PackError, type RulePack } from './engine/pack.js';
import { builtinFacts, builtinPreparers, type FactRegistry } from './facts/index.js';
import { toolVersion } from './package-root.js';
import type { DocumentStub } from './parallel/protocol.js';
import { lintInParallel, workerCount, WorkerFailure } from './parallel/run.js';
import { toStubs } from './parallel/stubs.js';
import { coreRule } from './report/rule-catalog.js';
import { scoreFindings } from './scoring/risk.js';
import { applySuppressions } from './suppress/index.js';
import type { DocumentResult, Finding, LintReport, Severity, Summary } from './types.js';
import { buildWorkspace } from './workspace.js';

/** msglint could not do what was asked (bad path, flag or pack): exit 2. */
export class UsageError extends Error {}

export interface LintOptions {
  cwd: string;
  /** Files, folders or globs; default: the config's `files`, else the working directory. */
  paths?: string[];
  /** Extra packs (built-in names or files), added to the config's. */
  packs?: string[];
  /** A config already loaded; otherwise found by walking up from cwd (or `configPath`). */
  config?: ResolvedConfig;
  configPath?: string;
  /** "Now", for deterministic output in tests. */
  now?: Date;
  explain?: boolean;
  /** Reuse unchanged template files' results from this cache file, and update it (see cache/index.ts). */
  cacheFile?: string;
}

export interface Linter {
  compiled: CompiledPacks;
  registry: FactRegistry;
  config: ResolvedConfig;
}

/** Loads the config and packs and compiles them once; reusable across runs (rules test, benchmarks). */
export function createLinter(cwd: string, options: Pick<LintOptions, 'packs' | 'config' | 'configPath'> = {}): Linter {
  const config = options.config ?? loadConfig(cwd, options.configPath);
  const registry = builtinFacts();
  const names = [...config.packs, ...(options.packs ?? [])];
  const packs = loadPacks(names.length > 0 ? names : listBuiltinPacks(), cwd, config.baseDir);
  const compiled = compilePacks(packs, registry);
  // A rule id in the config that matches no rule (active, built-in or core) is a mistake: exit 2 with its place.
  if (config.ruleReferences.length > 0) {
    let builtinIds: string[] | undefined;
    const allBuiltinIds = () => (builtinIds ??= loadPacks(listBuiltinPacks(), cwd).flatMap((p) => p.rules.map((r) => r.id)));
    checkRuleReferences(config, [...compiled.rulesById.keys()], (id) => compiled.rulesById.has(id) || coreRule(id) !== undefined || allBuiltinIds().includes(id));
  }
  return { compiled, registry, config };
}

export function loadPacks(names: readonly string[], cwd: string, baseDir = cwd): RulePack[] {
  const packs: RulePack[] = [];
  const seen = new Set<string>();
  const wantsBuiltins = names.some((n) => n === 'recommended' || n === 'all');
  const expanded = wantsBuiltins ? [...listBuiltinPacks(), ...names.filter((n) => n !== 'recommended' && n !== 'all')] : [...names];
  // The input pack reports missing references; it is always on.
  if (!expanded.includes('input')) expanded.unshift('input');
  for (const name of expanded) {
    const builtin = builtinPackFile(name);
    const file = builtin ?? path.resolve(baseDir, name);
    if (seen.has(file)) continue;
    seen.add(file);
    if (!builtin && !/[/\\.]/.test(name)) throw new UsageError(`unknown pack "${name}"; built-in packs are ${listBuiltinPacks().join(', ')}`);
    packs.push(loadPackFile(file, cwd, builtin !== undefined));
  }
  return packs;
}

export async function lint(options: LintOptions): Promise<LintReport> {
  const linter = createLinter(options.cwd, options);
  return runLint(linter, options);
}

export async function runLint(linter: Linter, options: LintOptions): Promise<LintReport> {
  const { cwd } = options;
  const { config } = linter;
  const fromConfig = !(options.paths && options.paths.length > 0) && config.files.length > 0;
  const inputs = options.paths && options.paths.length > 0 ? options.paths : fromConfig ? config.files : ['.'];
  // The config's globs are relative to the config's folder, wherever msglint runs from.
  const discovery = await discoverFiles(inputs, fromConfig ? config.filesBaseDir : cwd);
  // A config glob that matches nothing yet (an empty campaigns/ folder) is fine while another one matches.
  if (discovery.missing.length > 0 && !(fromConfig && discovery.files.length > 0)) {
    throw new UsageError(`no such file, folder or match: ${discovery.missing.join(', ')}`);
  }
  if (config.ignoreGroups.length > 0) discovery.files = discovery.files.filter((f) => !isIgnored(config, f));
  if (options.cacheFile) {
    const { lintWithCache } = await import('./cache/lint.js');
    const cached = await lintWithCache(linter, discovery.files, options, options.cacheFile, (files, templates) => lintFiles(linter, files, options, templates));
    if (cached.writeError) process.stderr.write(`msglint: could not write the cache ${options.cacheFile}: ${cached.writeError}\n`);
    return cached.report;
  }
  return lintFiles(linter, discovery.files, options);
}

/** Lints these files, on several threads when there are many; `templatesOut` receives their templates. */
async function lintFiles(linter: Linter, files: string[], options: LintOptions, templatesOut?: DocumentStub[]): Promise<LintReport> {
  const workers = workerCount(files.length);
  if (workers > 1) {
    try {
      return await lintInParallel(linter, files, options, workers, templatesOut);
    } catch (error) {
      if (!(error instanceof WorkerFailure)) throw error;
      // Same result, one thread: a worker's failure must not cost the user the report.
      process.stderr.write(`msglint: ${error.message}; linting on one thread instead\n`);
      templatesOut?.splice(0);
    }
  }
  // Many files: keep their data, not their syntax trees, until each is linted.
  const parsedFiles = await readParsedFiles(files, options.cwd, files.length >= DROP_TREES_FROM_FILES);
  const report = await lintParsed(linter, parsedFiles, options);
  if (templatesOut) {
    for (const p of parsedFiles) if (p.documents.every((d) => d.kind === 'template')) templatesOut.push(...toStubs(p.documents));
  }
  return report;
}

/**
 * Documents linted elsewhere (by another worker thread): visible to cross-document facts
 * (a campaign's templates, duplicate wording), never linted again here.
 */
export interface ExternalDocuments {
  documents: LintDocument[];
  /** Their findings, for the risk of the campaigns that send them. */
  findings: Map<LintDocument, Finding[]>;
}

/** Lints files that are already parsed (also used by `rules test`, worker threads and the appeal's baseline). */
export async function lintParsed(
  linter: Linter,
  parsedFiles: ParsedFile[],
  options: Pick<LintOptions, 'cwd' | 'now' | 'explain'>,
  external?: ExternalDocuments,
  /** Filled with the findings of each of `parsedFiles`' documents (for campaigns linted later). */
  findingsOut?: Map<LintDocument, Finding[]>,
): Promise<LintReport> {
  const now = options.now ?? new Date();
  const own = parsedFiles.flatMap((p) => p.documents);
  const documents = external ? sortDocuments([...own, ...external.documents]) : own;
  const workspace = buildWorkspace(options.cwd, documents, linter.config.account);
  const thresholds = linter.config.thresholds;
  for (const preparer of builtinPreparers()) await preparer.prepare(workspace, now, thresholds);
  const ctx = { workspace, now, thresholds };
  const results: DocumentResult[] = [];
  const findingsByDoc = new Map<LintDocument, Finding[]>(external?.findings ?? []);
  const docOfResult = new Map<DocumentResult, LintDocument>();
  for (const parsed of parsedFiles) {
    const fileLevel = parsed.problems.filter((p) => !p.yaml || !parsed.documents.some((d) => d.yaml === p.yaml));
    if (parsed.documents.length === 0 || fileLevel.length > 0) {
      const findings = fileLevel.map((p) => problemFinding(parsed.source, p));
      if (findings.length > 0) results.push({ file: parsed.source.relPath, kind: 'unknown', risk: { score: 0, level: 'low' }, findings });
    }
    for (const doc of parsed.documents) {
      const findings = [...schemaFindings(doc)];
      const setting = ruleSettingsFor(linter.config, doc.source.absPath);
      const found = await withFactsReleased(doc, () => evaluateDocument(doc, linter.compiled, linter.registry.factsFor(doc, ctx), (r) => setting(r.rule.id, r.rule.severity) !== 'off'));
      findings.push(...found);
      const kept = findings.filter((f) => {
        const s = setting(f.ruleId, f.severity);
        if (s !== 'off') f.severity = s;
        return s !== 'off';
      });
      kept.sort(compareFindings);
      findingsByDoc.set(doc, kept);
      findingsOut?.set(doc, kept);
      const result: DocumentResult = { file: doc.source.relPath, kind: doc.kind, name: doc.name, language: doc.language, risk: { score: 0, level: 'low' }, findings: kept };
      docOfResult.set(result, doc);
      results.push(result);
    }
    // The file's rules have run: its syntax tree can go (see documents/release.ts).
    dropSyntaxTree(parsed);
  }
  applySuppressions(parsedFiles, findingsByDoc, results, {
    isKnownRule: (id) => linter.compiled.rulesById.has(id) || coreRule(id) !== undefined,
    settingFor: (absFile) => ruleSettingsFor(linter.config, absFile),
    compare: compareFindings,
  });
  scoreResults(results, docOfResult, findingsByDoc, workspace.prepared, options.explain ?? false);
  return {
    version: 1,
    tool: { name: 'msglint', version: toolVersion() },
    results,
    summary: summarize(results, parsedFiles.length),
  };
}

/** File order, then position in the file: the order results are reported in. */
function sortDocuments(docs: LintDocument[]): LintDocument[] {
  return docs.sort((a, b) => (a.source.absPath < b.source.absPath ? -1 : a.source.absPath > b.source.absPath ? 1 : a.index - b.index));
}

/** Reads and parses one file; never throws (see readParsedFile). */
export async function readAndParse(absPath: string, cwd: string): Promise<ParsedFile> {
  return readParsedFile(absPath, cwd);
}

function problemFinding(source: SourceFile, p: InputProblem): Finding {
  return { ruleId: p.ruleId, area: 'input', severity: p.severity ?? 'error', message: p.message, file: source.relPath, path: '', weight: 0, ...spanOf(source, p.start, p.end) };
}

function schemaFindings(doc: LintDocument): Finding[] {
  const schemaKind = schemaKindOf(doc.kind);
  if (!schemaKind) return [];
  return validateAgainstSchema(schemaKind, doc.data).map((p) => ({
    ruleId: p.atKey && p.severity === 'warning' ? 'input/unknown-key' : 'input/schema',
    area: 'input' as const,
    severity: p.severity,
    message: p.message,
    file: doc.source.relPath,
    path: p.path,
    weight: 0,
    ...locate(doc, p.path, { atKey: p.atKey }),
  }));
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.endLine - b.endLine || a.endColumn - b.endColumn || a.message.localeCompare(b.message);
}

function scoreResults(results: DocumentResult[], docOfResult: Map<DocumentResult, LintDocument>, byDoc: Map<LintDocument, Finding[]>, prepared: Map<string, unknown>, explain: boolean): void {
  const links = prepared.get('campaign-links') as Map<LintDocument, { templates: { resolved?: LintDocument }[] }> | undefined;
  for (const result of results) {
    const doc = docOfResult.get(result);
    let scored: (Finding & { file?: string })[] = result.findings.filter((f) => f.severity !== 'info');
    if (doc && doc.kind === 'campaign' && links) {
      // A campaign carries the risk of what it sends (each template once, however often it is listed).
      const sent = new Set<LintDocument>();
      for (const t of links.get(doc)?.templates ?? []) if (t.resolved) sent.add(t.resolved);
      for (const template of sent) scored = scored.concat((byDoc.get(template) ?? []).filter((f) => f.severity !== 'info'));
    }
    result.risk = scoreFindings(
      scored.map((f) => ({ ...f, file: f.file !== result.file ? f.file : undefined })),
      explain,
    );
  }
}

export function summarize(results: DocumentResult[], files: number): Summary {
  const count = (s: Severity) => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const suppressed = results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
  return { files, documents: results.filter((r) => r.kind !== 'unknown').length, errors: count('error'), warnings: count('warning'), infos: count('info'), ...(suppressed > 0 ? { suppressed } : {}) };
}

export { PackError };
