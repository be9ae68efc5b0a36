import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';

import { callingCodeOf, isKnownCountry, phoneMetadata } from './countries.js';

export { callingCodeOf, isKnownCountry };

/**
 * Phone numbers, read with libphonenumber-js and its `max` metadata.
 *
 * Why `max`: `min` has no per-type patterns for most countries, so it accepts any number of a plausible length
 * (it calls +44 7700 900123, a reserved drama number, valid). `max` validates against the fixed-line/mobile/…
 * patterns, which is what "invalid number" has to mean. Measured on this machine, `max` costs the same as `min`
 * per call (~13 µs) — the cost is libphonenumber-js compiling a `new RegExp` on every pattern test.
 *
 * That cost is 13 s for a million rows, so numbers already written in international form (`+` and digits, with
 * spaces, dashes, dots or brackets between them) — what exports and the WhatsApp API use — take a fast path:
 * the same steps libphonenumber-js takes (calling code, national-prefix check, country by leading digits or number
 * type, validity by type patterns), on the same metadata, with each pattern compiled once. Anything the fast path
 * would have to interpret (a national prefix, an IDD prefix, letters, extensions) goes to libphonenumber-js
 * itself. `test/audience/phone.test.ts` checks that both give the same answer on every country's example numbers
 * and on random digits.
 */

export interface PhoneReading {
  valid: boolean;
  /** E.164 digits as a number (exact: E.164 has at most 15 digits), 0 when there is none. */
  e164: number;
  /** ISO 3166 country, or '' when libphonenumber-js cannot tell. */
  country: string;
  /** Country calling code (digits), or ''. */
  callingCode: string;
}

const metadata = phoneMetadata();
const INVALID: PhoneReading = Object.freeze({ valid: false, e164: 0, country: '', callingCode: '' });

/** libphonenumber-js's number types, in the order its getNumberType tries them after FIXED_LINE. */
const NON_FIXED_LINE_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

interface TypeRule {
  pattern: RegExp;
  lengths?: readonly number[];
}

/** One country's numbering plan with its patterns compiled once. */
interface CompiledPlan {
  country: string;
  callingCode: string;
  nationalNumber: RegExp;
  /** Anchored at the start, like libphonenumber-js's national prefix extraction. */
  nationalPrefixForParsing?: RegExp;
  /** Used with `search() === 0`, as libphonenumber-js does. */
  leadingDigits?: RegExp;
  iddPrefix?: RegExp;
  hasTypes: boolean;
  /** FIXED_LINE first, then the others in libphonenumber-js's order; types without a pattern are left out. */
  types: TypeRule[];
}

/** The parts of libphonenumber-js's Metadata class this module reads (its typings only declare the constructor). */
interface MetadataApi {
  selectNumberingPlan(country: string): void;
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  numberingPlan: {
    callingCode(): string;
    nationalNumberPattern(): string;
    nationalPrefixForParsing(): string | undefined;
    leadingDigits(): string | undefined;
    IDDPrefix(): string;
    hasTypes(): boolean;
    type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
  };
}

const api = new Metadata(metadata) as unknown as MetadataApi;
const plans = new Map<string, CompiledPlan>();

function planFor(country: string): CompiledPlan {
  let plan = plans.get(country);
  if (plan) return plan;
  api.selectNumberingPlan(country);
  const np = api.numberingPlan;
  const types: TypeRule[] = [];
  for (const name of ['FIXED_LINE', ...NON_FIXED_LINE_TYPES]) {
    const t = np.type(name);
    const pattern = t?.pattern();
    if (!t || !pattern) continue;
    types.push({ pattern: new RegExp(`^(?:${pattern})$`), lengths: t.possibleLengths() });
  }
  const npfp = np.nationalPrefixForParsing();
  const leading = np.leadingDigits();
  const idd = np.IDDPrefix();
  plan = {
    country,
    callingCode: np.callingCode(),
    nationalNumber: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
    nationalPrefixForParsing: npfp ? new RegExp(`^(?:${npfp})`) : undefined,
    leadingDigits: leading ? new RegExp(leading) : undefined,
    iddPrefix: idd ? new RegExp(idd) : undefined,
    hasTypes: np.hasTypes(),
    types,
  };
  plans.set(country, plan);
  return plan;
}

const NON_GEOGRAPHIC = Object.keys((metadata as { nonGeographic?: Record<string, unknown> }).nonGeographic ?? {});
const callingCodeCountries = new Map<string, readonly string[]>();
for (const [code, countries] of Object.entries(metadata.country_calling_codes)) callingCodeCountries.set(code, countries as string[]);

/** libphonenumber-js getNumberType(...) !== undefined, with compiled patterns. */
function hasNumberType(plan: CompiledPlan, national: string): boolean {
  if (!plan.nationalNumber.test(national)) return false;
  for (const t of plan.types) {
    if (t.lengths && !t.lengths.includes(national.length)) continue;
    if (t.pattern.test(national)) return true;
  }
  return false;
}

