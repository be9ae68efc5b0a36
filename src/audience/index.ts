// The audience (opt-in records) reader: streaming, bounded memory, phone numbers masked in everything it returns.
export { analyzeAudience, formatFromPath, COUNTRY_CODES, DEFAULT_STALE_CONSENT_DAYS, MAX_EXAMPLES, PAIR_INTERVAL_SECONDS, type AnalyzeOptions, type AudienceStats, type ProblemTally } from './analyze.js';
export { AUDIENCE_FIELDS, DEFAULT_COLUMNS, columnsFrom, type AudienceColumns, type AudienceField } from './columns.js';
export { maskPhone, maskNumbersInText } from './mask.js';
export { NumberIndex } from './number-index.js';
export { readPhone, e164String, isKnownCountry, type PhoneReading } from './phone.js';
export { readRecords, type AudienceFormat, type RecordProblem } from './records.js';
export { parseTimestamp, parseOptOut, isoDate } from './timestamps.js';
