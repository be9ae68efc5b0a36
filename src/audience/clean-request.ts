import { stat } from 'node:fs/promises';
import path from 'node:path';

import { loadConfig } from '../config/index.js';
import { isRecord } from '../documents/kinds.js';
import { parseSource } from '../documents/parse.js';
import { readSource } from '../documents/source.js';
import { parseScheduleTime } from '../facts/campaign/timezones.js';
import { DEFAULT_STALE_CONSENT_DAYS } from './analyze.js';
import { defaultCleanOutput, type CleanOptions } from './clean.js';
import { AUDIENCE_FIELDS, columnsFrom, type AudienceColumns } from './columns.js';
import { isKnownCountry } from './phone.js';

export interface CleanFlags {
  file: string;
  output?: string;
  campaign?: string;
  columns?: string;
  defaultCountry?: string;
  sendDate?: string;
  now?: string;
  staleDays?: number;
  config?: string;
}

export interface CleanRequest {
  input: string;
  output: string;
  size: number;
  options: CleanOptions;
}

/** `--columns`: a JSON object, or `field=name` pairs separated by commas. */
export function parseColumnsFlag(text: string): Partial<AudienceColumns> {
  const trimmed = text.trim();
  let value: unknown;
  if (trimmed.startsWith('{')) {
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new Error('--columns: not valid JSON');
    }
  } else {
    value = Object.fromEntries(
      trimmed
        .split(',')
        .filter((p) => p.trim() !== '')
        .map((pair) => {
          const eq = pair.indexOf('=');
          if (eq < 1) throw new Error(`--columns: "${pair.trim()}" is not field=name`);
          return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1')];
        }),
    );
  }
  if (!isRecord(value)) throw new Error('--columns: expected an object of field → column name');
  const unknown = Object.keys(value).filter((k) => !(AUDIENCE_FIELDS as string[]).includes(k));
  if (unknown.length > 0) throw new Error(`--columns: unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; fields are ${AUDIENCE_FIELDS.join(', ')}`);
  return columnsFrom(value);
}

function parseTime(text: string, flag: string, zone?: string): number {
  const t = parseScheduleTime(text, zone);
  if (Number.isNaN(t)) throw new Error(`${flag}: "${text}" is not a date like 2026-11-27T09:00:00+05:30`);
  return t;
}

/** Turns the command's flags (and the campaign file, if given) into what cleanAudience needs; throws for user mistakes. */
export async function resolveCleanRequest(cwd: string, flags: CleanFlags): Promise<CleanRequest> {
  const input = path.resolve(cwd, flags.file);
  let size: number;
  try {
    const info = await stat(input);
    if (!info.isFile()) throw new Error(`${flags.file} is not a file`);
    size = info.size;
  } catch (error) {
    throw error instanceof Error && error.message.endsWith('is not a file') ? error : new Error(`${flags.file}: no such file`);
  }
  let columns: Partial<AudienceColumns> = {};
  let defaultCountry: string | undefined;
  let delimiter: string | undefined;
  let format: 'csv' | 'jsonl' | undefined;
  let sendAt: number | undefined;
  if (flags.campaign) {
    const file = path.resolve(cwd, flags.campaign);
    let campaign: Record<string, unknown> | undefined;
    try {
      campaign = parseSource(await readSource(file, cwd)).documents.find((d) => d.kind === 'campaign')?.data;
    } catch {
      throw new Error(`--campaign ${flags.campaign}: the file cannot be read`);
    }
    if (!campaign) throw new Error(`--campaign ${flags.campaign}: no campaign (kind: campaign) in the file`);
    const audience = isRecord(campaign.audience) ? campaign.audience : {};
    columns = columnsFrom(audience.columns);
    if (typeof audience.defaultCountry === 'string') defaultCountry = audience.defaultCountry;
    if (typeof audience.delimiter === 'string' && audience.delimiter.length === 1) delimiter = audience.delimiter;
    if (audience.format === 'csv' || audience.format === 'jsonl') format = audience.format;
    const schedule = isRecord(campaign.schedule) ? campaign.schedule : {};
    const zone = typeof schedule.timezone === 'string' ? schedule.timezone : undefined;
    const start = typeof schedule.start === 'string' ? schedule.start : typeof campaign.sendDate === 'string' ? campaign.sendDate : undefined;
    if (start) sendAt = parseTime(start, `--campaign ${flags.campaign}: schedule.start`, zone);
  }
  if (flags.columns) columns = { ...columns, ...parseColumnsFlag(flags.columns) };
  if (flags.defaultCountry) {
    if (!isKnownCountry(flags.defaultCountry)) throw new Error(`--default-country: "${flags.defaultCountry}" is not a two-letter country code like IN`);
    defaultCountry = flags.defaultCountry;
  }
  const now = flags.now ? parseTime(flags.now, '--now') : Date.now();
  if (flags.sendDate) sendAt = parseTime(flags.sendDate, '--send-date');
  const config = loadConfig(cwd, flags.config);
  const staleConsentDays = flags.staleDays ?? config.thresholds.staleConsentDays ?? DEFAULT_STALE_CONSENT_DAYS;
  const output = flags.output ? path.resolve(cwd, flags.output) : defaultCleanOutput(input);
  return { input, output, size, options: { format, delimiter, columns, defaultCountry, now, sendAt, staleConsentDays } };
}
