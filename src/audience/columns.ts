/** The fields msglint reads from an audience file, and the column names it looks for by default. */
export interface AudienceColumns {
  phone: string;
  optedInAt: string;
  optInMethod: string;
  optInText: string;
  optedOutAt: string;
  country: string;
}

export type AudienceField = keyof AudienceColumns;

export const DEFAULT_COLUMNS: Readonly<AudienceColumns> = Object.freeze({
  phone: 'phone',
  optedInAt: 'opted_in_at',
  optInMethod: 'opt_in_method',
  optInText: 'opt_in_text',
  optedOutAt: 'opted_out_at',
  country: 'country',
});

export const AUDIENCE_FIELDS = Object.keys(DEFAULT_COLUMNS) as AudienceField[];

/** Header names are matched ignoring case, spaces, underscores and dashes: "Opted In At" is opted_in_at. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface ColumnMapping {
  /** Index of each field in the header, -1 when absent. */
  index: Record<AudienceField, number>;
  /** Fields the user mapped explicitly to a column the header does not have. */
  missingMapped: { field: AudienceField; column: string }[];
}

/** Resolves the campaign's `audience.columns` (user names win over the defaults) against a header row. */
export function mapColumns(header: readonly string[], mapping: Partial<AudienceColumns> = {}): ColumnMapping {
  const byKey = new Map<string, number>();
  header.forEach((name, i) => {
    const key = columnKey(name);
    if (!byKey.has(key)) byKey.set(key, i);
  });
  const index = {} as Record<AudienceField, number>;
  const missingMapped: ColumnMapping['missingMapped'] = [];
  for (const field of AUDIENCE_FIELDS) {
    const explicit = mapping[field];
    const name = explicit ?? DEFAULT_COLUMNS[field];
    const at = byKey.get(columnKey(name));
    index[field] = at ?? -1;
    if (at === undefined && explicit !== undefined) missingMapped.push({ field, column: explicit });
  }
  return { index, missingMapped };
}

/** The column names to read from JSON Lines objects (their keys), in field order. */
export function jsonKeys(mapping: Partial<AudienceColumns> = {}): string[] {
  return AUDIENCE_FIELDS.map((f) => mapping[f] ?? DEFAULT_COLUMNS[f]);
}

/** Reads a campaign's `audience.columns` object (unknown keys and non-strings ignored). */
export function columnsFrom(value: unknown): Partial<AudienceColumns> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Partial<AudienceColumns> = {};
  for (const field of AUDIENCE_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string' && v.trim() !== '') out[field] = v;
  }
  return out;
}
