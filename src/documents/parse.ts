import { readlinkSync } from 'node:fs';
import path from 'node:path';
import { Composer, isScalar, Parser, type Document } from 'yaml';
import { Document as YamlDocument, isMap, isPair, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

import { parseSimpleDocument, warmUpYaml } from './fast-yaml.js';
import { detectEntries, looksLikeSignal, signalKindOf } from './kinds.js';
import { findNodeLimitBreach, guardText, inspectNodes, MAX_DEPTH, MAX_STRING_CHARS, MAX_STRUCTURAL_CHARS, MAX_YAML_DOCUMENTS, type NodeLimitBreach } from './limits.js';
import { locateOffsets } from './locate.js';
import { readSourceSync, SourceReadError, sourceFromText, type SourceFile } from './source.js';
import { dropSyntaxTree } from './release.js';
import { checkStrictJson } from './strict-json.js';
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
  ruleId: 'input/parse-error' | 'input/unknown-shape' | 'input/unreadable' | 'input/too-complex' | 'input/encoding';
  message: string;
  start: number;
  end: number;
  /** Default: error. */
  severity?: 'error' | 'warning';
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

const PARSE_OPTIONS = {
  prettyErrors: false,
  // Duplicate keys are found by inspectNodes in linear time (yaml's own check is quadratic).
  uniqueKeys: false,
  strict: true,
  // The core schema, also for `%YAML 1.1` documents: values stay JSON-like (no Date, Set, Map or
  // Uint8Array from !!timestamp, !!set, !!omap, !!binary) whatever the file declares.
  schema: 'core',
  // yaml warns on stderr (via process.emitWarning) about collection keys; stdout/stderr are ours.
  logLevel: 'error',
} as const;


/**
 * Parses a file into lintable documents. Never throws: every problem (syntax, shape, limits) is an
 * InputProblem with a position, and the documents that could be read are returned beside them.
 */
export function parseSource(source: SourceFile): ParsedFile {
  const documents: LintDocument[] = [];
  const problems: InputProblem[] = [];
  if (source.encoding) {
    problems.push({
      ruleId: 'input/encoding',
      severity: 'warning',
      message: `the file is ${source.encoding === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'} text; msglint read it, but save it as UTF-8: Meta's API and most tools expect UTF-8`,
      start: 0,
      end: 0,
    });
  }
  if (isJsonLinesFile(source.absPath)) {
    parseJsonLines(source, documents, problems);
    return { source, documents, problems };
  }
  if (source.text.trim() === '') {
    problems.push({ ruleId: 'input/unknown-shape', message: 'the file is empty', start: 0, end: 0 });
    return { source, documents, problems };
  }
  const guard = guardText(source.text);
  if (guard.overBudgetAt !== undefined) {
    const at = guard.overBudgetAt;
    problems.push({
      ruleId: 'input/too-complex',
      message: `the file holds too many values to lint in one piece (more than ${MAX_STRUCTURAL_CHARS.toLocaleString('en-US')} keys, list items and brackets before this point); split it into smaller files`,
      start: at,
      end: Math.min(at + 1, source.text.length),
    });
    return { source, documents, problems };
  }
  let yamlDocs: Document.Parsed[];
  let truncatedAt: number | undefined;
  try {
    ({ docs: yamlDocs, truncatedAt } = parseDocuments(guard.text));
  } catch (error) {
    problems.push(tooComplex(error, source));
    return { source, documents, problems };
  }
  if (yamlDocs.length === 0) {
    problems.push({ ruleId: 'input/unknown-shape', message: 'the file is empty (it holds only comments)', start: 0, end: 0 });
    return { source, documents, problems };
  }
  const fileName = path.basename(source.absPath);
  let clean = true;
  for (const yaml of yamlDocs) {
    const long = guard.longScalars.find((s) => s.start >= yaml.range[0] && s.start < yaml.range[2]);
    if (long) {
      clean = false;
      const length = long.end - long.start - 2;
      problems.push({ ruleId: 'input/too-complex', message: `this quoted text is ${length.toLocaleString('en-US')} characters long; msglint reads texts up to ${MAX_STRING_CHARS.toLocaleString('en-US')} characters (Meta's longest field takes 1,024), so the document was not linted`, start: long.start, end: long.start + 1 });
      continue;
    }
    if (yaml.errors.length > 0) {
      clean = false;
      problems.push(...yamlErrorProblems(yaml, source));
      continue;
    }
    const inspection = inspectNodes(yaml);
    if (inspection.breach) {
      clean = false;
      problems.push(limitProblem(inspection.breach, source));
      continue;
    }
    if (inspection.duplicateKeys.length > 0) {
      clean = false;
      for (const key of inspection.duplicateKeys) {
        const start = Math.min(key.range?.[0] ?? 0, source.text.length);
        problems.push({ ruleId: 'input/parse-error', message: describeYamlError('DUPLICATE_KEY', 'Map keys must be unique', source), start, end: Math.min(start + 1, source.text.length) });
      }
      continue;
    }
    let root: unknown;
    try {
      root = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      clean = false;
      problems.push(tooComplex(error, source, yaml));
      continue;
    }
    const log = signalLogDocument(root, yaml, source, documents.length);
    if (log) {
      documents.push(log);
      continue;
    }
    const detected = detectEntries(root, fileName);
    const docStart = yaml.contents?.range[0] ?? yaml.range[0];
    if (!Array.isArray(detected)) {
      if (yamlDocs.length > 1 && root === null) continue; // a stray `---` separator
      problems.push({ ruleId: 'input/unknown-shape', message: `msglint does not know what this is: ${detected.reason}`, start: docStart, end: docStart, yaml });
      continue;
    }
    if (detected.length === 0) {
      // An empty list (`[]`, `data: []`): nothing to lint, which is worth saying rather than skipping the file.
      problems.push({ ruleId: 'input/unknown-shape', severity: 'warning', message: 'the file holds an empty list: there is nothing in it to lint', start: docStart, end: Math.min(docStart + 1, source.text.length), yaml });
      continue;
    }
    for (const d of detected) {
      if (d.kind === 'unknown') {
        const [start, end] = locateOffsets({ yaml, basePath: d.basePath, source }, '');
        problems.push({ ruleId: 'input/unknown-shape', message: `msglint does not know what this is: ${d.reason}`, start, end });
        continue;
      }
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
  if (documents.length === 0 && problems.length === 0 && yamlDocs.every((y) => y.contents === null || (isScalar(y.contents) && y.contents.value === null))) {
    problems.push({ ruleId: 'input/unknown-shape', message: 'the file is empty (it holds only document separators)', start: 0, end: 0 });
  }
  if (truncatedAt !== undefined) {
    problems.push({
      ruleId: 'input/too-complex',
      message: `the file holds more than ${MAX_YAML_DOCUMENTS.toLocaleString('en-US')} YAML documents; msglint linted the first ${MAX_YAML_DOCUMENTS.toLocaleString('en-US')} — split the file`,
      start: truncatedAt,
      end: Math.min(truncatedAt + 1, source.text.length),
    });
  }
  // YAML accepts what JSON does not (trailing commas, comments, single quotes): a .json file must be JSON.
  // Only when YAML found nothing wrong, so that one mistake is not reported twice.
  if (clean && source.format === 'json' && path.extname(source.absPath).toLowerCase() === '.json') {
    const strict = strictJsonProblem(source.text);
    if (strict) problems.push(strict);
  }
  return { source, documents, problems };
}

/** Reads and parses a file; never throws (an unreadable file is a problem at the place it breaks). */
export async function readParsedFile(absPath: string, cwd: string): Promise<ParsedFile> {
  return readParsedFileSync(absPath, cwd);
}

/** readParsedFile, synchronously (see readSourceSync for why). */
export function readParsedFileSync(absPath: string, cwd: string): ParsedFile {
  const read = readSourceOrProblem(absPath, cwd);
  return 'problem' in read ? read.problem : parseSource(read.source);
}

/** The file's text, or the ParsedFile that reports why it cannot be read. */
export function readSourceOrProblem(absPath: string, cwd: string): { source: SourceFile } | { problem: ParsedFile } {
  try {
    return { source: readSourceSync(absPath, cwd) };
  } catch (error) {
    const prefix = error instanceof SourceReadError ? error.prefix : '';
    const located = sourceFromText(prefix, absPath, cwd);
    const code = (error as NodeJS.ErrnoException).code;
    let message: string;
    if (error instanceof SourceReadError) message = error.message;
    else if (code === 'ENOENT') {
      const target = linkTarget(absPath);
      message = target !== undefined ? `this is a link to "${target}", which does not exist` : 'the file disappeared before it could be read';
    } else if (code === 'ELOOP') message = 'this is a link that points (through other links) back to itself';
    else if (code === 'EISDIR') message = 'this is a folder, not a file';
    else if (code === 'EACCES' || code === 'EPERM') message = 'msglint is not allowed to read this file';
    else message = `cannot read the file (${code ?? (error instanceof Error ? error.message : 'error')})`;
    // The source keeps only the text before the problem: enough to place it, and nothing is linted.
    return { problem: { source: located, documents: [], problems: [{ ruleId: 'input/unreadable', message, start: prefix.length, end: prefix.length }] } };
  }
}

function linkTarget(absPath: string): string | undefined {
  try {
    return readlinkSync(absPath);
  } catch {
    return undefined;
  }
}

/**
 * Reads and parses files, in order, one at a time (synchronous reads: see readSourceSync). With
 * `dropTrees`, each file keeps its data but lets its syntax tree go at once (documents/release.ts), so
 * that a large run never holds every tree at the same time.
 */
export async function readParsedFiles(files: readonly string[], cwd: string, dropTrees = false): Promise<ParsedFile[]> {
  return files.map((f) => {
    const parsed = readParsedFileSync(f, cwd);
    if (dropTrees) dropSyntaxTree(parsed);
    return parsed;
  });
}

/**
 * The YAML documents of a file exactly as parseSource composed them, without reading their values, finding their
 * kinds or checking their limits again: what documents/release.ts needs to place findings in a file whose trees
 * it let go. Undefined for JSON Lines files (each line is its own document: parse the file with parseSource).
 */
export function parseTrees(source: SourceFile): Document.Parsed[] | undefined {
  if (isJsonLinesFile(source.absPath)) return undefined;
  return parseDocuments(guardText(source.text).text).docs;
}

/** Composes documents one at a time and stops after MAX_YAML_DOCUMENTS (the offset of the next one is returned). */
function parseDocuments(text: string): { docs: Document.Parsed[]; truncatedAt?: number } {
  // Most files are simple YAML or JSON: fast-yaml.ts builds the same Document several times faster,
  // or declines. Texts this short skipped guardText's scans (no blanked strings, within budget).
  if (text.length <= MAX_STRING_CHARS) {
    const simple = parseSimpleDocument(text, PARSE_OPTIONS);
    if (simple) return { docs: [simple] };
  }
  warmUpYaml();
  const docs: Document.Parsed[] = [];
  const composer = new Composer(PARSE_OPTIONS);
  for (const doc of composer.compose(new Parser().parse(text), true, text.length)) {
    if (docs.length === MAX_YAML_DOCUMENTS) return { docs, truncatedAt: doc.range[0] };
    docs.push(doc as Document.Parsed);
  }
  return { docs };
}

function yamlErrorProblems(yaml: Document.Parsed, source: SourceFile): InputProblem[] {
  // yaml catches the stack overflow of deep nesting (RESOURCE_EXHAUSTION) where it happens, which
  // depends on the thread's stack size: report the depth limit at a place that does not.
  if (yaml.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    const breach = findNodeLimitBreach(yaml);
    if (breach?.kind === 'depth') return [limitProblem(breach, source)];
    const at = yaml.contents?.range[0] ?? yaml.range[0];
    return [{ ruleId: 'input/too-complex', message: `the document is nested too deeply to read (msglint reads up to ${MAX_DEPTH} levels of lists and maps)`, start: at, end: Math.min(at + 1, source.text.length) }];
  }
  // yaml may place an error one past the end of the text (an unclosed quote at the end): clamp it.
  const n = source.text.length;
  return yaml.errors.slice(0, MAX_ERRORS_PER_DOCUMENT).map((err) => ({
    ruleId: 'input/parse-error' as const,
    message: describeYamlError(err.code, err.message, source),
    start: Math.min(err.pos[0], n),
    end: Math.min(Math.max(err.pos[1], err.pos[0]), n),
  }));
}

function limitProblem(breach: NodeLimitBreach, source: SourceFile): InputProblem {
  const start = breach.node.range?.[0] ?? 0;
  if (breach.kind === 'depth') {
    return { ruleId: 'input/too-complex', message: `the document is nested more than ${MAX_DEPTH} levels deep here; msglint reads up to ${MAX_DEPTH} levels of lists and maps`, start, end: Math.min(start + 1, source.text.length) };
  }
  return {
    ruleId: 'input/too-complex',
    message: `this text is ${(breach.length ?? 0).toLocaleString('en-US')} characters long; msglint reads texts up to ${MAX_STRING_CHARS.toLocaleString('en-US')} characters (Meta's longest field takes 1,024), so the document was not linted`,
    start,
    end: Math.min(start + 1, source.text.length),
  };
}

/** The first place where a .json file that YAML could read is not strict JSON. */
function strictJsonProblem(text: string): InputProblem | undefined {
  const error = checkStrictJson(text);
  if (!error) return undefined;
  return { ruleId: 'input/parse-error', message: `invalid JSON: ${error.message} (YAML would accept it; Meta's API and JSON tools do not)`, start: error.offset, end: Math.min(error.offset + 1, text.length) };
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
  return `invalid ${what}: ${Object.hasOwn(hint, code) ? `${hint[code]} (${first})` : first}`;
}

// ---------------------------------------------------------------------------------------------------------
// Logs of what Meta says back: webhook payloads and message statuses, as JSON Lines (.jsonl, .ndjson: one
// payload per line) or as a YAML/JSON list. A log is one document, `{records: [...]}`, whatever its length:
// its findings (an error mix, a broken record) belong to the log, and a 50,000-line log is one result, not
// 50,000. Positions stay exact: each record's YAML nodes carry offsets into the file.

const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
/** Lines longer than this, or nested deeper than MAX_DEPTH, are located as a whole line (no YAML parse). */
const MAX_POSITIONED_LINE = 100_000;

export function isJsonLinesFile(absPath: string): boolean {
  return JSON_LINES_EXTENSIONS.has(path.extname(absPath).toLowerCase());
}

/**
 * One record per non-blank line, read with JSON.parse (linear, no YAML limits needed). A line that is not
 * JSON is an `input/parse-error` at that line, one that is not a Meta payload an `input/unknown-shape`
 * warning; the other lines still count. A file with no Meta payload at all is not a log (an audience file
 * in JSON Lines, say): it yields nothing, unless none of its lines could be read at all.
 */
function parseJsonLines(source: SourceFile, documents: LintDocument[], problems: InputProblem[]): void {
  const text = source.text;
  const records: unknown[] = [];
  const spans: [number, number][] = [];
  const lineProblems: InputProblem[] = [];
  let otherObjects = 0;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(start, lineEnd);
    const indent = line.length - line.trimStart().length;
    if (indent < line.length) {
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(line);
      } catch (error) {
        parsed = false;
        const raw = error instanceof Error ? error.message : String(error);
        const at = /at position (\d+)/.exec(raw);
        const column = at ? Math.min(Number(at[1]), line.length) : line.trimEnd().length;
        const why = raw.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
        lineProblems.push({ ruleId: 'input/parse-error', message: `invalid JSON on line ${lineNo}: ${why}; the other lines are read`, start: start + column, end: Math.min(start + column + 1, lineEnd) });
      }
      if (parsed && looksLikeSignal(value)) {
        records.push(value);
        spans.push([start, lineEnd]);
      } else if (parsed) {
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) otherObjects++;
        lineProblems.push({
          ruleId: 'input/unknown-shape',
          severity: 'warning',
          message: `line ${lineNo} is not a Meta webhook payload ({"object": "whatsapp_business_account", "entry": [...]}) or message status; it is skipped`,
          start: start + indent,
          end: Math.min(start + indent + 1, lineEnd),
        });
      }
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  if (records.length === 0) {
    // Rows of some other JSON Lines file (an audience): not msglint's to lint. Only unreadable lines: say so.
    if (otherObjects === 0) problems.push(...lineProblems.filter((p) => p.ruleId === 'input/parse-error'));
    return;
  }
  problems.push(...lineProblems);
  documents.push({ source, yaml: recordsDocument(text, new LazyLineNodes(text, spans).items), index: documents.length, kind: signalKindOf(records), basePath: [], data: { records } });
}

/** A list of webhook payloads or message statuses in a YAML or JSON document: one log document around the list. */
function signalLogDocument(root: unknown, yaml: Document.Parsed, source: SourceFile, index: number): LintDocument | undefined {
  if (!Array.isArray(root) || root.length === 0 || !root.every(looksLikeSignal) || !isSeq(yaml.contents)) return undefined;
  const wrapper = recordsDocument(source.text, yaml.contents.items as Node[]);
  wrapper.range = yaml.range;
  return { source, yaml: wrapper, index, kind: signalKindOf(root), basePath: [], data: { records: root } };
}

/** A YAML document `{records: [...]}` whose record nodes are the given ones (positions into the file). */
function recordsDocument(text: string, items: Node[]): Document.Parsed {
  const seq = new YAMLSeq();
  seq.items = items;
  seq.range = [0, text.length, text.length];
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar('records'), seq));
  map.range = [0, text.length, text.length];
  const doc = new YamlDocument(null) as unknown as Document.Parsed;
  doc.contents = map as unknown as Document.Parsed['contents'];
  doc.range = [0, text.length, text.length];
  return doc;
}

