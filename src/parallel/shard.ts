import { mayNestDeeply } from './nesting.js';
import { parseSource, readSourceOrProblem, type ParsedFile } from '../documents/parse.js';
import { DROP_TREES_FROM_FILES, dropSyntaxTree } from '../documents/release.js';

export interface ParsedShardFiles {
  /** Files holding only templates (or nothing lintable): linted by the thread that parsed them. */
  lintable: ParsedFile[];
  /** Files holding anything else (campaigns, accounts, logs, configs): linted last, on the main thread. */
  deferred: ParsedFile[];
  /** Files that may nest too deeply for this thread's stack: parsed on the main thread. */
  deep: string[];
}

/**
 * Reads (once) and parses one thread's share of the files. A worker thread hands files that may nest
 * deeper than its stack allows to the main thread (`routeDeep`), which parses them exactly as a
 * single-threaded run does.
 */
export function parseShard(files: readonly string[], cwd: string, routeDeep = false): ParsedShardFiles {
  const lintable: ParsedFile[] = [];
  const deferred: ParsedFile[] = [];
  const deep: string[] = [];
  const dropTrees = files.length >= DROP_TREES_FROM_FILES / 2;
  for (const file of files) {
    const read = readSourceOrProblem(file, cwd);
    let parsed: ParsedFile;
    if ('problem' in read) parsed = read.problem;
    else if (routeDeep && mayNestDeeply(read.source.text)) {
      deep.push(file);
      continue;
    } else parsed = parseSource(read.source);
    const isDeferred = parsed.documents.some((d) => d.kind !== 'template');
    // Until a file is linted its data is enough (see documents/release.ts): a large share keeps no trees.
    if (!isDeferred && dropTrees) dropSyntaxTree(parsed);
    (isDeferred ? deferred : lintable).push(parsed);
  }
  return { lintable, deferred, deep };
}
