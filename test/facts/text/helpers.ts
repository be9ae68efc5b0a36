import type { LintDocument } from '../../../src/documents/parse.js';
import { parseSource } from '../../../src/documents/parse.js';
import { sourceFromText } from '../../../src/documents/source.js';
import type { FactContext, FactProvider } from '../../../src/facts/registry.js';
import { buildWorkspace } from '../../../src/workspace.js';

/** The template documents of a YAML or JSON text, as if read from /repo/<name>. */
export function templates(text: string, name = 'templates/t.yaml'): LintDocument[] {
  const parsed = parseSource(sourceFromText(text, `/repo/${name}`, '/repo'));
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.documents.filter((d) => d.kind === 'template');
}

/** One MARKETING template with the given body (and optional extra components), in YAML. */
export function bodyTemplate(body: string, language = 'en_US', extra = ''): LintDocument {
  const yaml = `name: t\nlanguage: ${language}\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: ${JSON.stringify(body)}\n${extra}`;
  return templates(yaml)[0];
}

export function contextFor(docs: LintDocument[], thresholds: Record<string, number> = {}): FactContext {
  return { workspace: buildWorkspace('/repo', docs), now: new Date('2026-01-01T00:00:00Z'), thresholds };
}

export function compute(provider: FactProvider, doc: LintDocument, thresholds: Record<string, number> = {}): Record<string, unknown> {
  return provider.compute(doc, contextFor([doc], thresholds));
}

export interface Located {
  text: string;
  start: number;
  end: number;
  path: string;
  [k: string]: unknown;
}

export function list(value: unknown): Located[] {
  if (!Array.isArray(value)) throw new Error('not a list');
  return value as Located[];
}
