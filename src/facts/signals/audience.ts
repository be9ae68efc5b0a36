// People who stopped marketing from this business (Meta's user_preferences webhook, a bare STOP reply, a 131050
// failure) who are still in a marketing campaign's audience file.
//
// The audience engineer's reader has already streamed every audience once (campaign-audiences) and kept its
// unique numbers: membership is checked there, for free. Only when a stopped number is in the audience is the
// file streamed again, with the same reader and column mapping, to find the rows: their line numbers, and
// whether the row itself records the opt-out (those rows are opt-in/opted-out-in-audience's to report).

import { formatDay } from './describe.js';
import { signalIndex, signalsFor, metaCategory, type UserPreference } from './index.js';
import type { AudienceStats } from '../../audience/analyze.js';
import { columnsFrom, jsonKeys, mapColumns } from '../../audience/columns.js';
import { isKnownCountry } from '../../audience/countries.js';
import { formatFromPath, MAX_EXAMPLES } from '../../audience/defaults.js';
import { maskPhone } from '../../audience/mask.js';
import { parseOptOut, parseTimestamp } from '../../audience/timestamps.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { Workspace, WorkspacePreparer } from '../../workspace.js';
import { campaignAudience } from '../campaign/audience.js';
import { campaignLinks } from '../campaign/links.js';
import { normalizeCategory } from '../template/components.js';

export const SIGNAL_AUDIENCES = 'signals-audience';

export interface StoppedInAudience {
  /** Rows of the file whose number stopped marketing (rows that record the opt-out themselves are not counted). */
  rows: number;
  /** Unique numbers among them. */
  numbers: number;
  /** The first rows: line number and masked phone, with when and how the person stopped. */
  examples: { row: number; phone: string; since: string; how: UserPreference['how'] }[];
  /** Rows whose own opt-out column already records it. */
  alreadyOptedOut: number;
  /** How many of the numbers stopped by each route. */
  byHow: Record<UserPreference['how'], number>;
}

export function stoppedInAudience(workspace: Workspace, doc: LintDocument): StoppedInAudience | undefined {
  const all = workspace.prepared.get(SIGNAL_AUDIENCES) as Map<LintDocument, StoppedInAudience> | undefined;
  return all?.get(doc);
}

/** Whether a campaign sends marketing: a template declared MARKETING, or one Meta holds (or is moving) as MARKETING. */
export function sendsMarketing(workspace: Workspace, doc: LintDocument): boolean {
  const index = signalIndex(workspace);
  return campaignLinks(workspace, doc).templates.some((ref) => {
    const declared = ref.resolved ? normalizeCategory(ref.resolved.data.category) : '';
    if (declared === 'MARKETING') return true;
    return metaCategory(signalsFor(index, ref.name, ref.language ?? ref.resolved?.language)) === 'MARKETING';
  });
}

/** Runs after the audience reader and the signal index. */
export const stoppedAudienceChecker: WorkspacePreparer = {
  id: SIGNAL_AUDIENCES,
  async prepare(workspace) {
    const result = new Map<LintDocument, StoppedInAudience>();
    const index = signalIndex(workspace);
    if (index.stoppedUsers.size > 0) {
      for (const doc of workspace.documents) {
        if (doc.kind !== 'campaign' || doc.external) continue;
        const stats = campaignAudience(workspace, doc);
        const file = campaignLinks(workspace, doc).audienceFile;
        if (!stats || stats.fatal || !file || !sendsMarketing(workspace, doc)) continue;
        const present = stoppedNumbersIn(stats, index.stoppedUsers, index.users);
        if (present.size === 0) continue;
        result.set(doc, await findRows(file, doc, present, stats.numbers));
      }
    }
    workspace.prepared.set(SIGNAL_AUDIENCES, result);
  },
};

/** Stopped users (E.164 digits) that are among the audience's unique numbers. */
function stoppedNumbersIn(stats: AudienceStats, stopped: ReadonlySet<string>, users: ReadonlyMap<string, UserPreference>): Map<number, UserPreference> {
  const present = new Map<number, UserPreference>();
  for (const user of stopped) {
    if (!/^\d{7,15}$/.test(user)) continue; // a business-scoped user id, not a phone number
    const e164 = Number(user);
    if (stats.numbers.has(e164)) present.set(e164, users.get(user)!);
  }
  return present;
}

