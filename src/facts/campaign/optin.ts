import path from 'node:path';

import type { AudienceStats, ProblemTally } from '../../audience/analyze.js';
import { isoDate } from '../../audience/timestamps.js';
import { isRecord } from '../../documents/kinds.js';
import { campaignAudience } from './audience.js';
import { campaignLinks } from './links.js';
import type { FactProvider } from '../registry.js';

const fmt = (n: number) => n.toLocaleString('en-US');

/** "row 3 (+44 77•• •••123), row 9 (+34 61•• •••678)" — phone numbers are already masked by the reader. */
export function exampleRows(t: ProblemTally): string {
  return t.examples.map((e) => `row ${e.row} (${e.phone})`).join(', ');
}

/** "91.5% (914,611 of 1,000,000 contacts)". */
export function coverageText(s: AudienceStats): string {
  if (s.contacts === 0) return '0% (the file has no contacts)';
  const pct = (s.validEvidence / s.contacts) * 100;
  const shown = pct === 100 || pct === 0 ? pct.toFixed(0) : pct < 99.95 ? pct.toFixed(1) : '99.9';
  return `${shown}% (${fmt(s.validEvidence)} of ${fmt(s.contacts)} contacts)`;
}

function unreadableText(s: AudienceStats): string {
  return s.unreadable.examples.map((p) => `${p.line === p.endLine ? `line ${p.line}` : `lines ${p.line}–${p.endLine}`}: ${p.reason}`).join('; ');
}

/** Why a campaign has no per-contact opt-in records, or '' when it has them. */
function recordsProblem(hasFile: boolean, declaredSize: boolean, s: AudienceStats | undefined): string {
  if (!hasFile) return declaredSize ? 'the audience is only a size, with no opt-in records file' : 'the campaign has no audience file with opt-in records';
  if (!s) return '';
  if (s.fatal) return `the audience file cannot be read: ${s.fatal}`;
  if (s.phoneColumnMissing) return 'the audience file has no phone column';
  if (!s.columnsFound.optedInAt) return `the audience file has no opt-in time column (looked for "${s.missingMappedColumns.find((m) => m.field === 'optedInAt')?.column ?? 'opted_in_at'}"; its columns: ${s.header.join(', ') || 'none'})`;
  if (s.withOptInTime === 0) return `no contact in the audience file has an opt-in time (column "${s.columnsFound.optedInAt}" is empty)`;
  return '';
}

