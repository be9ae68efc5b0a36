import { stat } from 'node:fs/promises';
import path from 'node:path';

import type { AnalyzeOptions, AudienceStats } from '../../audience/analyze.js';
import { columnsFrom } from '../../audience/columns.js';
import { DEFAULT_STALE_CONSENT_DAYS, formatFromPath } from '../../audience/defaults.js';
import { createProgress } from '../../audience/progress.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { Workspace, WorkspacePreparer } from '../../workspace.js';
import { campaignLinks } from './links.js';
import { accountThroughput, campaignSchedule } from './plan.js';

export const CAMPAIGN_AUDIENCES = 'campaign-audiences';

/** Files at least this large show a progress bar on a terminal. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

/** The audience statistics of a campaign (undefined when it has no readable audience file). */
export function campaignAudience(workspace: Workspace, doc: LintDocument): AudienceStats | undefined {
  const all = workspace.prepared.get(CAMPAIGN_AUDIENCES) as Map<LintDocument, AudienceStats> | undefined;
  return all?.get(doc);
}

/** How a campaign asks for its audience file to be read (everything that changes the statistics). */
export function audienceOptions(doc: LintDocument, account: Record<string, unknown> | undefined, now: Date, thresholds: Readonly<Record<string, number>>): AnalyzeOptions {
  const audience = isRecord(doc.data.audience) ? doc.data.audience : {};
  const optIn = isRecord(doc.data.optIn) ? doc.data.optIn : {};
  const schedule = campaignSchedule(doc.data);
  const stale = thresholds.staleConsentDays;
  return {
    format: audience.format === 'jsonl' || audience.format === 'csv' ? audience.format : undefined,
    delimiter: typeof audience.delimiter === 'string' && audience.delimiter.length === 1 ? audience.delimiter : undefined,
    columns: columnsFrom(audience.columns),
    defaultCountry: typeof audience.defaultCountry === 'string' ? audience.defaultCountry : undefined,
    now: now.getTime(),
    sendAt: Number.isNaN(schedule.start) ? undefined : schedule.start,
    staleConsentDays: typeof stale === 'number' && stale >= 0 ? stale : DEFAULT_STALE_CONSENT_DAYS,
    claimWording: typeof optIn.wording === 'string' ? optIn.wording : undefined,
    ratePerSecond: schedule.ratePerSecond || accountThroughput(account),
  };
}

/**
 * Streams every campaign's audience file once before the rules run. Two campaigns that read the same file the
 * same way share one pass (cache by file path and reading options).
 */
export const audienceReader: WorkspacePreparer = {
  id: CAMPAIGN_AUDIENCES,
  async prepare(workspace, now, thresholds) {
    const result = new Map<LintDocument, AudienceStats>();
    const cache = new Map<string, Promise<AudienceStats>>();
    for (const doc of workspace.documents) {
      if (doc.kind !== 'campaign') continue;
      const links = campaignLinks(workspace, doc);
      if (!links.audienceFile) continue;
      const file = links.audienceFile;
      const options = audienceOptions(doc, links.account, now, thresholds);
      const key = JSON.stringify([file, options]);
      let pending = cache.get(key);
      if (!pending) {
        pending = readWithProgress(file, options, workspace.cwd);
        cache.set(key, pending);
      }
      result.set(doc, await pending);
    }
    workspace.prepared.set(CAMPAIGN_AUDIENCES, result);
  },
};

async function readWithProgress(file: string, options: AnalyzeOptions, cwd: string): Promise<AudienceStats> {
  let size = 0;
  try {
    size = (await stat(file)).size;
  } catch {
    // analyzeAudience reports it.
  }
  const progress = size >= PROGRESS_MIN_BYTES ? createProgress({ label: path.relative(cwd, file) || file, total: size }) : undefined;
  try {
    // The reader (csv-parse, libphonenumber-js) is loaded only when a campaign names an audience file.
    const { analyzeAudience } = await import('../../audience/analyze.js');
    return await analyzeAudience(file, { ...options, format: options.format ?? formatFromPath(file), onProgress: progress ? (bytes) => progress.update(bytes) : undefined });
  } finally {
    progress?.done();
  }
}
