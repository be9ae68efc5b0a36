import type { ResolvedConfig } from '../config/index.js';
import type { DocumentKind, DocumentResult } from '../types.js';

/** What a worker needs to build the same linter as the main thread. */
export interface WorkerSetup {
  cwd: string;
  config: ResolvedConfig;
  packs?: string[];
  now: string;
  explain: boolean;
}

/** A document as other threads see it: its data, not its source. */
export interface DocumentStub {
  absPath: string;
  relPath: string;
  index: number;
  kind: DocumentKind;
  basePath: (string | number)[];
  data: Record<string, unknown>;
  name?: string;
  language?: string;
  /**
   * The file's text, so the receiving thread can locate positions in it (re-parsed only if needed). Only the
   * first stub of each file in a message carries it (see toStubs): strings are copied per occurrence by
   * postMessage, and 10,000 documents of one 2 MB file would otherwise post 20 GB.
   */
  text?: string;
  format: 'yaml' | 'json';
}

export interface ParsedShard {
  /** Stubs of the templates in this worker's template-only files. */
  templates: DocumentStub[];
  /** Files that hold anything but templates (campaigns, accounts, configs…): linted on the main thread. */
  deferred: string[];
}

export interface LintedShard {
  /** Results per file (absolute path), in file order. */
  results: { absPath: string; results: DocumentResult[] }[];
  files: number;
}

export type ToWorker = { type: 'parse'; files: string[] } | { type: 'lint'; external: DocumentStub[] };
export type FromWorker = { type: 'parsed'; shard: ParsedShard } | { type: 'linted'; shard: LintedShard } | { type: 'error'; message: string; stack?: string };
