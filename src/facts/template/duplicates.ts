import { templateShape } from './components.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { Workspace } from '../../workspace.js';
import type { FactProvider } from '../registry.js';

/**
 * Meta rejects a template whose body and footer wording duplicates an existing template
 * (not checked for AUTHENTICATION, whose wording is fixed). msglint can only see the templates of the
 * run, so it compares those: one index per workspace, built on first use.
 */

interface WordingIndex {
  keyOf: Map<LintDocument, string>;
  byKey: Map<string, LintDocument[]>;
}

const indexes = new WeakMap<Workspace, WordingIndex>();

const PARAMETER = /\{\{[^{}]*\}\}/g;

/** Body + footer, compared the way a reviewer would: case, spacing and parameter names do not matter. */
export function wordingKey(doc: LintDocument): string | undefined {
  const shape = templateShape(doc);
  if (shape.category === 'AUTHENTICATION' || !shape.body) return undefined;
  const body = typeof shape.body.raw.text === 'string' ? shape.body.raw.text : '';
  if (body.trim() === '') return undefined;
  const footer = shape.footer && typeof shape.footer.raw.text === 'string' ? shape.footer.raw.text : '';
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(PARAMETER, '{{}}').replace(/\s+/g, ' ').trim();
  return `${norm(body)}\u0000${norm(footer)}`;
}

function indexOf(workspace: Workspace): WordingIndex {
  let index = indexes.get(workspace);
  if (index) return index;
  index = { keyOf: new Map(), byKey: new Map() };
  for (const doc of workspace.documents) {
    if (doc.kind !== 'template') continue;
    const key = wordingKey(doc);
    if (key === undefined) continue;
    index.keyOf.set(doc, key);
    const list = index.byKey.get(key) ?? [];
    list.push(doc);
    index.byKey.set(key, list);
  }
  indexes.set(workspace, index);
  return index;
}

/** Other templates of the run (not language versions of the same name) with the same body and footer. */
export function duplicateWording(doc: LintDocument, workspace: Workspace): TextMatch[] {
  const index = indexOf(workspace);
  const key = index.keyOf.get(doc) ?? wordingKey(doc);
  if (key === undefined) return [];
  // Sorted by file and position, so the report is the same whichever thread lints this template.
  const others = (index.byKey.get(key) ?? [])
    .filter((o) => o !== doc && o.name !== doc.name)
    .sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : a.index - b.index));
  if (others.length === 0) return [];
  const body = templateShape(doc).body!;
  const text = body.raw.text as string;
  const first = others[0];
  return [
    {
      path: `${body.path}/text`,
      start: 0,
      end: text.length,
      text,
      otherName: first.name ?? '(unnamed)',
      otherLanguage: first.language ?? '',
      otherFile: first.source.relPath,
      others: others.length > 1 ? ` and ${others.length - 1} more` : '',
    },
  ];
}

export const templateDuplicates: FactProvider = {
  id: 'template-duplicates',
  kinds: ['template'],
  facts: {
    duplicateWording: 'the body, when another template of the run (other name, not AUTHENTICATION) has the same body and footer wording',
  },
  compute(doc, ctx) {
    return { duplicateWording: duplicateWording(doc, ctx.workspace) };
  },
};
