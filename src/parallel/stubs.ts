import type { DocumentStub } from './protocol.js';
import { LineIndex } from '../documents/line-index.js';
import { parseSource, type LintDocument } from '../documents/parse.js';
import type { SourceFile } from '../documents/source.js';

/** Stubs of documents, in order, with each file's text on the first stub of that file only. */
export function toStubs(docs: readonly LintDocument[]): DocumentStub[] {
  const seen = new Set<string>();
  return docs.map((doc) => {
    const stub = toStub(doc);
    if (seen.has(stub.absPath)) delete stub.text;
    else seen.add(stub.absPath);
    return stub;
  });
}

export function toStub(doc: LintDocument): DocumentStub {
  return {
    absPath: doc.source.absPath,
    relPath: doc.source.relPath,
    index: doc.index,
    kind: doc.kind,
    basePath: doc.basePath,
    data: doc.data,
    name: doc.name,
    language: doc.language,
    text: doc.source.text,
    format: doc.source.format,
  };
}

/**
 * A document linted by another thread, rebuilt from its stub. Facts read its data; if something needs a
 * position in it (a signal's `file:line`), its file is parsed again on first use, so every thread reports
 * the same positions as a single-threaded run. Stubs of one file share that parse.
 */
export function stubDocument(stub: DocumentStub, files: Map<string, { source: SourceFile; parsed?: ReturnType<typeof parseSource> }> = new Map()): LintDocument {
  let file = files.get(stub.absPath);
  if (!file) {
    let lines: LineIndex | undefined;
    const text = stub.text ?? '';
    const source = { absPath: stub.absPath, relPath: stub.relPath, text, format: stub.format } as SourceFile;
    Object.defineProperty(source, 'lines', { enumerable: true, get: () => (lines ??= new LineIndex(text)) });
    file = { source };
    files.set(stub.absPath, file);
  }
  const shared = file;
  const doc = {
    source: shared.source,
    index: stub.index,
    kind: stub.kind,
    basePath: stub.basePath,
    data: stub.data,
    name: stub.name,
    language: stub.language,
    external: true,
  } as LintDocument;
  Object.defineProperty(doc, 'yaml', {
    enumerable: true,
    get: () => {
      shared.parsed ??= parseSource(shared.source);
      return shared.parsed.documents.find((d) => d.index === stub.index)?.yaml ?? null;
    },
  });
  return doc;
}
