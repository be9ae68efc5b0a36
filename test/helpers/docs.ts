import { parseSource, type ParsedFile } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';

/** Parses text as if it were a file at `name` in /repo. */
export function parseText(text: string, name = 'doc.yaml'): ParsedFile {
  return parseSource(sourceFromText(text, `/repo/${name}`, '/repo'));
}
