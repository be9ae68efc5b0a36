import { normalizeCategory, templateShape } from './components.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { Workspace } from '../../workspace.js';
import type { FactProvider } from '../registry.js';

/**
 * Meta rejects a template whose body and footer wording duplicates an existing template
 * (not checked for AUTHENTICATION, whose wording is fixed). msglint can only see the templates of the
 * run, so it compares those: one index per workspace, built on first use.
 */

interface WordingGroup {
  /** Sorted by file and position, so the report is the same whichever thread lints a template. */
  docs: LintDocument[];
  /** How many of them carry each name (language versions share a name). */
  names: Map<string | undefined, number>;
  /** The first document whose name differs from the first document's. */
  firstOtherName?: LintDocument;
}

interface WordingIndex {
  keyOf: Map<LintDocument, string>;
  byKey: Map<string, WordingGroup>;
}

const indexes = new WeakMap<Workspace, WordingIndex>();

const PARAMETER = /\{\{[^{}]*\}\}/g;
const SPACES = /\s+/g;
/** NFKC leaves ASCII unchanged: most texts skip the normalization. */
const NON_ASCII = /[\u0080-\uffff]/;

function norm(s: string): string {
  const text = NON_ASCII.test(s) ? s.normalize('NFKC') : s;
  return text.toLowerCase().replace(PARAMETER, '{{}}').replace(SPACES, ' ').trim();
}

/**
 * Body + footer, compared the way a reviewer would: case, spacing and parameter names do not matter.
 * Read from the data, not from templateShape: the index reads every template of the run at once, and shapes
 * kept for all of them until each is linted went to the old generation, to be collected late.
 */
export function wordingKey(doc: LintDocument): string | undefined {
  if (normalizeCategory(doc.data.category) === 'AUTHENTICATION') return undefined;
  const body = componentText(doc, 'BODY');
  if (body === undefined || body.trim() === '') return undefined;
  return `${norm(body)}\u0000${norm(componentText(doc, 'FOOTER') ?? '')}`;
}

/** The text of the template's first component of this type ('' when it has no text), as templateShape reads it. */
function componentText(doc: LintDocument, type: string): string | undefined {
  const list = Array.isArray(doc.data.components) ? doc.data.components : [];
  for (const c of list) {
    if (isRecord(c) && typeof c.type === 'string' && c.type.toUpperCase() === type) return typeof c.text === 'string' ? c.text : '';
  }
  return undefined;
}

function byPlace(a: LintDocument, b: LintDocument): number {
  return a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : a.index - b.index;
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
    let group = index.byKey.get(key);
    if (!group) index.byKey.set(key, (group = { docs: [], names: new Map() }));
    group.docs.push(doc);
    group.names.set(doc.name, (group.names.get(doc.name) ?? 0) + 1);
  }
  for (const group of index.byKey.values()) {
    if (group.docs.length < 2) continue;
    group.docs.sort(byPlace);
    group.firstOtherName = group.docs.find((d) => d.name !== group.docs[0].name);
  }
  indexes.set(workspace, index);
  return index;
}

/** Other templates of the run (not language versions of the same name) with the same body and footer. */
export function duplicateWording(doc: LintDocument, workspace: Workspace): TextMatch[] {
  const index = indexOf(workspace);
  const key = index.keyOf.get(doc);
  if (key === undefined) return [];
  const group = index.byKey.get(key)!;
  const others = group.docs.length - (group.names.get(doc.name) ?? 0);
  if (others <= 0) return [];
  // The first in file order with another name.
  const first = doc.name !== group.docs[0].name ? group.docs[0] : group.firstOtherName!;
  const body = templateShape(doc).body!;
  const text = body.raw.text as string;
  return [
    {
      path: `${body.path}/text`,
      start: 0,
      end: text.length,
      text,
      otherName: first.name ?? '(unnamed)',
      otherLanguage: first.language ?? '',
      otherFile: first.source.relPath,
      others: others > 1 ? ` and ${others - 1} more` : '',
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
