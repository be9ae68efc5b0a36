import type { DocumentKind } from '../types.js';

/** Where a document lives inside a parsed YAML document, and what it is. */
export interface DetectedDocument {
  kind: DocumentKind;
  /** Path from the YAML document root to the document object. */
  basePath: (string | number)[];
  data: Record<string, unknown>;
}

export interface UnknownShape {
  kind: 'unknown';
  reason: string;
}

const KIND_ALIASES: Record<string, DocumentKind> = {
  campaign: 'campaign',
  account: 'account',
  config: 'config',
  'rule-pack': 'rule-pack',
  rulepack: 'rule-pack',
  pack: 'rule-pack',
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Meta template object: it has components, or the name/language/category triple of the API. */
export function looksLikeTemplate(value: unknown): boolean {
  if (!isRecord(value) || 'kind' in value) return false;
  if (Array.isArray(value.components)) return true;
  return typeof value.name === 'string' && 'language' in value && 'category' in value;
}

/**
 * Decides what a parsed YAML/JSON document holds. A file may hold one template, a list of templates,
 * the API's `{data: [...], paging}` list response, a map of name → template (SDK test data), or a
 * msglint document with `kind:`. Anything else is reported, never guessed.
 */
export function detectDocuments(root: unknown, fileName: string): DetectedDocument[] | UnknownShape {
  if (root === null || root === undefined) return { kind: 'unknown', reason: 'the document is empty' };
  if (isRecord(root)) {
    if (typeof root.kind === 'string') {
      const kind = KIND_ALIASES[root.kind.toLowerCase()];
      if (kind) return [{ kind, basePath: [], data: root }];
      return { kind: 'unknown', reason: `unknown kind "${root.kind}"; msglint reads kind: campaign, account, config or rule-pack` };
    }
    if (/^\.?msglint\.config\.(ya?ml|json)$/i.test(fileName)) return [{ kind: 'config', basePath: [], data: root }];
    if (looksLikeTemplate(root)) return [{ kind: 'template', basePath: [], data: root }];
    if (Array.isArray(root.data)) {
      const list = root.data;
      if (list.length === 0) return [];
      if (list.every(looksLikeTemplate)) {
        return list.map((data, i) => ({ kind: 'template' as const, basePath: ['data', i], data: data as Record<string, unknown> }));
      }
      return { kind: 'unknown', reason: 'a "data" list whose entries are not message templates' };
    }
    const values = Object.entries(root);
    if (values.length > 0 && values.every(([, v]) => looksLikeTemplate(v))) {
      return values.map(([key, data]) => ({ kind: 'template' as const, basePath: [key], data: data as Record<string, unknown> }));
    }
    return {
      kind: 'unknown',
      reason: 'not a message template (no "components"), and no "kind:" saying it is a campaign, account, config or rule-pack',
    };
  }
  if (Array.isArray(root)) {
    if (root.length === 0) return [];
    if (root.every(looksLikeTemplate)) {
      return root.map((data, i) => ({ kind: 'template' as const, basePath: [i], data: data as Record<string, unknown> }));
    }
    return { kind: 'unknown', reason: 'a list whose entries are not all message templates' };
  }
  return { kind: 'unknown', reason: `a lone ${typeof root} value, not a document` };
}
