import { stat } from 'node:fs/promises';
import path from 'node:path';

import { mapColumns, jsonKeys, type AudienceColumns, type AudienceField } from './columns.js';
import { maskNumbersInText, maskPhone } from './mask.js';
import { NumberIndex, growFloat64, growUint32, growUint8 } from './number-index.js';
import { isKnownCountry } from './phone.js';
import { readRecords, recordStartLine, type AudienceFormat, type RecordProblem } from './records.js';
import { consentState, rowOptIn, rowOptOut, rowOptedOut, rowPhone, type RowContext } from './row.js';
import { looksLikeVersionId, normalizeWording } from './wording.js';

/** At most this many example rows are kept per problem (messages quote them, masked). */
export const MAX_EXAMPLES = 5;
export const DEFAULT_STALE_CONSENT_DAYS = 730;
/** Meta's pair rate limit: one message to the same user every 6 seconds. */
export const PAIR_INTERVAL_SECONDS = 6;
const DAY_MS = 86_400_000;

export interface AnalyzeOptions {
  format?: AudienceFormat;
  delimiter?: string;
  columns?: Partial<AudienceColumns>;
  /** ISO 3166 country for numbers written without a country code. */
  defaultCountry?: string;
  /** "Now" (ms), injected. */
  now: number;
  /** When the campaign sends (ms); consent must exist by then. Default: now. */
  sendAt?: number;
  staleConsentDays?: number;
  /** The campaign's declared wording; rows whose wording differs are counted. */
  claimWording?: string;
  /** Planned messages per second (spacing of duplicate rows for the pair rate). */
  ratePerSecond?: number;
  maxRecordBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Keep the per-number evidence arrays (for `audience clean`). */
  keepEvidence?: boolean;
}

/** One kind of problem: how many rows have it, and the first few (row number and masked phone). */
export interface ProblemTally {
  count: number;
  examples: { row: number; phone: string }[];
}

export interface UnreadableTally {
  /** Stretches of the file that could not be read (each is one record, or the lines a broken quote swallowed). */
  count: number;
  examples: RecordProblem[];
}

/** Per unique number, what the evidence says (kept for `audience clean`). */
export interface NumberEvidence {
  /** Latest opt-in time that is valid for the send (ms), NaN when none. */
  bestOptIn: Float64Array;
  /** Latest opt-out time (ms; +Infinity when untimed), NaN when none. */
  latestOptOut: Float64Array;
}

export interface AudienceStats {
  file: string;
  format: AudienceFormat;
  bytes: number;
  /** The header's column names (not personal data). */
  header: string[];
  /** Which field was found in which column (name), or undefined. */
  columnsFound: Partial<Record<AudienceField, string>>;
  /** Columns the campaign mapped explicitly that the file does not have. */
  missingMappedColumns: { field: AudienceField; column: string }[];
  phoneColumnMissing: boolean;
  /** The file could not be read at all (unreadable, binary, empty): why. */
  fatal?: string;
  /** Data rows read. */
  contacts: number;
  unreadable: UnreadableTally;
  invalidNumber: ProblemTally & { empty: number };
  duplicate: ProblemTally;
  missingOptIn: ProblemTally & { unreadable: number };
  optedOut: ProblemTally;
  futureOptIn: ProblemTally & { afterNow: number };
  staleConsent: ProblemTally;
  wordingMismatch: ProblemTally & { wordings: { text: string; count: number }[] };
  /** Rows whose wording column holds a version id instead of the text. */
  wordingVersionIds: number;
  /** Rows with a wording (text or id). */
  withWording: number;
  /** Rows with a readable opt-in time. */
  withOptInTime: number;
  /** Unique valid numbers. */
  uniqueNumbers: number;
  /** Unique numbers with valid, current consent and no later opt-out: what `audience clean` keeps. */
  validEvidence: number;
  /** validEvidence / contacts (0..1). */
  coverage: number;
  /** Unique valid numbers of the United States (+1 with a US area code). */
  usNumbers: number;
  /** Unique valid numbers per country. */
  countries: Record<string, number>;
  /** Rows per opt-in method (at most 20 methods, the rest under "other"). */
  methods: Record<string, number>;
  /** Rows that repeat a number sooner than 6 s after its previous row at the planned rate. */
  pairRateRepeats: number;
  staleConsentDays: number;
  /** Unique valid numbers in first-seen order, and the country of each (index into COUNTRY_CODES). */
  numbers: NumberIndex;
  numberCountries: Uint8Array;
  evidence?: NumberEvidence;
  elapsedMs: number;
}

