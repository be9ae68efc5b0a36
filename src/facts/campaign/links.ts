import { existsSync } from 'node:fs';
import path from 'node:path';

import { isRecord } from '../../documents/kinds.js';
import { parseSource, type LintDocument, type ParsedFile } from '../../documents/parse.js';
import { readSource, SourceReadError } from '../../documents/source.js';
import { templateKey, type Workspace, type WorkspacePreparer } from '../../workspace.js';

export interface TemplateRef {
  name: string;
  language?: string;
  /** JSON pointer of the reference inside the campaign. */
  path: string;
  resolved?: LintDocument;
}

/** A campaign's links to the documents it depends on, resolved once per run. */
export interface CampaignLinks {
  account?: Record<string, unknown>;
  /** Where the account came from, for messages. */
  accountSource?: string;
  accountProblem?: string;
  templates: TemplateRef[];
  audienceFile?: string;
  audienceProblem?: string;
}

export const CAMPAIGN_LINKS = 'campaign-links';

export function campaignLinks(workspace: Workspace, doc: LintDocument): CampaignLinks {
  const all = workspace.prepared.get(CAMPAIGN_LINKS) as Map<LintDocument, CampaignLinks> | undefined;
  return all?.get(doc) ?? { templates: [] };
}

/** Resolves account (path or inline), templates (by name and language among the linted ones) and the audience file path. */
export const campaignLinker: WorkspacePreparer = {
  id: CAMPAIGN_LINKS,
  async prepare(workspace) {
    const result = new Map<LintDocument, CampaignLinks>();
    const accountCache = new Map<string, Promise<Record<string, unknown> | string>>();
    for (const doc of workspace.documents) {
      if (doc.kind !== 'campaign') continue;
      const dir = path.dirname(doc.source.absPath);
      const links: CampaignLinks = { templates: [] };
      // A campaign that names no account sends from the config's (`account:` in msglint.config.yaml).
      const named = doc.data.account !== undefined && doc.data.account !== null && doc.data.account !== '';
      const account = named ? doc.data.account : workspace.defaultAccount;
      if (isRecord(account)) {
        links.account = account;
        links.accountSource = named ? 'inline' : 'config';
      } else if (typeof account === 'string' && account.trim() !== '') {
        const abs = path.resolve(dir, account);
        let pending = accountCache.get(abs);
        if (!pending) accountCache.set(abs, (pending = loadAccount(workspace, abs)));
        const loaded = await pending;
        if (typeof loaded === 'string') links.accountProblem = `account "${account}": ${loaded}`;
        else {
          links.account = loaded;
          links.accountSource = account;
        }
      }
      const refs = Array.isArray(doc.data.templates) ? doc.data.templates : [];
      refs.forEach((ref, i) => {
        const r = typeof ref === 'string' ? { name: ref } : isRecord(ref) ? ref : {};
        const name = typeof r.name === 'string' ? r.name : '';
        const language = typeof r.language === 'string' ? r.language : undefined;
        if (!name) return;
        const candidates = workspace.templatesByName.get(templateKey(name, language)) ?? [];
        links.templates.push({ name, language, path: `/templates/${i}`, resolved: candidates[0] });
      });
      const audience = isRecord(doc.data.audience) ? doc.data.audience : undefined;
      if (audience && typeof audience.file === 'string') {
        const abs = path.resolve(dir, audience.file);
        if (existsSync(abs)) links.audienceFile = abs;
        else links.audienceProblem = `audience file "${audience.file}" does not exist (looked for ${path.relative(workspace.cwd, abs) || abs})`;
      }
      result.set(doc, links);
    }
    workspace.prepared.set(CAMPAIGN_LINKS, result);
  },
};

async function loadAccount(workspace: Workspace, abs: string): Promise<Record<string, unknown> | string> {
  const inRun = workspace.documents.find((d) => d.kind === 'account' && d.source.absPath === abs);
  if (inRun) return inRun.data;
  return readAccountFile(abs, workspace.cwd);
}

/** The account document in a file, or why it cannot be used (also for `msglint appeal --account`). */
export async function readAccountFile(abs: string, cwd: string): Promise<Record<string, unknown> | string> {
  // readSource refuses devices, pipes, folders and oversize files (`account: /dev/zero` must not hang).
  let parsed: ParsedFile;
  try {
    parsed = parseSource(await readSource(abs, cwd));
  } catch (error) {
    return error instanceof SourceReadError ? error.message : 'the file does not exist or cannot be read';
  }
  const found = parsed.documents.find((d) => d.kind === 'account');
  return found ? found.data : 'the file is not an account document (kind: account)';
}
