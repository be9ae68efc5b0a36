import { CACHE_VERSION, readCache, readHashed, runKey, writeCache, type CacheFile } from './index.js';
import { readParsedFiles, type LintDocument } from '../documents/parse.js';
import { relativePath, sourceFromBytes } from '../documents/source.js';
import { wordingKey } from '../facts/template/duplicates.js';
import { lintParsed, summarize, type Linter, type LintOptions } from '../lint.js';
import type { DocumentStub } from '../parallel/protocol.js';
import { PARALLEL_MIN_FILES } from '../parallel/run.js';
import { stubDocument, toStub } from '../parallel/stubs.js';
import { toolVersion } from '../package-root.js';
import { resultsByFile, templateFindings } from '../report/by-file.js';
import type { Finding, LintReport } from '../types.js';

export interface CachedLint {
  report: LintReport;
  /** Why the cache could not be written, if it could not. */
  writeError?: string;
}

/** The lint of `files` with unchanged template files' results taken from `cacheFile` (see cache/index.ts). */
export async function lintWithCache(
  linter: Linter,
  files: readonly string[],
  options: LintOptions,
  cacheFile: string,
  /** Lints files the way an uncached run does (worker threads for many), reporting their templates. */
  lintFresh: (files: string[], templates: DocumentStub[]) => Promise<LintReport>,
): Promise<CachedLint> {
  const { cwd } = options;
  const key = runKey({ cwd, packFiles: linter.compiled.packs.filter((p) => !p.builtin).map((p) => p.file), config: linter.config, explain: options.explain ?? false });
  const cache = readCache(cacheFile, key);
  // Each file is read once here: its hash, and for an unchanged file the text its stub needs.
  const hashes = new Map<string, string | undefined>();
  const unchangedBytes = new Map<string, Buffer>();
  for (const f of files) {
    const read = readHashed(f);
    hashes.set(f, read?.hash);
    if (read && cache.files[f]?.hash === read.hash) unchangedBytes.set(f, read.bytes);
  }
  const unchanged = (f: string) => unchangedBytes.has(f);
  const cachedPaths = files.filter(unchanged);

  // Many changed files: an ordinary run (on every core), which then fills the cache.
  if (files.length - cachedPaths.length >= PARALLEL_MIN_FILES) {
    const templates: DocumentStub[] = [];
    const report = await lintFresh([...files], templates);
    const stubFiles = new Map();
    const docs = templates.map((s) => stubDocument(s, stubFiles));
    return { report, writeError: store(cacheFile, key, report, cwd, hashes, groupDocs(docs), wordingPeers(docs)) };
  }

  const fresh = new Set(files.filter((f) => !unchanged(f)));
  let parsed = await readParsedFiles([...fresh], cwd);
  // Meta's signals (webhook and send logs) change what templates are told: no template results are reused.
  const withSignals = parsed.some((p) => p.documents.some((d) => d.kind === 'webhook' || d.kind === 'send-log'));
  const cachedDocs = new Map<string, LintDocument[]>();
  if (!withSignals) {
    const stubFiles = new Map();
    for (const f of cachedPaths) {
      const text = sourceFromBytes(unchangedBytes.get(f)!, f, cwd).text;
      cachedDocs.set(f, cache.files[f].stubs.map((s) => stubDocument({ ...s, text }, stubFiles)));
    }
  }
  // A cached template whose duplicates changed (one added, renamed, removed) is linted again.
  const freshDocs = parsed.flatMap((p) => p.documents);
  const peers = wordingPeers([...freshDocs, ...[...cachedDocs.values()].flat()]);
  for (const [f, docs] of cachedDocs) {
    if (docs.some((d, i) => (peers.get(d) ?? '') !== cache.files[f].peers[i])) cachedDocs.delete(f);
  }
  const relint = files.filter((f) => !fresh.has(f) && !cachedDocs.has(f));
  if (relint.length > 0) parsed = [...parsed, ...(await readParsedFiles(relint, cwd))];
  // What is stored with each file: its wording group among the documents of this run, as linted.
  const storedPeers = relint.length > 0 ? wordingPeers([...parsed.flatMap((p) => p.documents), ...[...cachedDocs.values()].flat()]) : peers;
  const order = new Map(files.map((f, i) => [f, i]));
  parsed.sort((a, b) => order.get(a.source.absPath)! - order.get(b.source.absPath)!);

  // The reused templates are in view (for duplicates and the campaigns that send them), with their findings.
  const external = [...cachedDocs.values()].flat();
  const findings = new Map<LintDocument, Finding[]>();
  for (const [f, docs] of cachedDocs) for (const d of docs) findings.set(d, templateFindings(cache.files[f].results, d) ?? []);
  const report = await lintParsed(linter, parsed, options, { documents: external, findings });

  const byFile = resultsByFile(report.results, parsed.map((p) => p.source));
  for (const f of cachedDocs.keys()) byFile.set(f, cache.files[f].results);
  const results = files.flatMap((f) => byFile.get(f) ?? []);
  const merged: LintReport = { version: 1, tool: { name: 'msglint', version: toolVersion() }, results, summary: summarize(results, files.length) };
  const templatesByFile = new Map<string, LintDocument[]>(cachedDocs);
  for (const p of parsed) templatesByFile.set(p.source.absPath, p.documents);
  const writeError = withSignals ? undefined : store(cacheFile, key, merged, cwd, hashes, templatesByFile, storedPeers);
  return { report: merged, writeError };
}

/** Each template's wording group (the others that Meta would call duplicates), as a comparable string. */
export function wordingPeers(docs: readonly LintDocument[]): Map<LintDocument, string> {
  const groups = new Map<string, LintDocument[]>();
  for (const d of docs) {
    if (d.kind !== 'template') continue;
    const k = wordingKey(d);
    if (k === undefined) continue;
    const g = groups.get(k) ?? [];
    g.push(d);
    groups.set(k, g);
  }
  const out = new Map<LintDocument, string>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const id = g
      .map((d) => `${d.source.relPath}#${d.index}:${d.name ?? ''}:${d.language ?? ''}`)
      .sort()
      .join('|');
    for (const d of g) out.set(d, id);
  }
  return out;
}

function groupDocs(docs: readonly LintDocument[]): Map<string, LintDocument[]> {
  const out = new Map<string, LintDocument[]>();
  for (const d of docs) out.set(d.source.absPath, [...(out.get(d.source.absPath) ?? []), d]);
  return out;
}

/** Keeps the entries of this run's template-only files (the others are always linted again). */
function store(
  cacheFile: string,
  key: string,
  report: LintReport,
  cwd: string,
  hashes: ReadonlyMap<string, string | undefined>,
  templatesByFile: ReadonlyMap<string, LintDocument[]>,
  peers: ReadonlyMap<LintDocument, string>,
): string | undefined {
  const next: CacheFile = { version: CACHE_VERSION, key, files: {} };
  const results = resultsByFile(report.results, [...hashes.keys()].map((absPath) => ({ absPath, relPath: relativePath(absPath, cwd) })));
  for (const [abs, docs] of templatesByFile) {
    const hash = hashes.get(abs);
    if (!hash || docs.length === 0 || docs.some((d) => d.kind !== 'template' || d.source.encoding)) continue;
    next.files[abs] = {
      hash,
      results: results.get(abs) ?? [],
      stubs: docs.map((d) => {
        const { text: _text, ...stub } = toStub(d);
        return stub;
      }),
      peers: docs.map((d) => peers.get(d) ?? ''),
    };
  }
  return writeCache(cacheFile, next);
}
