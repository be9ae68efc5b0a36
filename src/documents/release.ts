import type { Document } from 'yaml';

import { parseSource, parseTrees, type LintDocument, type ParsedFile } from './parse.js';

/**
 * Memory for large runs. A parsed template's syntax tree is about 13 KB, and the fact caches that
 * its rules fill are as much again; holding them for 10,000 files costs hundreds of megabytes, while
 * after a document's rules have run only its data (for other documents' facts) and its text are needed.
 *
 * Both are let go here, and nothing is lost: the syntax tree comes back, the same, by parsing the
 * file's text again on first use (placing a finding, reading a suppression comment); parsing is
 * deterministic, so positions are those of the first parse.
 */

/**
 * From this many files on, syntax trees are dropped after parsing and parsed again for the files that
 * have findings (about one in ten in a real repository): a little more time for a lot less memory.
 */
export const DROP_TREES_FROM_FILES = 400;

/** Files whose trees are parsed on demand, with the tree parsed last (let go again by the next drop). */
const onDemand = new WeakMap<ParsedFile, { reparsed?: Map<number, Document.Parsed> }>();

/** Replaces a file's syntax trees with ones parsed again on first use; called again, lets that parse go. */
export function dropSyntaxTree(file: ParsedFile): void {
  const known = onDemand.get(file);
  if (known) {
    known.reparsed = undefined;
    return;
  }
  // A problem that belongs to one of the file's YAML documents is matched to it by identity.
  if (file.documents.length === 0 || file.problems.some((p) => p.yaml)) return;
  const holder: { reparsed?: Map<number, Document.Parsed> } = {};
  onDemand.set(file, holder);
  // Where each document's YAML document starts: the same trees, parsed again, are found by it.
  const starts = new Map(file.documents.map((d) => [d.index, d.yaml?.range[0]]));
  for (const doc of file.documents) {
    const index = doc.index;
    Object.defineProperty(doc, 'yaml', {
      enumerable: true,
      configurable: true,
      get: (): Document.Parsed => {
        holder.reparsed ??= reparse(file, starts);
        return holder.reparsed.get(index)!;
      },
    });
  }
}

/**
 * The file's trees again, by document index. Only the trees are rebuilt (parseTrees): placing a finding needs
 * nothing else, and building the documents' values, kinds and limit checks again was work thrown away at once.
 */
function reparse(file: ParsedFile, starts: ReadonlyMap<number, number | undefined>): Map<number, Document.Parsed> {
  const trees = [...starts.values()].every((s) => s !== undefined) ? parseTrees(file.source) : undefined;
  if (!trees) return new Map(parseSource(file.source).documents.map((d) => [d.index, d.yaml!]));
  const byStart = new Map(trees.map((t) => [t.range[0], t]));
  return new Map([...starts].map(([index, start]) => [index, byStart.get(start!)!]));
}

/**
 * Runs a document's rules so that the collector can take back what its facts cached once they have run.
 * Facts are cached on a document's `data` object (documents/object-cache.ts, not enumerable), so the rules
 * run on a shallow copy made now: young, its caches die young with it (on the parsed data, which lives in
 * the old generation, the scavenger would keep them until a full collection). Afterwards the document keeps
 * another clean copy, equal in every value, so what other documents' rules cached on its data goes too; a
 * later fact (a campaign reading the template it sends) computes what it needs again.
 */
export async function withFactsReleased<T>(doc: LintDocument, run: () => Promise<T>): Promise<T> {
  const data = doc.data;
  doc.data = { ...data };
  try {
    return await run();
  } finally {
    doc.data = { ...data };
  }
}
