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

/** An entry of a template list that is not a template: reported at its place, the others are linted. */
export interface RejectedEntry extends UnknownShape {
  basePath: (string | number)[];
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

/** A Meta template object: it has components (of any type: the schema says what is wrong), or the name/language/category triple of the API. */
export function looksLikeTemplate(value: unknown): boolean {
  // Own keys only: `'constructor' in value` is true for every object.
  if (!isRecord(value) || Object.hasOwn(value, 'kind')) return false;
  if (Object.hasOwn(value, 'components')) return true;
  return typeof value.name === 'string' && Object.hasOwn(value, 'language') && Object.hasOwn(value, 'category');
}

/**
 * A list of templates: every entry that looks like one is linted, and the others are reported at their
 * place (one broken entry in an export must not hide the other templates). A list with no template at
 * all is not a template list.
 */
function templateList(list: readonly unknown[], base: (string | number)[], what: string): (DetectedDocument | RejectedEntry)[] | UnknownShape {
  if (!list.some(looksLikeTemplate)) return { kind: 'unknown', reason: `${what} whose entries are not message templates` };
  return list.map((data, i) =>
    looksLikeTemplate(data)
      ? { kind: 'template' as const, basePath: [...base, i], data: data as Record<string, unknown> }
      : { kind: 'unknown' as const, basePath: [...base, i], reason: `entry ${i + 1} of ${what} is not a message template (${describe(data)})` },
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (Array.isArray(value)) return 'it is a list';
  if (isRecord(value)) return Object.hasOwn(value, 'kind') ? 'it has a "kind:"' : 'it has no "components"';
  return `it is a lone ${typeof value}`;
}

/**
 * Decides what a parsed YAML/JSON document holds. A file may hold one template, a list of templates,
 * the API's `{data: [...], paging}` list response, a map of name → template (SDK test data), or a
 * msglint document with `kind:`. Anything else is reported, never guessed.
 */
export function detectDocuments(root: unknown, fileName: string): DetectedDocument[] | UnknownShape {
  const detected = detectEntries(root, fileName);
  if (!Array.isArray(detected)) return detected;
  const rejected = detected.find((d): d is RejectedEntry => d.kind === 'unknown');
  return rejected ? { kind: 'unknown', reason: rejected.reason } : (detected as DetectedDocument[]);
}

/** Like detectDocuments, but a list that mixes templates and other entries yields both, each with its place. */
export function detectEntries(root: unknown, fileName: string): (DetectedDocument | RejectedEntry)[] | UnknownShape {
  if (root === null || root === undefined) return { kind: 'unknown', reason: 'the document is empty' };
  const signals = detectSignals(root);
  if (signals) return signals;
  if (isRecord(root)) {
    if (typeof root.kind === 'string') {
      const name = root.kind.toLowerCase();
      // Own keys only: `kind: constructor` must not find Object's constructor.
      const kind = Object.hasOwn(KIND_ALIASES, name) ? KIND_ALIASES[name] : undefined;
      if (kind) return [{ kind, basePath: [], data: root }];
      const shown = root.kind.length > 40 ? `${root.kind.slice(0, 37)}...` : root.kind;
      return { kind: 'unknown', reason: `unknown kind "${shown}"; msglint reads kind: campaign, account, config or rule-pack` };
    }
    if (/^\.?msglint\.config\.(ya?ml|json)$/i.test(fileName)) return [{ kind: 'config', basePath: [], data: root }];
    if (looksLikeTemplate(root)) return [{ kind: 'template', basePath: [], data: root }];
    if (Array.isArray(root.data)) {
      if (root.data.length === 0) return [];
      return templateList(root.data, ['data'], 'the "data" list');
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
    return templateList(root, [], 'the list');
  }
  return { kind: 'unknown', reason: `a lone ${typeof root} value, not a document` };
}

// ---------------------------------------------------------------------------------------------------------
// What Meta says back: webhook payloads and message statuses. (Meta's template list export is read as
// templates above; its status, quality_score and correct_category are template fields.)

/** Message statuses of the `messages` webhook (`statuses[].status`). */
const MESSAGE_STATUSES = new Set(['sent', 'delivered', 'read', 'failed', 'deleted', 'warning', 'pending', 'accepted', 'played', 'held_for_quality_assessment']);

/** One webhook delivery: `{object: "whatsapp_business_account", entry: [{id, time, changes: [{field, value}]}]}`. */
export function looksLikeWebhookPayload(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value) || !Array.isArray(value.entry)) return false;
  if (value.object === 'whatsapp_business_account') return true;
  // Some loggers drop `object`: the entry → changes → field shape is Meta's all the same.
  return value.object === undefined && value.entry.length > 0 && value.entry.every((e) => isRecord(e) && Array.isArray(e.changes));
}

/** A message status logged on its own (a send log's line): `{id: "wamid…", status, timestamp, recipient_id, errors}`. */
export function looksLikeMessageStatus(value: unknown): boolean {
  if (!isRecord(value) || Object.hasOwn(value, 'kind') || Object.hasOwn(value, 'components')) return false;
  if (typeof value.status !== 'string' || !MESSAGE_STATUSES.has(value.status.toLowerCase())) return false;
  return typeof value.recipient_id === 'string' || (typeof value.id === 'string' && value.id.startsWith('wamid.'));
}

export function looksLikeSignal(value: unknown): boolean {
  return looksLikeWebhookPayload(value) || looksLikeMessageStatus(value);
}

/** A payload (or record) that carries message statuses and nothing else: a line of a send log. */
function carriesOnlyStatuses(value: unknown): boolean {
  if (looksLikeMessageStatus(value)) return true;
  if (!looksLikeWebhookPayload(value)) return false;
  return (value.entry as unknown[]).every(
    (e) =>
      isRecord(e) &&
      Array.isArray(e.changes) &&
      e.changes.length > 0 &&
      e.changes.every((c) => isRecord(c) && c.field === 'messages' && isRecord(c.value) && Array.isArray(c.value.statuses) && c.value.statuses.length > 0 && !Array.isArray(c.value.messages)),
  );
}

/** `send-log` when every record is a message status (sent, delivered, failed…), else `webhook`. */
export function signalKindOf(records: readonly unknown[]): 'webhook' | 'send-log' {
  return records.length > 0 && records.every(carriesOnlyStatuses) ? 'send-log' : 'webhook';
}

/**
 * Webhook payloads and message statuses in a YAML or JSON document: one payload, or a map of name → payload
 * (SDK test data such as pywa's). A list of them is a log: see `parse.ts`, which keeps it as one document.
 */
export function detectSignals(root: unknown): DetectedDocument[] | undefined {
  if (isRecord(root) && looksLikeSignal(root)) return [{ kind: signalKindOf([root]), basePath: [], data: root }];
  if (!isRecord(root) || Object.hasOwn(root, 'kind')) return undefined;
  const entries = Object.entries(root);
  if (entries.length === 0 || !entries.every(([, v]) => looksLikeSignal(v))) return undefined;
  return entries.map(([key, data]) => ({ kind: signalKindOf([data]), basePath: [key], data: data as Record<string, unknown> }));
}
