import type { LintDocument } from './documents/parse.js';

/**
 * Everything linted in one run, so that documents can refer to each other
 * (a campaign to its templates and account, duplicate wording across templates).
 */
export interface Workspace {
  cwd: string;
  documents: readonly LintDocument[];
  /** Templates by `name` and by `name|language`. */
  templatesByName: ReadonlyMap<string, LintDocument[]>;
  /**
   * Results of asynchronous preparation (streamed audience files, cross-campaign sums),
   * keyed by preparer id; facts read them synchronously.
   */
  prepared: Map<string, unknown>;
  /** The config's `account`, for campaigns that name none: an absolute path, or the account inline. */
  defaultAccount?: string | Record<string, unknown>;
}

/** Work that needs I/O or the whole workspace, done once before any rule runs. */
export interface WorkspacePreparer {
  id: string;
  prepare(workspace: Workspace, now: Date, thresholds: Readonly<Record<string, number>>): Promise<void>;
}

export function templateKey(name: string, language?: string): string {
  return language ? `${name}|${language}` : name;
}

export function buildWorkspace(cwd: string, documents: readonly LintDocument[], defaultAccount?: string | Record<string, unknown>): Workspace {
  const templatesByName = new Map<string, LintDocument[]>();
  for (const doc of documents) {
    if (doc.kind !== 'template' || !doc.name) continue;
    for (const key of [doc.name, templateKey(doc.name, doc.language)]) {
      const list = templatesByName.get(key) ?? [];
      if (!list.includes(doc)) list.push(doc);
      templatesByName.set(key, list);
    }
  }
  return { cwd, documents, templatesByName, prepared: new Map(), ...(defaultAccount !== undefined ? { defaultAccount } : {}) };
}
