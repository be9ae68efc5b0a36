import { parseSource, type LintDocument } from '../../../src/documents/parse.js';
import { sourceFromText } from '../../../src/documents/source.js';
import { builtinFacts, builtinPreparers } from '../../../src/facts/index.js';
import { buildWorkspace, type Workspace } from '../../../src/workspace.js';

export const NOW = new Date('2026-11-26T12:00:00Z');

/** Seconds since the epoch of an ISO date (UTC). */
export const ts = (iso: string): number => Math.floor(Date.parse(`${iso}Z`) / 1000);

export function payload(field: string, value: Record<string, unknown>, time?: string): Record<string, unknown> {
  return { object: 'whatsapp_business_account', entry: [{ id: '104996482719230', ...(time ? { time: ts(time) } : {}), changes: [{ field, value }] }] };
}

export function templateStatus(event: string, name: string, time: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return payload('message_template_status_update', { event, message_template_id: 1032485736270, message_template_name: name, message_template_language: 'en_US', reason: 'NONE', message_template_category: 'MARKETING', ...extra }, time);
}

export function jsonl(...records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export interface Prepared {
  workspace: Workspace;
  docs: LintDocument[];
  /** A fact of a document, computed the way rules compute it. */
  fact(doc: LintDocument, name: string): unknown;
  doc(kind: string, name?: string): LintDocument;
}

/** Parses files (relative name → text) under /repo, builds the workspace and runs every preparer, as a lint run does. */
export async function prepare(files: Record<string, string>, thresholds: Record<string, number> = {}): Promise<Prepared> {
  const docs = Object.entries(files).flatMap(([name, text]) => parseSource(sourceFromText(text, `/repo/${name}`, '/repo')).documents);
  const workspace = buildWorkspace('/repo', docs);
  for (const p of builtinPreparers()) await p.prepare(workspace, NOW, thresholds);
  const registry = builtinFacts();
  const sets = new Map<LintDocument, ReturnType<typeof registry.factsFor>>();
  return {
    workspace,
    docs,
    fact(doc, name) {
      let set = sets.get(doc);
      if (!set) sets.set(doc, (set = registry.factsFor(doc, { workspace, now: NOW, thresholds })));
      return set.get(name);
    },
    doc(kind, name) {
      const found = docs.find((d) => d.kind === kind && (name === undefined || d.name === name || d.data.name === name));
      if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
      return found;
    },
  };
}
