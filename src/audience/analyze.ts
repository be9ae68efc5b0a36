import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { mapColumns, jsonKeys, type AudienceColumns, type AudienceField } from './columns.js';
import { maskNumbersInText, maskPhone } from './mask.js';
import { NumberIndex, growUint32, growUint8 } from './number-index.js';
import { countryCodes, isKnownCountry } from './countries.js';
import { DEFAULT_STALE_CONSENT_DAYS, formatFromPath, MAX_EXAMPLES, PAIR_INTERVAL_SECONDS } from './defaults.js';
import { readRecords, recordStartLine, type AudienceFormat, type ReadOptions, type RecordProblem, type RecordSink } from './records.js';
import { consentState, rowOptIn, rowOptOut, rowOptedOut, rowPhone, type RowContext } from './row.js';
import { looksLikeVersionId, normalizeWording } from './wording.js';

export { DEFAULT_STALE_CONSENT_DAYS, formatFromPath, MAX_EXAMPLES, PAIR_INTERVAL_SECONDS };
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
  /** Read files at least this large with two threads (default PARALLEL_MIN_BYTES; tests lower it). */
  parallelMinBytes?: number;
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

/**
 * Per unique number, what the evidence says (kept for `audience clean`), in whole seconds since 1970 so a number
 * costs 4 bytes per field: 0 means none, UNTIMED an opt-out without a readable time.
 */
export interface NumberEvidence {
  /** Latest opt-in time that is valid for the send. */
  bestOptIn: Uint32Array;
  /** Latest opt-out time. */
  latestOptOut: Uint32Array;
}

export const UNTIMED = 0xffffffff;

/** A time (ms; NaN for none, +Infinity for untimed) as NumberEvidence stores it. */
export function evidenceSeconds(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  if (ms === Number.POSITIVE_INFINITY) return UNTIMED;
  return Math.min(UNTIMED - 1, Math.max(1, Math.floor(ms / 1000)));
}

/** Whether a number's evidence holds: a valid opt-in and no opt-out at or after it. */
export function evidenceHolds(bestOptIn: number, latestOptOut: number): boolean {
  return bestOptIn !== 0 && !(latestOptOut !== 0 && latestOptOut >= bestOptIn);
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
  /** Threads that read the file: 2 when a worker read its second half. */
  readers: number;
  elapsedMs: number;
}

/** Country codes by index (0 = unknown); a number's country is stored as one byte. */
export const COUNTRY_CODES: readonly string[] = countryCodes();
const COUNTRY_INDEX = new Map(COUNTRY_CODES.map((c, i) => [c, i]));



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
    const split = await planSplit(file, format, size, options);
    analyzer.stats.bytes = split ? await readInTwo(file, size, split, analyzer, options) : (await readRecords(file, readOptions(format, options, size, analyzer), analyzer)).bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    analyzer.stats.fatal = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder, not a file' : `the file cannot be read (${code ?? 'error'})`;
  }
  return analyzer.finish(performance.now() - started);
}

/**
 * How to read: `size` is the bytes this reader covers (the arrays are sized from it after the first chunk), and
 * `onBytes` gets the bytes read (default: options.onProgress).
 */
function readOptions(format: AudienceFormat, options: AnalyzeOptions, size: number, analyzer?: Analyzer, onBytes?: (bytes: number) => void): ReadOptions {
  let estimated = false;
  return {
    format,
    delimiter: options.delimiter,
    keys: format === 'jsonl' ? jsonKeys(options.columns) : undefined,
    maxRecordBytes: options.maxRecordBytes,
    onProgress: (b) => {
      // After the first chunk: rows so far × size / bytes so far is how many numbers to make room for.
      if (!estimated && analyzer && analyzer.stats.contacts > 0 && b < size) {
        estimated = true;
        analyzer.reserve(Math.ceil(((analyzer.stats.contacts * size) / b) * 1.02));
      }
      if (onBytes) onBytes(b);
      else options.onProgress?.(b, size);
    },
  };
}

/** Files at least this large are read by two threads (each half on its own core). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Where to split a large CSV between this thread and a worker: just after the first line break past the middle.
 * Undefined when the file is small, not CSV, the machine has one core, or msglint runs from its TypeScript sources
 * (the worker is compiled JavaScript).
 */
