import path from 'node:path';

import type { AudienceFormat } from './records.js';

// The audience reader's defaults, in a module of their own: fact providers read them without loading the reader
// (csv-parse, libphonenumber-js), which only campaigns with an audience file need.

/** At most this many example rows are kept per problem (messages quote them, masked). */
export const MAX_EXAMPLES = 5;
export const DEFAULT_STALE_CONSENT_DAYS = 730;
/** Meta's pair rate limit: one message to the same user every 6 seconds. */
export const PAIR_INTERVAL_SECONDS = 6;

export function formatFromPath(file: string): AudienceFormat {
  return /\.(jsonl|ndjson|jsonlines)$/i.test(path.extname(file)) ? 'jsonl' : 'csv';
}