/** Country codes by index (0 = unknown); a number's country is stored as one byte. */
export const COUNTRY_CODES: readonly string[] = ['', ...listCountries()];
const COUNTRY_INDEX = new Map(COUNTRY_CODES.map((c, i) => [c, i]));

function listCountries(): string[] {
  const out: string[] = [];
  for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    if (isKnownCountry(code)) out.push(code);
  }
  return out;
}

export function formatFromPath(file: string): AudienceFormat {
  return /\.(jsonl|ndjson|jsonlines)$/i.test(path.extname(file)) ? 'jsonl' : 'csv';
}

const WORDING_SAME = 0;
const WORDING_DIFFERS = 1;
const WORDING_ID = 2;
const WORDING_EMPTY = 3;

function tally(): ProblemTally {
  return { count: 0, examples: [] };
}

/** Streams an audience file once and computes everything the opt-in and velocity rules need, in bounded memory. */
export async function analyzeAudience(file: string, options: AnalyzeOptions): Promise<AudienceStats> {
  const started = performance.now();
  const format = options.format ?? formatFromPath(file);
  const analyzer = new Analyzer(file, format, options);
  let size = 0;
  try {
    const info = await stat(file);
    // A pipe, a device (/dev/zero) or a socket would block or never end.
    if (!info.isFile()) {
      analyzer.stats.fatal = info.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file (a device, pipe or socket)';
      return analyzer.finish(performance.now() - started);
    }
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    analyzer.stats.fatal = code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? 'error'})`;
    return analyzer.finish(performance.now() - started);
  }
  try {
    const { bytes } = await readRecords(
      file,
      {
        format,
        delimiter: options.delimiter,
        keys: format === 'jsonl' ? jsonKeys(options.columns) : undefined,
        maxRecordBytes: options.maxRecordBytes,
        onProgress: options.onProgress ? (b) => options.onProgress!(b, size) : undefined,
      },
      analyzer,
    );
    analyzer.stats.bytes = bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    analyzer.stats.fatal = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder, not a file' : `the file cannot be read (${code ?? 'error'})`;
  }
  return analyzer.finish(performance.now() - started);
}

class Analyzer {
  readonly stats: AudienceStats;
  private col: Record<AudienceField, number> = { phone: -1, optedInAt: -1, optInMethod: -1, optInText: -1, optedOutAt: -1, country: -1 };
  readonly ctx: RowContext;
  private readonly claim: string;
  private readonly pairGapRows: number;
  private lastRow = new Uint32Array(1024);
  private bestOptIn = new Float64Array(1024);
  private latestOptOut = new Float64Array(1024);
  private numberCountries = new Uint8Array(1024);
  /** Wording → how it compares with the claim (bounded: the same few wordings repeat in real files). */
  private wordingCache = new Map<string, number>();
  private wordingCounts = new Map<string, number>();
  private methodCounts = new Map<string, number>();
  private headerDone = false;

  constructor(file: string, format: AudienceFormat, private readonly options: AnalyzeOptions) {
    const sendAt = options.sendAt ?? options.now;
    const staleDays = options.staleConsentDays ?? DEFAULT_STALE_CONSENT_DAYS;
    this.ctx = {
      col: this.col,
      defaultCountry: options.defaultCountry && isKnownCountry(options.defaultCountry) ? options.defaultCountry.toUpperCase() : '',
      now: options.now,
      sendAt,
      staleBefore: sendAt - staleDays * DAY_MS,
    };
    this.claim = options.claimWording ? normalizeWording(options.claimWording) : '';
    const rate = options.ratePerSecond && options.ratePerSecond > 0 ? options.ratePerSecond : 0;
    this.pairGapRows = rate > 0 ? PAIR_INTERVAL_SECONDS * rate : 0;
    this.stats = {
      file,
      format,
      bytes: 0,
      header: [],
      columnsFound: {},
      missingMappedColumns: [],
      phoneColumnMissing: false,
      contacts: 0,
      unreadable: { count: 0, examples: [] },
      invalidNumber: { ...tally(), empty: 0 },
      duplicate: tally(),
      missingOptIn: { ...tally(), unreadable: 0 },
      optedOut: tally(),
      futureOptIn: { ...tally(), afterNow: 0 },
      staleConsent: tally(),
      wordingMismatch: { ...tally(), wordings: [] },
      wordingVersionIds: 0,
      withWording: 0,
      withOptInTime: 0,
      uniqueNumbers: 0,
      validEvidence: 0,
      coverage: 0,
      usNumbers: 0,
      countries: {},
      methods: {},
      pairRateRepeats: 0,
      staleConsentDays: staleDays,
      numbers: new NumberIndex(),
      numberCountries: new Uint8Array(0),
      elapsedMs: 0,
    };
  }

  header(names: string[]): void {
    if (this.headerDone) return;
    this.headerDone = true;
    const header = names.map((n) => String(n).trim());
    // Shown in messages: a file without a header row has a contact here, so numbers are masked.
    this.stats.header = header.map((h) => maskNumbersInText(h.length > 60 ? `${h.slice(0, 57)}...` : h)).slice(0, 50);
    const mapping = mapColumns(header, this.options.columns);
    this.col = mapping.index;
    this.ctx.col = mapping.index;
    this.stats.missingMappedColumns = mapping.missingMapped;
    for (const [field, i] of Object.entries(mapping.index) as [AudienceField, number][]) if (i >= 0) this.stats.columnsFound[field] = maskNumbersInText(header[i]);
    this.stats.phoneColumnMissing = this.col.phone < 0;
  }

  problem(p: RecordProblem): void {
    if (!this.headerDone && p.line === 1 && p.endLine === 1 && this.stats.contacts === 0 && /binary|UTF-16|no header/.test(p.reason)) {
      this.stats.fatal = p.reason;
      return;
    }
    const u = this.stats.unreadable;
    u.count++;
    if (u.examples.length < MAX_EXAMPLES) u.examples.push(p);
  }

  private note(t: ProblemTally, values: readonly string[], line: number, phone: string | number): void {
    t.count++;
    if (t.examples.length < MAX_EXAMPLES) t.examples.push({ row: recordStartLine(values, line), phone: maskPhone(phone) });
  }

  row(values: string[], line: number): void {
    const s = this.stats;
    const raw = this.col.phone >= 0 ? (values[this.col.phone] ?? '') : '';
    if (raw.includes('\n')) {
      // A quote opened in this row and closed lines later: the rows in between are not contacts we can read.
      this.problem({ line: recordStartLine(values, line), endLine: line, reason: 'a quote (") opens a field that runs over the following lines' });
      return;
    }
    s.contacts++;
    if (this.col.phone < 0) return;
    const dataIndex = s.contacts - 1;

    // The number: valid, E.164, duplicate?
    let u = -1;
    let e164 = 0;
    if (raw.trim() === '') {
      s.invalidNumber.empty++;
      this.note(s.invalidNumber, values, line, raw);
    } else {
      const phone = rowPhone(values, this.ctx, raw);
      if (!phone.valid) this.note(s.invalidNumber, values, line, raw);
      else {
        e164 = phone.e164;
        const seen = s.numbers.add(e164);
        if (seen >= 0) {
          u = seen;
          this.note(s.duplicate, values, line, e164);
          if (this.pairGapRows > 0 && dataIndex - this.lastRow[u] < this.pairGapRows) s.pairRateRepeats++;
          this.lastRow[u] = dataIndex;
        } else {
          u = s.numbers.size - 1;
          this.ensure(u + 1);
          this.lastRow[u] = dataIndex;
          this.bestOptIn[u] = NaN;
          this.latestOptOut[u] = NaN;
          this.numberCountries[u] = COUNTRY_INDEX.get(phone.country) ?? 0;
          if (phone.country === 'US') s.usNumbers++;
        }
      }
    }
    const shown = e164 || raw;

    // Consent time.
    const t = rowOptIn(values, this.ctx);
    const consent = consentState(t, this.ctx);
    if (this.col.optedInAt >= 0) {
      if (consent === 'missing') {
        if ((values[this.col.optedInAt] ?? '').trim() !== '') s.missingOptIn.unreadable++;
        this.note(s.missingOptIn, values, line, shown);
      } else {
        s.withOptInTime++;
        if (consent === 'future') {
          if (t > this.ctx.now) s.futureOptIn.afterNow++;
          this.note(s.futureOptIn, values, line, shown);
        } else if (consent === 'stale') {
          this.note(s.staleConsent, values, line, shown);
        }
      }
    }
    const currentConsent = consent === 'current';

    // Opt-out: a later opt-in in the same row means they signed up again.
    const out = rowOptOut(values, this.ctx);
    const optedOut = rowOptedOut(out, t);
    if (optedOut) this.note(s.optedOut, values, line, shown);

    if (u >= 0) {
      if (currentConsent && !optedOut && !(this.bestOptIn[u] >= t)) this.bestOptIn[u] = t;
      if (!Number.isNaN(out) && !(this.latestOptOut[u] >= out)) this.latestOptOut[u] = out;
    }

    if (this.col.optInMethod >= 0) {
      const m = (values[this.col.optInMethod] ?? '').trim().toLowerCase();
      if (m !== '') {
        const key = this.methodCounts.has(m) || this.methodCounts.size < 20 ? m : 'other';
        this.methodCounts.set(key, (this.methodCounts.get(key) ?? 0) + 1);
      }
    }

    if (this.col.optInText >= 0) {
      const text = values[this.col.optInText] ?? '';
      if (text !== '') {
        let kind = this.wordingCache.get(text);
        if (kind === undefined) {
          kind = text.trim() === '' ? WORDING_EMPTY : looksLikeVersionId(text) ? WORDING_ID : this.claim !== '' && normalizeWording(text) !== this.claim ? WORDING_DIFFERS : WORDING_SAME;
          if (this.wordingCache.size < 10_000) this.wordingCache.set(text, kind);
        }
        if (kind !== WORDING_EMPTY) s.withWording++;
        if (kind === WORDING_ID) s.wordingVersionIds++;
        else if (kind === WORDING_DIFFERS) {
          this.note(s.wordingMismatch, values, line, shown);
          const key = maskNumbersInText(text.length > 120 ? `${text.slice(0, 117)}...` : text);
          if (this.wordingCounts.has(key) || this.wordingCounts.size < 1000) this.wordingCounts.set(key, (this.wordingCounts.get(key) ?? 0) + 1);
        }
      }
    }
  }

  private ensure(n: number): void {
    if (n <= this.lastRow.length) return;
    this.lastRow = growUint32(this.lastRow, n);
    this.bestOptIn = growFloat64(this.bestOptIn, n);
    this.latestOptOut = growFloat64(this.latestOptOut, n);
    this.numberCountries = growUint8(this.numberCountries, n);
  }

  finish(elapsedMs: number): AudienceStats {
    const s = this.stats;
    s.uniqueNumbers = s.numbers.size;
    let valid = 0;
    const countries = new Map<string, number>();
    for (let u = 0; u < s.numbers.size; u++) {
      const best = this.bestOptIn[u];
      if (!Number.isNaN(best) && !(this.latestOptOut[u] >= best)) valid++;
      const c = COUNTRY_CODES[this.numberCountries[u]] || 'unknown';
      countries.set(c, (countries.get(c) ?? 0) + 1);
    }
    s.validEvidence = valid;
    s.coverage = s.contacts > 0 ? valid / s.contacts : 0;
    s.countries = Object.fromEntries([...countries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    s.methods = Object.fromEntries([...this.methodCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    s.wordingMismatch.wordings = [...this.wordingCounts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([text, count]) => ({ text, count }));
    s.numberCountries = this.numberCountries.subarray(0, s.numbers.size);
    if (this.options.keepEvidence) s.evidence = { bestOptIn: this.bestOptIn.subarray(0, s.numbers.size), latestOptOut: this.latestOptOut.subarray(0, s.numbers.size) };
    // The scratch arrays go with the analyzer; only the numbers and their countries stay for the velocity checks.
    this.wordingCache.clear();
    s.elapsedMs = elapsedMs;
    return s;
  }
}
