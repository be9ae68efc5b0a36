import { describe, expect, it } from 'vitest';
import {
  findErrorCode,
  formatErrorCode,
  formatErrorCodeList,
  loadErrorCodes,
  RETRY_POLICIES,
} from '../../src/meta/error-codes.js';
import { AREAS } from '../../src/types.js';

const REQUIRED = [
  130429, 131026, 131047, 131048, 131049, 131050, 131056, 131057, 131063, 131064, 132000, 132001, 132005, 132007,
  132012, 132015, 132016, 132018, 368, 131031, 130497,
];
const OPTIONAL = [130472, 80007, 4, 133016, 132069, 131000, 131005, 131008, 131009, 131021, 131042, 131051, 131052, 131053];


// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('error-codes data', () => {
  const entries = loadErrorCodes();

  it.each([...REQUIRED, ...OPTIONAL])('has code %i with complete fields', (code) => {
    const entry = findErrorCode(code);
    expect(entry, `code ${code}`).toBeDefined();
    if (!entry) return;
    for (const field of ['title', 'meaning', 'retryAdvice', 'fix', 'area', 'source'] as const) {
      expect(entry[field].trim(), `${code}.${field}`).not.toBe('');
    }
    expect(RETRY_POLICIES).toContain(entry.retry);
    expect(AREAS as readonly string[]).toContain(entry.area);
    expect(new URL(entry.source).protocol).toBe('https:');
    expect(Array.isArray(entry.preventedBy)).toBe(true);
  });

  it('is sorted by code with no duplicates', () => {
    const codes = entries.map((e) => e.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('loads once (cached)', () => {
    expect(loadErrorCodes()).toBe(entries);
  });

  it('131049: do not resend within 24 hours', () => {
    const entry = findErrorCode(131049)!;
    expect(entry.retry).toBe('no-wait-24h');
    expect(entry.retryAdvice).toMatch(/not .*within 24 hours/i);
    expect(entry.preventedBy).toEqual(expect.arrayContaining(['velocity/per-user-frequency', 'velocity/us-marketing']));
    expect(entry.source).toContain('per-user-limits');
  });

  it('131048: stop the campaign', () => {
    const entry = findErrorCode(131048)!;
    expect(entry.retry).toBe('no-stop-campaign');
    expect(entry.retryAdvice).toMatch(/stop the campaign/i);
  });

  it('131050 is never retried and 131056 backs off', () => {
    expect(findErrorCode(131050)?.retry).toBe('no-never');
    expect(findErrorCode(131056)?.retry).toBe('yes-backoff');
    expect(findErrorCode(131056)?.preventedBy).toContain('velocity/pair-rate');
  });
});

describe('findErrorCode', () => {
  it('accepts strings and numbers', () => {
    expect(findErrorCode('131049')?.code).toBe(131049);
    expect(findErrorCode(' 131049 ')?.code).toBe(131049);
    expect(findErrorCode(131049)?.code).toBe(131049);
    expect(findErrorCode('368')?.code).toBe(368);
  });

  it('returns undefined for unknown or malformed codes', () => {
    expect(findErrorCode('999999')).toBeUndefined();
    expect(findErrorCode(999999)).toBeUndefined();
    expect(findErrorCode('abc')).toBeUndefined();
    expect(findErrorCode('')).toBeUndefined();
    expect(findErrorCode('131049x')).toBeUndefined();
    expect(findErrorCode(131049.5)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('formats one code with all sections, plain', () => {
    const entry = findErrorCode(131049)!;
    const text = formatErrorCode(entry, { color: false });
    expect(text.includes('\u001b[')).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toContain('131049');
    expect(lines[0]).toContain(entry.title);
    expect(text).toContain(entry.meaning);
    expect(text).toMatch(/^Retry: no-wait-24h/m);
    expect(text).toMatch(/^Fix: /m);
    expect(text).toMatch(/^Prevented by: velocity\/per-user-frequency, velocity\/us-marketing/m);
    expect(text).toMatch(/^Source: https:\/\//m);
  });

  it('adds ANSI styling only when color is on', () => {
    const entry = findErrorCode(131048)!;
    const colored = formatErrorCode(entry, { color: true });
    expect(colored.includes('\u001b[')).toBe(true);
    expect(stripAnsi(colored)).toBe(formatErrorCode(entry, { color: false }));
  });

  it('says when no rule prevents a code', () => {
    const entry = loadErrorCodes().find((e) => e.preventedBy.length === 0);
    if (entry) expect(formatErrorCode(entry, { color: false })).toMatch(/^Prevented by: \(no msglint rule\)/m);
  });

  it('lists one line per code', () => {
    const entries = loadErrorCodes();
    const lines = formatErrorCodeList(entries).split('\n');
    expect(lines).toHaveLength(entries.length);
    entries.forEach((entry, i) => {
      expect(lines[i]).toMatch(new RegExp(`^\\s*${entry.code}\\s+${entry.retry}\\s+`));
      expect(lines[i]).toContain(entry.title);
    });
    expect(formatErrorCodeList([])).toBe('');
  });
});

describe('preventedBy', () => {
  it('names only rules that exist in the built-in packs', async () => {
    const { loadPacks } = await import('../../src/lint.js');
    const { listBuiltinPacks } = await import('../../src/engine/pack.js');
    const ids = new Set(loadPacks(listBuiltinPacks(), process.cwd()).flatMap((p) => p.rules.map((r) => r.id)));
    const unknown = loadErrorCodes().flatMap((e) => e.preventedBy.filter((id) => !ids.has(id)).map((id) => `${e.code}: ${id}`));
    expect(unknown).toEqual([]);
  });
});
