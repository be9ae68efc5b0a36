import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { stubDocument, toStubs } from './stubs.js';
import type { DocumentStub, FromWorker, LintedShard, ParsedShard, ToWorker, WorkerSetup } from './protocol.js';
import { readParsedFiles, type LintDocument } from '../documents/parse.js';
import { lintParsed, summarize, type Linter, type LintOptions } from '../lint.js';
import { toolVersion } from '../package-root.js';
import type { DocumentResult, Finding, LintReport } from '../types.js';

/** Below this many files a second thread costs more (start-up, pack compilation) than it saves. */
export const PARALLEL_MIN_FILES = 400;

/** How many worker threads to use for `fileCount` files: MSGLINT_WORKERS overrides (0 or 1 = none). */
export function workerCount(fileCount: number): number {
  const forced = process.env.MSGLINT_WORKERS;
  if (forced !== undefined && forced !== '') return Math.max(0, Math.floor(Number(forced)) || 0);
  if (fileCount < PARALLEL_MIN_FILES || import.meta.url.endsWith('.ts')) return 0;
  return Math.min(availableParallelism(), Math.ceil(fileCount / 200), 8);
}

/** A heap limit for worker threads (MB), only when MSGLINT_WORKER_HEAP_MB sets one. */
const WORKER_HEAP_MB = Number(process.env.MSGLINT_WORKER_HEAP_MB) || 0;

/** A worker thread died (out of memory, crashed): the caller lints on one thread instead. */
export class WorkerFailure extends Error {}

class ShardWorker {
  private readonly worker: Worker;
  private pending?: { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

  constructor(setup: WorkerSetup) {
    // No resource limits by default: with them V8 also shrinks a worker's code space, and compiling a large
    // regular expression then aborted the whole process. MSGLINT_WORKER_HEAP_MB sets a heap limit (tests use
    // it to make a worker fail and check that the run falls back to one thread).
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup, ...(WORKER_HEAP_MB ? { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } } : {}) });
    this.worker.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = undefined;
      if (m.type === 'error') p?.reject(Object.assign(new Error(m.message), { stack: m.stack }));
      else p?.resolve(m);
    });
    this.worker.on('error', (e) => this.pending?.reject(new WorkerFailure(e.message)));
    this.worker.on('exit', (code) => this.pending?.reject(new WorkerFailure(`a lint worker stopped unexpectedly (exit ${code})`)));
  }

  request(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Lints files with worker threads: each worker parses a share of the files and lints its template-only
 * files; files holding campaigns, accounts or configs are linted here, with every template in view.
 * The report is the same, byte for byte, as a single-threaded run.
 */
export async function lintInParallel(linter: Linter, files: string[], options: LintOptions, workers: number): Promise<LintReport> {
  const setup: WorkerSetup = { cwd: options.cwd, config: linter.config, packs: options.packs, now: (options.now ?? new Date()).toISOString(), explain: options.explain ?? false };
  const pool = Array.from({ length: workers }, () => new ShardWorker(setup));
  try {
    // Interleave files across workers so each gets a similar mix of sizes.
    const shards = pool.map((_, i) => files.filter((_, j) => j % workers === i));
    const parsed = (await Promise.all(pool.map((w, i) => w.request({ type: 'parse', files: shards[i] })))).map((m) => (m as { shard: ParsedShard }).shard);
    const deferredFiles = parsed.flatMap((p) => p.deferred).sort();
    const deferred = await readParsedFiles(deferredFiles, options.cwd);
    // Templates, and what Meta says about them (webhook logs, send logs), so template facts agree in every thread.
    const deferredTemplates = toStubs(deferred.flatMap((p) => p.documents.filter((d) => d.kind === 'template' || d.kind === 'webhook' || d.kind === 'send-log')));
    const linted = (
      await Promise.all(
        pool.map((w, i) => {
          const external: DocumentStub[] = [...parsed.flatMap((p, j) => (j === i ? [] : p.templates)), ...deferredTemplates];
          return w.request({ type: 'lint', external });
        }),
      )
    ).map((m) => (m as { shard: LintedShard }).shard);

    // Campaigns and the other deferred documents: every worker's template is visible, with its findings.
    const stubDocs: LintDocument[] = [];
    const stubFiles = new Map();
    const findings = new Map<LintDocument, Finding[]>();
    const resultsByFile = new Map<string, DocumentResult[]>();
    linted.forEach((shard) => shard.results.forEach((r) => resultsByFile.set(r.absPath, r.results)));
    parsed.forEach((p) => {
      for (const stub of p.templates) {
        const doc = stubDocument(stub, stubFiles);
        stubDocs.push(doc);
        const result = resultsByFile.get(stub.absPath)?.find((r) => r.kind === 'template' && r.name === stub.name && r.language === stub.language);
        if (result) findings.set(doc, result.findings);
      }
    });
    const main = await lintParsed(linter, deferred, options, { documents: stubDocs, findings });
    for (const f of deferredFiles) resultsByFile.set(f, []);
    const absOfRel = new Map(deferred.map((p) => [p.source.relPath, p.source.absPath]));
    for (const r of main.results) resultsByFile.get(absOfRel.get(r.file)!)!.push(r);
    const results = files.flatMap((f) => resultsByFile.get(f) ?? []);
    return { version: 1, tool: { name: 'msglint', version: toolVersion() }, results, summary: summarize(results, files.length) };
  } finally {
    await Promise.all(pool.map((w) => w.stop()));
  }
}
