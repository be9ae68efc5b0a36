import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { detectDocuments } from '../documents/kinds.js';
import { locate } from '../documents/locate.js';
import { parseSource, type LintDocument, type ParsedFile } from '../documents/parse.js';
import { sourceFromBytes } from '../documents/source.js';
import { lintParsed, type Linter } from '../lint.js';
import type { PackExample, PackRule, RulePack } from './pack.js';
import type { Span } from '../types.js';

export interface ExampleResult {
  pack: string;
  ruleId: string;
  kind: 'valid' | 'invalid';
  /** Where the example is written (pack file, line, column). */
  file: string;
  span: Span;
  ok: boolean;
  /** How many findings of the rule the example produced. */
  found: number;
  expected: string;
  /** Other messages (for failures). */
  details?: string;
}

/** Runs every embedded example of the given packs, ESLint-RuleTester style: invalid ones must fire, valid ones must not. */
export async function testPacks(linter: Linter, packs: RulePack[], cwd: string, now: Date): Promise<ExampleResult[]> {
  const results: ExampleResult[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      for (const kind of ['invalid', 'valid'] as const) {
        for (const example of rule.examples[kind]) results.push(await runExample(linter, pack, rule, example, kind, cwd, now));
      }
    }
  }
  return results;
}

async function runExample(linter: Linter, pack: RulePack, rule: PackRule, example: PackExample, kind: 'valid' | 'invalid', cwd: string, now: Date): Promise<ExampleResult> {
  const span = locate(pack.document, example.pointer);
  const base = { pack: pack.name, ruleId: rule.id, kind, file: pack.document.source.relPath, span };
  let files: ParsedFile[];
  try {
    files = example.file ? [await parseExampleFile(path.resolve(path.dirname(pack.file), example.file), cwd)] : [inlineExample(pack, example)];
  } catch (error) {
    return { ...base, ok: false, found: 0, expected: 'a readable example', details: error instanceof Error ? error.message : String(error) };
  }
  const docs = files.flatMap((f) => f.documents);
  if (docs.length === 0) {
    const why = files.flatMap((f) => f.problems.map((p) => p.message)).join('; ') || 'no document';
    return { ...base, ok: false, found: 0, expected: 'a document msglint can read', details: why };
  }
  const report = await lintParsed(linter, files, { cwd, now });
  const hits = report.results.flatMap((r) => r.findings).filter((f) => f.ruleId === rule.id);
  const found = hits.length;
  let ok: boolean;
  let expected: string;
  if (example.expect !== undefined) {
    ok = found === example.expect;
    expected = `${example.expect} finding(s)`;
  } else if (kind === 'invalid') {
    ok = found > 0;
    expected = 'at least 1 finding';
  } else {
    ok = found === 0;
    expected = 'no finding';
  }
  const details = ok ? undefined : hits.map((h) => `${h.line}:${h.column} ${h.message}`).join('\n') || undefined;
  return { ...base, ok, found, expected, details };
}

async function parseExampleFile(file: string, cwd: string): Promise<ParsedFile> {
  const bytes = await readFile(file);
  return parseSource(sourceFromBytes(bytes, file, cwd));
}

/** An inline example is linted where it is written: positions point into the pack file. */
function inlineExample(pack: RulePack, example: PackExample): ParsedFile {
  const packDoc = pack.document;
  const examplePath = [...packDoc.basePath, ...example.pointer.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
  const detected = detectDocuments(example.inline, path.basename(pack.file));
  if (!Array.isArray(detected)) return { source: packDoc.source, documents: [], problems: [{ ruleId: 'input/unknown-shape', message: detected.reason, start: 0, end: 0 }] };
  const documents: LintDocument[] = detected.map((d, index) => ({
    source: packDoc.source,
    yaml: packDoc.yaml,
    index,
    kind: d.kind,
    basePath: [...examplePath, ...d.basePath],
    data: d.data,
    name: typeof d.data.name === 'string' ? d.data.name : undefined,
    language: typeof d.data.language === 'string' ? d.data.language : undefined,
  }));
  return { source: packDoc.source, documents, problems: [] };
}
