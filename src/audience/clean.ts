import { createWriteStream, realpathSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { analyzeAudience, DEFAULT_STALE_CONSENT_DAYS, formatFromPath, type AnalyzeOptions } from './analyze.js';
import { jsonKeys, mapColumns } from './columns.js';
import { readRecords, type RecordProblem } from './records.js';
import { consentState, rowOptIn, rowOptOut, rowOptedOut, rowPhone, type RowContext } from './row.js';
import { isKnownCountry } from './phone.js';

/** Why a row was left out of the cleaned copy (each row counts once, under the first reason that applies). */
export const REMOVAL_REASONS = ['invalidNumber', 'optedOut', 'missingOptIn', 'futureOptIn', 'staleConsent', 'duplicate'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const REASON_TEXT: Record<RemovalReason, string> = {
  invalidNumber: 'without a valid phone number',
  optedOut: 'opted out (on this row or a later one)',
  missingOptIn: 'without an opt-in time',
  futureOptIn: 'opted in after today or after the send date',
  staleConsent: 'consent older than the stale-consent threshold',
  duplicate: 'a number already kept on an earlier row',
};

export interface CleanSummary {
  input: string;
  output: string;
  format: 'csv' | 'jsonl';
  contacts: number;
  kept: number;
  removed: number;
  reasons: Record<RemovalReason, number>;
  /** Stretches of the input that could not be read (left out of the copy). */
  unreadable: RecordProblem[];
  unreadableCount: number;
  sendDate: string;
  staleConsentDays: number;
}

/** A usage problem (same file in and out, unreadable input): the command exits 2. */
export class CleanError extends Error {}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

function csvField(value: string, delimiter: string): string {
  return value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r') ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The default output path: `audience.csv` → `audience.clean.csv`. */
export function defaultCleanOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.clean${ext || '.csv'}`);
}

/**
 * Writes a copy of an audience file with only the contacts whose evidence is valid for the send: a valid number,
 * an opt-in time that is not in the future, not after the send and not stale, no opt-out (on any of the number's
 * rows, unless they opted in again later) — one row per number. Two passes: the first learns each number's
 * evidence (the same pass as `msglint lint`), the second writes. The input is never modified; the output appears
 * only when complete (written beside it under a temporary name, then renamed).
 */
export interface CleanOptions extends Omit<AnalyzeOptions, 'keepEvidence' | 'claimWording'> {
  /** Progress of the second pass (writing), in bytes read. */
  onWriteProgress?: (bytesRead: number) => void;
}

export async function cleanAudience(input: string, output: string, options: CleanOptions): Promise<CleanSummary> {
  if (sameFile(input, output)) throw new CleanError('the output would overwrite the input; choose another --output');
  const format = options.format ?? formatFromPath(input);
  const stats = await analyzeAudience(input, { ...options, format, keepEvidence: true, onProgress: options.onProgress });
  if (stats.fatal) throw new CleanError(`${input}: ${stats.fatal}`);
  if (stats.phoneColumnMissing) throw new CleanError(`${input}: no phone column (its columns: ${stats.header.join(', ') || 'none'}); name it with --columns or --campaign`);
  const evidence = stats.evidence!;
  const staleDays = options.staleConsentDays ?? DEFAULT_STALE_CONSENT_DAYS;
  const sendAt = options.sendAt ?? options.now;
  const ctx: RowContext = {
    col: { phone: -1, optedInAt: -1, optInMethod: -1, optInText: -1, optedOutAt: -1, country: -1 },
    defaultCountry: options.defaultCountry && isKnownCountry(options.defaultCountry) ? options.defaultCountry.toUpperCase() : '',
    now: options.now,
    sendAt,
    staleBefore: sendAt - staleDays * 86_400_000,
  };
  const delimiter = options.delimiter ?? ',';
  const written = new Uint8Array(stats.numbers.size);
  const reasons = Object.fromEntries(REMOVAL_REASONS.map((r) => [r, 0])) as Record<RemovalReason, number>;
  let kept = 0;
  let contacts = 0;
  const unreadable: RecordProblem[] = [];
  let unreadableCount = 0;

  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  const out = createWriteStream(tmp);
  let pending = '';
  const flush = (): void => {
    if (pending.length === 0) return;
    out.write(pending);
    pending = '';
  };
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let headerWritten = false;

  const decide = (values: string[]): RemovalReason | undefined => {
    const raw = ctx.col.phone >= 0 ? (values[ctx.col.phone] ?? '') : '';
    if (raw.trim() === '') return 'invalidNumber';
    const phone = rowPhone(values, ctx, raw);
    if (!phone.valid) return 'invalidNumber';
    const u = stats.numbers.indexOf(phone.e164);
    const t = rowOptIn(values, ctx);
    const best = u >= 0 ? evidence.bestOptIn[u] : 0;
    const later = u >= 0 ? evidence.latestOptOut[u] : 0;
    // Opted out on this row, or on any row of the number without opting in again after it.
    if (rowOptedOut(rowOptOut(values, ctx), t) || (later !== 0 && later >= best)) return 'optedOut';
    const consent = consentState(t, ctx);
    if (consent === 'missing') return 'missingOptIn';
    if (consent === 'future') return 'futureOptIn';
    if (consent === 'stale') return 'staleConsent';
    if (written[u]) return 'duplicate';
    written[u] = 1;
    return undefined;
  };

  try {
    await readRecords(
      input,
      { format, delimiter: options.delimiter, keys: format === 'jsonl' ? jsonKeys(options.columns) : undefined, maxRecordBytes: options.maxRecordBytes, onProgress: options.onWriteProgress },
      {
        header(names) {
          ctx.col = mapColumns(names.map((n) => String(n).trim()), options.columns).index;
          if (format === 'csv' && !headerWritten) {
            headerWritten = true;
            pending += `${names.map((n) => csvField(n, delimiter)).join(delimiter)}\n`;
          }
        },
        row(values, _line, raw) {
          if (ctx.col.phone >= 0 && (values[ctx.col.phone] ?? '').includes('\n')) return; // unreadable, as in the analysis
          contacts++;
          const reason = decide(values);
          if (reason) {
            reasons[reason]++;
            return;
          }
          kept++;
          pending += format === 'jsonl' ? `${raw ?? JSON.stringify(values)}\n` : `${values.map((v) => csvField(v, delimiter)).join(delimiter)}\n`;
          if (pending.length >= 1 << 16) flush();
        },
        async drain() {
          // Reading waits for the disk, so memory stays bounded however large the file.
          if (out.writableNeedDrain) await Promise.race([new Promise<void>((resolve) => out.once('drain', resolve)), failed]);
        },
        problem(p) {
          unreadableCount++;
          if (unreadable.length < 5) unreadable.push(p);
        },
      },
    );
    flush();
    await Promise.race([new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))), failed]);
    await rename(tmp, output);
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
  const removed = contacts - kept;
  return {
    input,
    output,
    format,
    contacts,
    kept,
    removed,
    reasons,
    unreadable,
    unreadableCount,
    sendDate: new Date(sendAt).toISOString().slice(0, 10),
    staleConsentDays: staleDays,
  };
}

/** The summary as people read it: counts only, never a number or a row. */
export function formatCleanSummary(s: CleanSummary, cwd: string): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const rel = (f: string) => path.relative(cwd, f) || f;
  const width = Math.max(...REMOVAL_REASONS.map((r) => fmt(s.reasons[r]).length), fmt(s.removed).length);
  const lines = [`${rel(s.input)}: ${fmt(s.contacts)} contacts; kept ${fmt(s.kept)} in ${rel(s.output)}, removed ${fmt(s.removed)}:`];
  for (const r of REMOVAL_REASONS) {
    if (s.reasons[r] === 0) continue;
    const text = r === 'staleConsent' ? `consent older than ${fmt(s.staleConsentDays)} days before ${s.sendDate}` : r === 'futureOptIn' ? `opted in after today or after the send date ${s.sendDate}` : REASON_TEXT[r];
    lines.push(`  ${fmt(s.reasons[r]).padStart(width)}  ${text}`);
  }
  if (s.removed === 0) lines.push('  nothing: every contact has valid, current opt-in evidence');
  if (s.unreadableCount > 0) {
    const where = s.unreadable.map((p) => (p.line === p.endLine ? `line ${p.line}` : `lines ${p.line}–${p.endLine}`)).join(', ');
    lines.push(`${fmt(s.unreadableCount)} part${s.unreadableCount === 1 ? '' : 's'} of the file could not be read and ${s.unreadableCount === 1 ? 'is' : 'are'} not in the copy (${where}${s.unreadableCount > s.unreadable.length ? ', …' : ''})`);
  }
  lines.push('Each removed contact is counted once, under the first reason in this order: invalid number, opted out, no opt-in time, future, stale, duplicate.');
  return `${lines.join('\n')}\n`;
}

/** The summary for `--format json` (counts only). */
export function cleanSummaryJson(s: CleanSummary, cwd: string): string {
  const rel = (f: string) => path.relative(cwd, f) || f;
  return `${JSON.stringify(
    {
      version: 1,
      input: rel(s.input),
      output: rel(s.output),
      format: s.format,
      contacts: s.contacts,
      kept: s.kept,
      removed: s.removed,
      reasons: s.reasons,
      unreadable: s.unreadableCount,
      unreadableLines: s.unreadable.map((p) => ({ line: p.line, endLine: p.endLine, reason: p.reason })),
      sendDate: s.sendDate,
      staleConsentDays: s.staleConsentDays,
    },
    null,
    2,
  )}\n`;
}

/** Whether a path names an existing regular file (for friendly errors before any work). */
export async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