/** libphonenumber-js isValidNumber for a selected plan. */
function isValidFor(plan: CompiledPlan, national: string): boolean {
  return plan.hasTypes ? hasNumberType(plan, national) : plan.nationalNumber.test(national);
}

/**
 * libphonenumber-js getCountryByCallingCode: the only country, or the first whose leading digits or number types
 * fit. `typed` says the country was found by its number types, which is validity itself (no need to test again).
 */
function countryByNationalNumber(countries: readonly string[], national: string): { country: string; typed: boolean } {
  if (countries.length === 1) return { country: countries[0], typed: false };
  for (const country of countries) {
    const plan = planFor(country);
    if (plan.leadingDigits) {
      if (national.search(plan.leadingDigits) === 0) return { country, typed: false };
    } else if (hasNumberType(plan, national)) {
      return { country, typed: plan.hasTypes };
    }
  }
  return { country: '', typed: false };
}

const SEPARATORS = new Set([' ', '-', '.', '(', ')', '\u00a0', '\t']);

/** Digits of a number written with only digits and separators, with a flag for a leading '+'; undefined otherwise. */
function plainDigits(text: string): { plus: boolean; digits: string } | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let plus = false;
  if (text.charCodeAt(start) === 43 /* + */) {
    plus = true;
    start++;
  }
  let digits = '';
  let clean = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (!SEPARATORS.has(text[i])) return undefined;
    clean = false;
  }
  if (clean) digits = text.slice(start, end);
  else for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
  }
  return { plus, digits };
}

function reading(valid: boolean, callingCode: string, national: string, country: string): PhoneReading {
  return { valid, e164: valid ? Number(callingCode + national) : 0, country, callingCode };
}

/** The fast path; undefined when libphonenumber-js itself has to decide. */
function readFast(text: string, defaultCountry: string): PhoneReading | undefined {
  if (text.length > 40) return undefined;
  const plain = plainDigits(text);
  if (!plain || plain.digits.length < 4 || plain.digits.length > 17) return undefined;
  const { digits } = plain;
  if (plain.plus) {
    if (digits[0] === '0') return undefined;
    const code = callingCodeOf(digits);
    // No country calling code: libphonenumber-js cannot select a numbering plan either (INVALID_COUNTRY) —
    // except for the non-geographic codes (+800, +808, +870, …), which it reads itself.
    if (!code) return NON_GEOGRAPHIC.some((c) => digits.startsWith(c)) ? undefined : INVALID;
    const national = digits.slice(code.length);
    if (national.length < 2) return undefined;
    const countries = callingCodeCountries.get(code)!;
    const main = planFor(countries[0]);
    if (main.nationalPrefixForParsing && main.nationalPrefixForParsing.test(national)) return undefined;
    const { country, typed } = countryByNationalNumber(countries, national);
    return reading(typed || isValidFor(planFor(country || countries[0]), national), code, national, country);
  }
  // A national number without a default country has no numbering plan (INVALID_COUNTRY in libphonenumber-js).
  if (!defaultCountry) return INVALID;
  const home = planFor(defaultCountry);
  if (home.iddPrefix && digits.search(home.iddPrefix) === 0) return undefined;
  if (digits.startsWith(home.callingCode)) return undefined;
  if (home.nationalPrefixForParsing && home.nationalPrefixForParsing.test(digits)) return undefined;
  const countries = callingCodeCountries.get(home.callingCode) ?? [defaultCountry];
  const found = countryByNationalNumber(countries, digits);
  const country = found.country || defaultCountry;
  return reading((found.typed && found.country !== '') || isValidFor(planFor(country), digits), home.callingCode, digits, country);
}

/** libphonenumber-js's own answer (the reference the fast path is tested against). */
export function readPhoneWithLibrary(text: string, defaultCountry = ''): PhoneReading {
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : {}, metadata);
  } catch {
    return INVALID;
  }
  if (!parsed) return INVALID;
  const valid = parsed.isValid();
  const national = String(parsed.nationalNumber);
  return { valid, e164: valid ? Number(String(parsed.countryCallingCode) + national) : 0, country: parsed.country ?? '', callingCode: String(parsed.countryCallingCode) };
}

/**
 * Reads one phone number: E.164 validity, the number and its country. `defaultCountry` (ISO 3166, e.g. IN) is
 * used for numbers written without a country code.
 */
export function readPhone(text: string, defaultCountry = ''): PhoneReading {
  const home = defaultCountry && isKnownCountry(defaultCountry) ? defaultCountry.toUpperCase() : '';
  return readFast(text, home) ?? readPhoneWithLibrary(text, home);
}

/** E.164 string ("+447700900123") of a number stored by `readPhone`. */
export function e164String(e164: number): string {
  return `+${e164}`;
}
