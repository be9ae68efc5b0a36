import type { DocumentStub } from './protocol.js';
import { LineIndex } from '../documents/line-index.js';
import type { LintDocument } from '../documents/parse.js';

export function toStub(doc: LintDocument): DocumentStub {
  return { absPath: doc.source.absPath, relPath: doc.source.relPath, index: doc.index, kind: doc.kind, basePath: doc.basePath, data: doc.data, name: doc.name, language: doc.language };
}

const EMPTY_LINES = new LineIndex('');

/**
 * A document linted by another thread, rebuilt from its stub: it has its data but no source text,
 * so facts may read it (names, categories, wording) but findings are never located in it.
 */
export function stubDocument(stub: DocumentStub): LintDocument {
  return {
    source: { absPath: stub.absPath, relPath: stub.relPath, text: '', format: 'yaml', lines: EMPTY_LINES },
    yaml: null as unknown as LintDocument['yaml'],
    index: stub.index,
    kind: stub.kind,
    basePath: stub.basePath,
    data: stub.data,
    name: stub.name,
    language: stub.language,
    external: true,
  };
}