async function findRows(file: string, doc: LintDocument, present: ReadonlyMap<number, UserPreference>, known: AudienceStats['numbers']): Promise<StoppedInAudience> {
  const audience = isRecord(doc.data.audience) ? doc.data.audience : {};
  const columns = columnsFrom(audience.columns);
  const format = audience.format === 'jsonl' || audience.format === 'csv' ? audience.format : formatFromPath(file);
  const defaultCountry = typeof audience.defaultCountry === 'string' && isKnownCountry(audience.defaultCountry) ? audience.defaultCountry.toUpperCase() : '';
  const out: StoppedInAudience = { rows: 0, numbers: 0, examples: [], alreadyOptedOut: 0, byHow: { preference: 0, reply: 0, 'error-131050': 0 } };
  const seen = new Set<number>();
  // The reader is loaded only when a stopped number is in an audience (see campaign/audience.ts).
  const [{ readPhone }, { readRecords, recordStartLine }] = await Promise.all([import('../../audience/phone.js'), import('../../audience/records.js')]);
  let col = { phone: -1, optedInAt: -1, optedOutAt: -1, country: -1 };
  await readRecords(
    file,
    { format, delimiter: typeof audience.delimiter === 'string' && audience.delimiter.length === 1 ? audience.delimiter : undefined, keys: format === 'jsonl' ? jsonKeys(columns) : undefined },
    {
      header(names) {
        const { index } = mapColumns(
          names.map((n) => String(n).trim()),
          columns,
        );
        col = { phone: index.phone, optedInAt: index.optedInAt, optedOutAt: index.optedOutAt, country: index.country };
      },
      row(values, line) {
        if (col.phone < 0) return;
        const raw = values[col.phone] ?? '';
        if (raw.trim() === '' || raw.includes('\n')) return;
        // Most exports write E.164 ("+447425988000"): when its digits are a number the audience reader already
        // indexed, that is the number it read. Anything else (national formats, separators, a trunk 0) goes
        // through the reader's phone parser, so both passes read every row the same way.
        let e164 = e164Digits(raw);
        if (e164 === 0 || !known.has(e164)) {
          const rowCountry = col.country >= 0 ? (values[col.country] ?? '').trim() : '';
          const phone = readPhone(raw, rowCountry.length === 2 && isKnownCountry(rowCountry) ? rowCountry.toUpperCase() : defaultCountry);
          if (!phone.valid) return;
          e164 = phone.e164;
        }
        const pref = present.get(e164);
        if (!pref) return;
        // The same opt-out rule as the audience statistics: an opt-out at or after the row's opt-in.
        const optedIn = col.optedInAt >= 0 && values[col.optedInAt] ? parseTimestamp(values[col.optedInAt]) : NaN;
        const optedOut = col.optedOutAt >= 0 && values[col.optedOutAt] ? parseOptOut(values[col.optedOutAt]) : NaN;
        if (!Number.isNaN(optedOut) && (Number.isNaN(optedIn) || optedOut >= optedIn)) {
          out.alreadyOptedOut++;
          return;
        }
        out.rows++;
        if (!seen.has(e164)) {
          seen.add(e164);
          out.byHow[pref.how]++;
        }
        if (out.examples.length < MAX_EXAMPLES) out.examples.push({ row: recordStartLine(values, line), phone: maskPhone(e164), since: formatDay(pref.at), how: pref.how });
      },
      problem() {
        // Unreadable stretches are the audience statistics' to report.
      },
    },
  );
  out.numbers = seen.size;
  return out;
}

/** "+447425988000" (a plus and 7 to 15 digits, nothing else) as the number 447425988000; 0 otherwise. */
function e164Digits(raw: string): number {
  const n = raw.length;
  if (n < 8 || n > 16 || raw.charCodeAt(0) !== 43) return 0;
  let value = 0;
  for (let i = 1; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
    value = value * 10 + (c - 48);
  }
  return value;
}
