import { createRequire } from 'node:module';

import type { MetadataJson } from 'libphonenumber-js/core';

/**
 * libphonenumber-js's `max` numbering-plan metadata and what msglint derives from it alone (calling codes,
 * country list), read on first use. Importing libphonenumber-js costs about 50 ms, and linting templates never
 * needs it: only the modules that read phone numbers (phone.ts, through the audience reader) import it.
 */
let metadata: MetadataJson | undefined;

export function phoneMetadata(): MetadataJson {
  return (metadata ??= createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as MetadataJson);
}

let codeNames: (string | undefined)[] | undefined;

/** The country calling code at the start of E.164 digits (calling codes are prefix-free), or ''. */
export function callingCodeOf(digits: string): string {
  if (!codeNames) {
    // Calling code as a number → its string, for the codes with countries (all below 1000).
    codeNames = [];
    for (const code of Object.keys(phoneMetadata().country_calling_codes)) codeNames[Number(code)] = code;
  }
  let code = 0;
  for (let i = 0; i < 3 && i < digits.length; i++) {
    code = code * 10 + (digits.charCodeAt(i) - 48);
    const name = codeNames[code];
    if (name !== undefined) return name;
  }
  return '';
}

/** Whether libphonenumber-js has a numbering plan for this ISO 3166 code (any case). */
export function isKnownCountry(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(phoneMetadata().countries, code.toUpperCase());
}

let codes: readonly string[] | undefined;

/** Country codes by index (0 = unknown): the audience reader stores a number's country as one byte. */
export function countryCodes(): readonly string[] {
  if (!codes) {
    const out = [''];
    for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isKnownCountry(code)) out.push(code);
    }
    codes = out;
  }
  return codes;
}
