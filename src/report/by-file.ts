import type { LintDocument } from '../documents/parse.js';
import type { DocumentResult, Finding } from '../types.js';

/** A file as results name it (relPath) and as the run knows it (absPath). */
export interface FileNames {
  absPath: string;
  relPath: string;
}

/** Results grouped by absolute path, in report order; results of files not listed are left out. */
export function resultsByFile(results: readonly DocumentResult[], files: Iterable<FileNames>): Map<string, DocumentResult[]> {
  const absOfRel = new Map<string, string>();
  for (const f of files) absOfRel.set(f.relPath, f.absPath);
  const out = new Map<string, DocumentResult[]>();
  for (const r of results) {
    const abs = absOfRel.get(r.file);
    if (abs === undefined) continue;
    const list = out.get(abs);
    if (list) list.push(r);
    else out.set(abs, [r]);
  }
  return out;
}

/** The findings reported for a template among its file's results (matched by name and language). */
export function templateFindings(fileResults: readonly DocumentResult[] | undefined, doc: LintDocument): Finding[] | undefined {
  return fileResults?.find((r) => r.kind === 'template' && r.name === doc.name && r.language === doc.language)?.findings;
}