/** Opt-in evidence from the campaign's audience file: counts, masked example rows and coverage. */
export const campaignOptIn: FactProvider = {
  id: 'campaign-opt-in',
  kinds: ['campaign'],
  facts: {
    hasOptInRecords: 'whether the audience file holds per-contact opt-in times',
    optInRecordsProblem: 'why there are no per-contact opt-in records, or empty',
    audienceFileName: 'the audience file, relative to the working directory',
    audienceUnreadable: 'why the audience file cannot be used at all (unreadable, binary, no phone column), or empty',
    audienceColumns: "the audience file's column names",
    unmappedColumns: 'columns named in audience.columns that the file does not have, or empty',
    contacts: 'data rows in the audience file',
    coverage: 'share of contacts with valid, current opt-in evidence and no opt-out, as "91.5% (914,611 of 1,000,000 contacts)"',
    coveragePercent: 'coverage as a number from 0 to 100',
    unreadableRows: 'stretches of the audience file that could not be read (bad quotes, huge fields)',
    unreadableRowDetails: 'where and why, for up to five of them',
    contactsWithoutOptIn: 'contacts without a (readable) opt-in time',
    contactsWithoutOptInExamples: 'up to five of them: row number and masked phone',
    contactsWithoutOptInNote: 'how many of those hold a value that is not a date, as "; 3 of them …", or empty',
    optedOutContacts: 'contacts whose record says they opted out (and did not opt in again later)',
    optedOutExamples: 'up to five of them: row number and masked phone',
    invalidNumbers: 'contacts whose phone number is not a valid number (empty included)',
    invalidNumberExamples: 'up to five of them: row number and masked phone',
    invalidNumberNote: 'how many of those have no number at all, as "; 2 of them empty", or empty',
    duplicateNumbers: 'rows whose number (after E.164 normalisation) appeared on an earlier row',
    duplicateNumberExamples: 'up to five of them: row number and masked phone',
    uniqueRecipients: 'unique valid phone numbers in the audience',
    audienceCountries: 'unique valid numbers per country (from the number), most first: "IN 1,500, GB 48"',
    futureConsent: 'contacts whose opt-in time is in the future or after the send date',
    futureConsentExamples: 'up to five of them: row number and masked phone',
    futureConsentDetail: 'how many are after now and how many only after the send date',
    staleConsent: 'contacts whose opt-in is older than the stale-consent threshold',
    staleConsentExamples: 'up to five of them: row number and masked phone',
    staleConsentDays: 'the stale-consent threshold in days (thresholds.staleConsentDays, default 730)',
    wordingMismatches: "contacts whose recorded consent wording differs from the campaign's optIn.wording",
    wordingMismatchExamples: 'up to five of them: row number and masked phone',
    wordingMismatchTexts: 'the most common differing wordings, with their counts',
    sendDate: 'the date the consent is checked against (the send date, or today)',
  },
  compute(doc, ctx) {
    const links = campaignLinks(ctx.workspace, doc);
    const s = campaignAudience(ctx.workspace, doc);
    const audience = isRecord(doc.data.audience) ? doc.data.audience : {};
    const declaredSize = typeof audience.size === 'number';
    const problem = recordsProblem(links.audienceFile !== undefined, declaredSize, s);
    const schedule = isRecord(doc.data.schedule) ? doc.data.schedule : {};
    const sendText = typeof schedule.start === 'string' ? schedule.start : typeof doc.data.sendDate === 'string' ? doc.data.sendDate : '';
    const unusable = !s ? '' : s.fatal ? s.fatal : s.phoneColumnMissing ? `the file has no phone column (looked for "${s.missingMappedColumns.find((m) => m.field === 'phone')?.column ?? 'phone'}"; its columns: ${s.header.join(', ') || 'none'}); map yours with audience.columns.phone` : '';
    const ok = s !== undefined && unusable === '';
    const count = (t: ProblemTally | undefined) => (ok && t ? t.count : 0);
    const future = s?.futureOptIn;
    return {
      hasOptInRecords: problem === '' && ok,
      optInRecordsProblem: problem,
      audienceFileName: links.audienceFile ? path.relative(ctx.workspace.cwd, links.audienceFile) || links.audienceFile : '',
      audienceUnreadable: unusable,
      audienceColumns: s ? s.header.join(', ') : '',
      unmappedColumns: s ? s.missingMappedColumns.map((m) => `${m.field}: "${m.column}"`).join(', ') : '',
      contacts: s ? s.contacts : 0,
      coverage: s ? coverageText(s) : '',
      coveragePercent: s && s.contacts > 0 ? Math.round((s.validEvidence / s.contacts) * 1000) / 10 : 0,
      unreadableRows: s && !s.fatal ? s.unreadable.count : 0,
      unreadableRowDetails: s ? unreadableText(s) : '',
      contactsWithoutOptIn: ok && s!.columnsFound.optedInAt ? s!.missingOptIn.count : 0,
      contactsWithoutOptInExamples: s ? exampleRows(s.missingOptIn) : '',
      contactsWithoutOptInNote: s && s.missingOptIn.unreadable > 0 ? `; ${fmt(s.missingOptIn.unreadable)} of them ${s.missingOptIn.unreadable === 1 ? 'holds' : 'hold'} a value that is not a date` : '',
      optedOutContacts: count(s?.optedOut),
      optedOutExamples: s ? exampleRows(s.optedOut) : '',
      invalidNumbers: count(s?.invalidNumber),
      invalidNumberExamples: s ? exampleRows(s.invalidNumber) : '',
      invalidNumberNote: s && s.invalidNumber.empty > 0 ? `; ${fmt(s.invalidNumber.empty)} of them empty` : '',
      duplicateNumbers: count(s?.duplicate),
      duplicateNumberExamples: s ? exampleRows(s.duplicate) : '',
      uniqueRecipients: s ? s.uniqueNumbers : typeof audience.size === 'number' ? audience.size : 0,
      audienceCountries: s
        ? Object.entries(s.countries)
            .slice(0, 8)
            .map(([c, n]) => `${c} ${fmt(n)}`)
            .join(', ') + (Object.keys(s.countries).length > 8 ? ', …' : '')
        : '',
      futureConsent: count(future),
      futureConsentExamples: future ? exampleRows(future) : '',
      futureConsentDetail: future ? `${fmt(future.afterNow)} after today, ${fmt(future.count - future.afterNow)} only after the send date` : '',
      staleConsent: count(s?.staleConsent),
      staleConsentExamples: s ? exampleRows(s.staleConsent) : '',
      staleConsentDays: s ? s.staleConsentDays : ctx.thresholds.staleConsentDays ?? 730,
      wordingMismatches: count(s?.wordingMismatch),
      wordingMismatchExamples: s ? exampleRows(s.wordingMismatch) : '',
      wordingMismatchTexts: s ? s.wordingMismatch.wordings.map((w) => `"${w.text}" (${fmt(w.count)})`).join(', ') : '',
      sendDate: sendText ? sendText.slice(0, 10) : isoDate(ctx.now.getTime()),
    };
  },
};