async function planSplit(file: string, format: AudienceFormat, size: number, options: AnalyzeOptions): Promise<number | undefined> {
  const min = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
  if (format !== 'csv' || size < min || size < 2 || availableParallelism() < 2 || !import.meta.url.endsWith('.js') || process.env.MSGLINT_WORKERS === '0') return undefined;
  const handle = await open(file, 'r');
  try {
    const window = Buffer.alloc(Math.min(1 << 20, size));
    const from = Math.floor(size / 2);
    const { bytesRead } = await handle.read(window, 0, window.length, from);
    const nl = window.subarray(0, bytesRead).indexOf(10);
    return nl >= 0 && from + nl + 1 < size ? from + nl + 1 : undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the first half here and the second in a worker thread, then merges, giving exactly what one pass would.
 * The worker's half is used only when this half ends on a record boundary (no quoted field runs across the split);
 * otherwise, or if the worker fails, this thread reads on to the end itself.
 */
async function readInTwo(file: string, size: number, split: number, analyzer: Analyzer, options: AnalyzeOptions): Promise<number> {
  let worker: Worker | undefined;
  let partial: Promise<PartialAudience> | undefined;
  let mine = 0;
  let theirs = 0;
  const progress = (): void => options.onProgress?.(mine + theirs, size);
  const sink: RecordSink = {
    header(names) {
      analyzer.header(names);
      if (worker || analyzer.stats.phoneColumnMissing) return;
      const w = new Worker(new URL('./range-worker.js', import.meta.url), {
        workerData: { file, start: split, end: size, header: names, options: workerOptions(options) } satisfies RangeJob,
        // Its garbage is a stream of short strings: a small young generation keeps the process under 200 MB.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      });
      worker = w;
      partial = new Promise<PartialAudience>((resolve, reject) => {
        w.on('message', (m: { type: 'progress'; bytes: number } | { type: 'done'; partial: PartialAudience }) => {
          if (m.type === 'progress') {
            theirs = m.bytes;
            progress();
          } else resolve(m.partial);
        });
        w.on('error', reject);
        w.on('exit', (code) => reject(new Error(`audience worker stopped (${code})`)));
      });
      partial.catch(() => undefined);
    },
    row: (values, line) => analyzer.row(values, line),
    problem: (p) => analyzer.problem(p),
  };
  let merged: { partial: PartialAudience; line: number; rows: number } | undefined;
  try {
    const { bytes } = await readRecords(
      file,
      {
        ...readOptions('csv', options, size, analyzer, (b) => {
          mine = b;
          progress();
        }),
        splitAt: split,
        onSplit: async ({ clean, line }) => {
          if (!clean || !partial) return 'continue';
          try {
            merged = { partial: await partial, line, rows: analyzer.stats.contacts };
            return 'stop';
          } catch {
            return 'continue';
          }
        },
      },
      sink,
    );
    if (!merged) return bytes;
    analyzer.merge(merged.partial, merged.line - 1, merged.rows);
    analyzer.stats.readers = 2;
    return size;
  } finally {
    void worker?.terminate();
  }
}

/** What a worker needs to read its part (functions cannot cross threads). */
export interface RangeJob {
  file: string;
  start: number;
  end: number;
  header: string[];
  options: Omit<AnalyzeOptions, 'onProgress'>;
}

function workerOptions(options: AnalyzeOptions): RangeJob['options'] {
  const { onProgress: _onProgress, ...rest } = options;
  return rest;
}

/** Reads bytes [start, end) of a CSV whose header is given (line and row numbers from 1 and 0 at `start`): a worker's half. */
export async function analyzeRange(job: RangeJob, onProgress?: (bytes: number) => void): Promise<PartialAudience> {
  const analyzer = new Analyzer(job.file, 'csv', job.options, true);
  analyzer.header(job.header);
  await readRecords(job.file, { ...readOptions('csv', job.options, job.end - job.start, analyzer, onProgress), range: { start: job.start, end: job.end } }, analyzer);
  return analyzer.exportPartial();
}

/** One part's findings, to be merged into the part before it. Typed arrays are indexed by the part's own number order. */
export interface PartialAudience {
  stats: Omit<AudienceStats, 'numbers' | 'numberCountries' | 'evidence'>;
  numbers: Float64Array;
  countries: Uint8Array;
  bestOptIn: Uint32Array;
  latestOptOut: Uint32Array;
  /** First and last data row (0-based, within the part) and first line of each number. */
  firstRow: Uint32Array;
  lastRow: Uint32Array;
  firstLine: Uint32Array;
  wordingCounts: [string, number][];
  methodCounts: [string, number][];
}

/** The first `max` examples of two lists in row order. */
function firstExamples<T extends { row: number }>(a: readonly T[], b: readonly T[], max = MAX_EXAMPLES): T[] {
  return [...a, ...b].sort((x, y) => x.row - y.row).slice(0, max);
}

class Analyzer {
  readonly stats: AudienceStats;
  private col: Record<AudienceField, number> = { phone: -1, optedInAt: -1, optInMethod: -1, optInText: -1, optedOutAt: -1, country: -1 };
  readonly ctx: RowContext;
  private readonly claim: string;
  private readonly pairGapRows: number;
  private lastRow = new Uint32Array(1024);
  private bestOptIn = new Uint32Array(1024);
  private latestOptOut = new Uint32Array(1024);
  private numberCountries = new Uint8Array(1024);
  /** Only in a worker's part: where each number first appears (for duplicates across the split). */
  private firstRow = new Uint32Array(0);
  private firstLine = new Uint32Array(0);
  /** Wording → how it compares with the claim (bounded: the same few wordings repeat in real files). */
  private wordingCache = new Map<string, number>();
  private wordingCounts = new Map<string, number>();
  private methodCounts = new Map<string, number>();
  private headerDone = false;

  constructor(
    file: string,
    format: AudienceFormat,
    private readonly options: AnalyzeOptions,
    private readonly trackFirst = false,
  ) {
    if (trackFirst) {
      this.firstRow = new Uint32Array(1024);
      this.firstLine = new Uint32Array(1024);
    }
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
      readers: 1,
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
          if (this.trackFirst) {
            this.firstRow[u] = dataIndex;
            this.firstLine[u] = recordStartLine(values, line);
          }
          this.bestOptIn[u] = 0;
          this.latestOptOut[u] = 0;
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
      if (currentConsent && !optedOut) {
        const sec = evidenceSeconds(t);
        if (sec > this.bestOptIn[u]) this.bestOptIn[u] = sec;
      }
      if (!Number.isNaN(out)) {
        const sec = evidenceSeconds(out);
        if (sec > this.latestOptOut[u]) this.latestOptOut[u] = sec;
      }
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

  /** Makes room for about `n` numbers at once (estimated from the file size), so arrays do not grow by copying. */
  reserve(n: number): void {
    const need = Math.min(n, 50_000_000);
    this.stats.numbers.reserve(need);
    if (need > this.lastRow.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
        const next = make(need);
        next.set(a);
        return next;
      };
      this.lastRow = grow(this.lastRow, (k) => new Uint32Array(k));
      this.bestOptIn = grow(this.bestOptIn, (k) => new Uint32Array(k));
      this.latestOptOut = grow(this.latestOptOut, (k) => new Uint32Array(k));
      this.numberCountries = grow(this.numberCountries, (k) => new Uint8Array(k));
      if (this.trackFirst) {
        this.firstRow = grow(this.firstRow, (k) => new Uint32Array(k));
        this.firstLine = grow(this.firstLine, (k) => new Uint32Array(k));
      }
    }
  }

  private ensure(n: number): void {
    if (n <= this.lastRow.length) return;
    this.lastRow = growUint32(this.lastRow, n);
    this.bestOptIn = growUint32(this.bestOptIn, n);
    this.latestOptOut = growUint32(this.latestOptOut, n);
    this.numberCountries = growUint8(this.numberCountries, n);
    if (this.trackFirst) {
      this.firstRow = growUint32(this.firstRow, n);
      this.firstLine = growUint32(this.firstLine, n);
    }
  }

  /** This part's results, for the thread that read the part before it: views of its arrays, which are transferred, not copied. */
  exportPartial(): PartialAudience {
    const n = this.stats.numbers.size;
    const { numbers: _numbers, numberCountries: _countries, evidence: _evidence, ...stats } = this.stats;
    return {
      stats,
      numbers: this.stats.numbers.inOrder(),
      countries: this.numberCountries.subarray(0, n),
      bestOptIn: this.bestOptIn.subarray(0, n),
      latestOptOut: this.latestOptOut.subarray(0, n),
      firstRow: this.firstRow.subarray(0, n),
      lastRow: this.lastRow.subarray(0, n),
      firstLine: this.firstLine.subarray(0, n),
      wordingCounts: [...this.wordingCounts],
      methodCounts: [...this.methodCounts],
    };
  }

  /**
   * Adds the part that follows this one (its line numbers start after `lineOffset` lines, its rows after
   * `rowOffset` rows): the result is what one pass over both would have given.
   */
  merge(p: PartialAudience, lineOffset: number, rowOffset: number): void {
    const s = this.stats;
    const o = p.stats;
    const shift = <T extends { row: number }>(list: readonly T[]): T[] => list.map((e) => ({ ...e, row: e.row + lineOffset }));
    const add = (mine: ProblemTally, theirs: ProblemTally): void => {
      mine.count += theirs.count;
      mine.examples = firstExamples(mine.examples, shift(theirs.examples));
    };
    s.contacts += o.contacts;
    add(s.invalidNumber, o.invalidNumber);
    s.invalidNumber.empty += o.invalidNumber.empty;
    add(s.missingOptIn, o.missingOptIn);
    s.missingOptIn.unreadable += o.missingOptIn.unreadable;
    add(s.optedOut, o.optedOut);
    add(s.futureOptIn, o.futureOptIn);
    s.futureOptIn.afterNow += o.futureOptIn.afterNow;
    add(s.staleConsent, o.staleConsent);
    add(s.wordingMismatch, o.wordingMismatch);
    s.wordingVersionIds += o.wordingVersionIds;
    s.withWording += o.withWording;
    s.withOptInTime += o.withOptInTime;
    s.pairRateRepeats += o.pairRateRepeats;
    s.unreadable.count += o.unreadable.count;
    s.unreadable.examples = [...s.unreadable.examples, ...o.unreadable.examples.map((e) => ({ ...e, line: e.line + lineOffset, endLine: e.endLine + lineOffset }))].slice(0, MAX_EXAMPLES);
    for (const [k, v] of p.wordingCounts) if (this.wordingCounts.has(k) || this.wordingCounts.size < 1000) this.wordingCounts.set(k, (this.wordingCounts.get(k) ?? 0) + v);
    for (const [k, v] of p.methodCounts) {
      const key = this.methodCounts.has(k) || this.methodCounts.size < 20 ? k : 'other';
      this.methodCounts.set(key, (this.methodCounts.get(key) ?? 0) + v);
    }
    // Numbers: new ones join in their order; ones this part already had make the other part's first row a duplicate.
    const crossDuplicates: { row: number; phone: string }[] = [];
    let duplicates = o.duplicate.count;
    const us = COUNTRY_INDEX.get('US');
    for (let i = 0; i < p.numbers.length; i++) {
      const number = p.numbers[i];
      const seen = s.numbers.add(number);
      if (seen < 0) {
        const u = s.numbers.size - 1;
        this.ensure(u + 1);
        this.numberCountries[u] = p.countries[i];
        this.bestOptIn[u] = p.bestOptIn[i];
        this.latestOptOut[u] = p.latestOptOut[i];
        this.lastRow[u] = p.lastRow[i] + rowOffset;
        if (p.countries[i] === us) s.usNumbers++;
        continue;
      }
      duplicates++;
      if (crossDuplicates.length < MAX_EXAMPLES) crossDuplicates.push({ row: p.firstLine[i] + lineOffset, phone: maskPhone(number) });
      if (this.pairGapRows > 0 && p.firstRow[i] + rowOffset - this.lastRow[seen] < this.pairGapRows) s.pairRateRepeats++;
      if (p.bestOptIn[i] > this.bestOptIn[seen]) this.bestOptIn[seen] = p.bestOptIn[i];
      if (p.latestOptOut[i] > this.latestOptOut[seen]) this.latestOptOut[seen] = p.latestOptOut[i];
      this.lastRow[seen] = p.lastRow[i] + rowOffset;
    }
    s.duplicate.count += duplicates;
    s.duplicate.examples = firstExamples(s.duplicate.examples, firstExamples(shift(o.duplicate.examples), crossDuplicates));
  }

  finish(elapsedMs: number): AudienceStats {
    const s = this.stats;
    s.uniqueNumbers = s.numbers.size;
    let valid = 0;
    const countries = new Map<string, number>();
    for (let u = 0; u < s.numbers.size; u++) {
      if (evidenceHolds(this.bestOptIn[u], this.latestOptOut[u])) valid++;
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
