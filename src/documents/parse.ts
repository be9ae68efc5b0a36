import path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';

import { detectDocuments } from './kinds.js';
import type { SourceFile } from './source.js';
import type { DocumentKind } from '../types.js';

/** One lintable document: a template, campaign, account, config or rule pack, with its source. */
export interface LintDocument {
  source: SourceFile;
  yaml: Document.Parsed;
  /** Order of the document in its file (YAML documents, then list entries). */
  index: number;
  kind: DocumentKind;
  /** Path from the YAML document root to this document's object. */
  basePath: (string | number)[];
  data: Record<string, unknown>;
  name?: string;
  language?: string;
  /** Linted by another worker thread: only `data` and the identity fields are real (no source text, no YAML). */
  external?: boolean;
}

/** A problem with the file itself, positioned by source offsets. */
export interface InputProblem {
  ruleId: 'input/parse-error' | 'input/unknown-shape' | 'input/unreadable' | 'input/too-complex';
  message: string;
  start: number;
  end: number;
  /** Set when the problem belongs to a YAML document whose shape is known. */
  yaml?: Document.Parsed;
}

export interface ParsedFile {
  source: SourceFile;
  documents: LintDocument[];
  problems: InputProblem[];
}

/** Aliases expanded beyond this count mean a "billion laughs" file: refuse it, do not expand it. */
const MAX_ALIAS_COUNT = 200;
/** YAML errors reported per document; the rest are usually consequences of the first. */
const MAX_ERRORS_PER_DOCUMENT = 3;

export function parseSource(source: SourceFile): ParsedFile {
  const documents: LintDocument[] = [];
  const problems: InputProblem[] = [];
  let yamlDocs: Document.Parsed[];
  try {
    yamlDocs = parseAllDocuments(source.text, { prettyErrors: false, uniqueKeys: true, strict: true }) as Document.Parsed[];
    if (!Array.isArray(yamlDocs)) yamlDocs = []; // an empty stream parses to an empty "EmptyStream" object
  } catch (error) {
    problems.push(tooComplex(error, source));
    return { source, documents, problems };
  }
  if (yamlDocs.length === 0 || source.text.trim() === '') {
    problems.push({ ruleId: 'input/unknown-shape', message: 'the file is empty', start: 0, end: 0 });
    return { source, documents, problems };
  }
  const fileName = path.basename(source.absPath);
  for (const yaml of yamlDocs) {
    if (yaml.errors.length > 0) {
      for (const err of yaml.errors.slice(0, MAX_ERRORS_PER_DOCUMENT)) {
        problems.push({ ruleId: 'input/parse-error', message: describeYamlError(err.code, err.message, source), start: err.pos[0], end: err.pos[1] });
      }
      continue;
    }
    let root: unknown;
    try {
      root = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push(tooComplex(error, source, yaml));
      continue;
    }
    const detected = detectDocuments(root, fileName);
    const docStart = yaml.contents?.range[0] ?? yaml.range[0];
    if (!Array.isArray(detected)) {
      if (yamlDocs.length > 1 && root === null) continue; // a stray `---` separator
      problems.push({ ruleId: 'input/unknown-shape', message: `msglint does not know what this is: ${detected.reason}`, start: docStart, end: docStart, yaml });
      continue;
    }
    for (const d of detected) {
      documents.push({
        source,
        yaml,
        index: documents.length,
        kind: d.kind,
        basePath: d.basePath,
        data: d.data,
        name: typeof d.data.name === 'string' ? d.data.name : undefined,
        language: typeof d.data.language === 'string' ? d.data.language : undefined,
      });
    }
  }
  return { source, documents, problems };
}

function tooComplex(error: unknown, source: SourceFile, yaml?: Document.Parsed): InputProblem {
  const text = error instanceof Error ? error.message : String(error);
  let message: string;
  if (/alias/i.test(text)) message = `the file expands too many YAML aliases (more than ${MAX_ALIAS_COUNT}); it looks like an alias bomb`;
  else if (error instanceof RangeError) message = 'the file is nested too deeply to read';
  else message = `the file could not be read as YAML: ${text}`;
  const start = yaml?.range[0] ?? 0;
  return { ruleId: 'input/too-complex', message, start, end: Math.min(start + 1, source.text.length), yaml };
}

/** Plain-language wording for the YAML errors people actually make. */
function describeYamlError(code: string, raw: string, source: SourceFile): string {
  const first = raw.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const hint: Record<string, string> = {
    DUPLICATE_KEY: 'the same key appears twice in one mapping',
    TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
    BAD_INDENT: 'the indentation does not line up',
    MISSING_CHAR: 'a closing quote, bracket or brace is missing',
    MULTILINE_IMPLICIT_KEY: 'a key spans several lines (often a missing colon or quote)',
    UNEXPECTED_TOKEN: 'unexpected character',
    BLOCK_AS_IMPLICIT_KEY: 'a nested block is used as a key (often a missing colon)',
  };
  const what = source.format === 'json' ? 'JSON' : 'YAML';
  return `invalid ${what}: ${hint[code] ? `${hint[code]} (${first})` : first}`;
}
