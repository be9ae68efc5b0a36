import { parentPort, workerData } from 'node:worker_threads';

import { parseShard } from './shard.js';
import { stubDocument, toStubs } from './stubs.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import type { ParsedFile } from '../documents/parse.js';
import { createLinter, lintParsed } from '../lint.js';
import { resultsByFile } from '../report/by-file.js';

// A worker parses its share of the files, tells the main thread which templates it holds (for
// cross-document facts), then lints its template-only files with the other workers' templates in view.
const setup = workerData as WorkerSetup;
const linter = createLinter(setup.cwd, { config: setup.config, packs: setup.packs });
let lintable: ParsedFile[] = [];

const post = (message: FromWorker) => parentPort!.postMessage(message);

parentPort!.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  });
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'parse') {
    const shard = parseShard(message.files, setup.cwd, true);
    lintable = shard.lintable;
    post({ type: 'parsed', shard: { templates: toStubs(lintable.flatMap((p) => p.documents)), deferred: [...shard.deferred.map((p) => p.source.absPath), ...shard.deep] } });
    return;
  }
  const stubFiles = new Map();
  const externalDocs = message.external.map((stub) => stubDocument(stub, stubFiles));
  const report = await lintParsed(linter, lintable, { cwd: setup.cwd, now: new Date(setup.now), explain: setup.explain }, { documents: externalDocs, findings: new Map() });
  const byFile = resultsByFile(report.results, lintable.map((p) => p.source));
  post({ type: 'linted', shard: { results: [...byFile].map(([absPath, results]) => ({ absPath, results })), files: lintable.length } });
  lintable = [];
}
