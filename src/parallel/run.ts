import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { parseShard } from './shard.js';
import { stubDocument, toStubs } from './stubs.js';
import type { DocumentStub, FromWorker, LintedShard, ParsedShard, ToWorker, WorkerSetup } from './protocol.js';
import { readParsedFiles, type LintDocument } from '../documents/parse.js';
import { lintParsed, summarize, type Linter, type LintOptions } from '../lint.js';
import { toolVersion } from '../package-root.js';
import { resultsByFile, templateFindings } from '../report/by-file.js';
import type { Finding, LintReport } from '../types.js';

/** Below this many files a second thread costs more (start-up, pack compilation) than it saves. */
export const PARALLEL_MIN_FILES = 400;

/**
 * How many threads lint `fileCount` files, the main thread included (1 = no worker threads).
 * MSGLINT_WORKERS overrides (0 or 1 = the main thread alone).
 */
export function workerCount(fileCount: number): number {
  const forced = process.env.MSGLINT_WORKERS;
  if (forced !== undefined && forced !== '') return Math.max(0, Math.floor(Number(forced)) || 0);
  if (fileCount < PARALLEL_MIN_FILES || import.meta.url.endsWith('.ts')) return 0;
  // One lint thread keeps about 1.3 cores busy: V8 collects garbage and compiles on threads of its own, and
  // every thread compiles msglint's code for itself (about 3 s of CPU in optimizing compiles, --trace-opt).
  // Measured on 2 cores (10,000 templates): one thread 4.85 s, two threads 5.05 s with 44% more CPU.
  // So a thread per 1.5 cores, and none on 2 cores.
  return Math.min(Math.floor(availableParallelism() / 1.5), Math.ceil(fileCount / 200), 8);
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
 * Lints files on `threads` threads: the main thread and `threads − 1` worker threads each parse a share of
 * the files and lint its template-only files, with every other template in view (stubs); files holding
 * campaigns, accounts, logs or configs are linted last, here, with every template and its findings in view.
 * The report is the same, byte for byte, as a single-threaded run.
 */
export async function lintInParallel(linter: Linter, files: string[], options: LintOptions, threads: number, templatesOut?: DocumentStub[]): Promise<LintReport> {
  const setup: WorkerSetup = { cwd: options.cwd, config: linter.config, packs: options.packs, now: (options.now ?? new Date()).toISOString(), explain: options.explain ?? false };
  const pool = Array.from({ length: threads - 1 }, () => new ShardWorker(setup));
  try {
    // Interleave files across threads so each gets a similar mix of sizes; the main thread takes the first share.
    const shards = Array.from({ length: threads }, (_, i) => files.filter((_, j) => j % threads === i));
    const parsing = Promise.all(pool.map((w, i) => w.request({ type: 'parse', files: shards[i + 1] })));
    const own = parseShard(shards[0], options.cwd);
    const parsed = (await parsing).map((m) => (m as { shard: ParsedShard }).shard);
    const deferredFiles = [...own.deferred.map((p) => p.source.absPath), ...parsed.flatMap((p) => p.deferred)].sort();
    const ownDeferred = new Map(own.deferred.map((p) => [p.source.absPath, p]));
    const deferred = [...(await readParsedFiles(deferredFiles.filter((f) => !ownDeferred.has(f)), options.cwd)), ...ownDeferred.values()].sort((a, b) => (a.source.absPath < b.source.absPath ? -1 : 1));
    // Templates, and what Meta says about them (webhook logs, send logs), so template facts agree in every thread.
    const deferredTemplateDocs = deferred.flatMap((p) => p.documents.filter((d) => d.kind === 'template' || d.kind === 'webhook' || d.kind === 'send-log'));
    const deferredTemplates = toStubs(deferredTemplateDocs);
    const ownTemplates = own.lintable.flatMap((p) => p.documents);
    const ownStubs = pool.length > 0 || templatesOut ? toStubs(ownTemplates) : [];
    templatesOut?.push(...ownStubs, ...parsed.flatMap((p) => p.templates));
    const lintingElsewhere = Promise.all(
      pool.map((w, i) => {
        const external: DocumentStub[] = [...ownStubs, ...parsed.flatMap((p, j) => (j === i ? [] : p.templates)), ...deferredTemplates];
        return w.request({ type: 'lint', external });
      }),
    );
    // This thread's share, meanwhile, with the workers' templates in view.
    const stubFiles = new Map();
    const workerTemplates: LintDocument[] = parsed.flatMap((p) => p.templates.map((stub) => stubDocument(stub, stubFiles)));
    const ownFindings = new Map<LintDocument, Finding[]>();
    const ownReport = await lintParsed(linter, own.lintable, options, { documents: [...workerTemplates, ...deferredTemplateDocs], findings: new Map() }, ownFindings);
    const linted = (await lintingElsewhere).map((m) => (m as { shard: LintedShard }).shard);

    const byFile = resultsByFile(ownReport.results, own.lintable.map((p) => p.source));
    linted.forEach((shard) => shard.results.forEach((r) => byFile.set(r.absPath, r.results)));
    if (deferred.length > 0) {
      // Campaigns and the other deferred documents: every template is visible, with its findings.
      const findings = new Map<LintDocument, Finding[]>(ownFindings);
      for (const doc of workerTemplates) {
        const found = templateFindings(byFile.get(doc.source.absPath), doc);
        if (found) findings.set(doc, found);
      }
      const main = await lintParsed(linter, deferred, options, { documents: [...workerTemplates, ...ownTemplates], findings });
      const deferredResults = resultsByFile(main.results, deferred.map((p) => p.source));
      for (const p of deferred) byFile.set(p.source.absPath, deferredResults.get(p.source.absPath) ?? []);
    }
    const results = files.flatMap((f) => byFile.get(f) ?? []);
    return { version: 1, tool: { name: 'msglint', version: toolVersion() }, results, summary: summarize(results, files.length) };
  } finally {
    await Promise.all(pool.map((w) => w.stop()));
  }
}