/**
 * The YAML nodes of a JSON Lines file, parsed line by line only when a finding needs a position (most lines
 * of a large log never do). Each node's range is shifted from its line to the file.
 */
class LazyLineNodes {
  readonly items: Node[];
  private readonly nodes: (Node | undefined)[];

  constructor(
    private readonly text: string,
    private readonly spans: readonly [number, number][],
  ) {
    this.nodes = new Array<Node | undefined>(spans.length);
    const isIndex = (prop: string | symbol): number => {
      if (typeof prop !== 'string' || !/^(?:0|[1-9]\d*)$/.test(prop)) return -1;
      const i = Number(prop);
      return i < spans.length ? i : -1;
    };
    this.items = new Proxy(this.nodes as Node[], {
      get: (target, prop, receiver) => {
        const i = isIndex(prop);
        return i >= 0 ? this.node(i) : Reflect.get(target, prop, receiver);
      },
      has: (target, prop) => isIndex(prop) >= 0 || Reflect.has(target, prop),
    });
  }

  private node(i: number): Node {
    let node = this.nodes[i];
    if (!node) this.nodes[i] = node = lineNode(this.text, this.spans[i]);
    return node;
  }
}

function lineNode(text: string, [start, end]: readonly [number, number]): Node {
  const line = text.slice(start, end);
  if (line.length <= MAX_POSITIONED_LINE && jsonDepth(line) <= MAX_DEPTH) {
    warmUpYaml();
    const doc = parseDocument(line, { uniqueKeys: false, prettyErrors: false, schema: 'core', logLevel: 'silent' });
    if (doc.errors.length === 0 && doc.contents) {
      shiftRanges(doc.contents as Node, start);
      return doc.contents as Node;
    }
  }
  // Positions inside the line are not available: the whole line stands for the record.
  const whole = new YAMLMap();
  whole.range = [start, end, end];
  return whole;
}

/** Deepest bracket nesting of a JSON text (strings skipped): a linear scan. */
function jsonDepth(line: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** Adds `offset` to the range of every node below `root` (iteratively: lines may nest up to MAX_DEPTH). */
function shiftRanges(root: Node, offset: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { range?: [number, number, number] | null } | null | undefined;
    if (!node || typeof node !== 'object') continue;
    if (node.range) node.range = [node.range[0] + offset, node.range[1] + offset, node.range[2] + offset];
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
}
