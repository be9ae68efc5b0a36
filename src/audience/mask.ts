import { callingCodeOf } from './countries.js';

const DOT = '•';

/**
 * A phone number as it may appear in any msglint output: the country calling code, the first two and the last
 * three digits of the national number, everything else masked — `+44 77•• •••123`. Short numbers show less
 * (never more than five digits of the national number), and anything that is not a number (a name typed into the
 * phone column) shows as dots only, so personal data never leaves msglint unmasked.
 *
 * Accepts E.164 (`+447700900123`), a number (`447700900123`), or whatever text was in the phone column.
 */
export function maskPhone(value: string | number): string {
  const text = typeof value === 'number' ? `+${value}` : value;
  let digits = '';
  for (let i = 0; i < text.length && digits.length < 20; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
  }
  const international = /^\s*\+/.test(text) || typeof value === 'number';
  if (digits.length === 0) return text.trim() === '' ? 'no number' : DOT.repeat(Math.min(8, Math.max(3, text.trim().length)));
  const code = international ? callingCodeOf(digits) : '';
  const national = digits.slice(code.length);
  const prefix = code ? `+${code} ` : international ? '+' : '';
  return prefix + maskNational(national);
}

function maskNational(n: string): string {
  const len = n.length;
  let shown: string;
  if (len >= 8) shown = n.slice(0, 2) + DOT.repeat(len - 5) + n.slice(-3);
  else if (len >= 5) shown = n.slice(0, 1) + DOT.repeat(len - 3) + n.slice(-2);
  else shown = DOT.repeat(len);
  // Group as people write numbers: four characters, a space, the rest.
  return shown.length > 6 ? `${shown.slice(0, 4)} ${shown.slice(4)}` : shown;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Anything that looks like a phone number (seven or more digits, separators allowed) inside free text, masked; ISO dates stay. */
export function maskNumbersInText(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, (run) => ((run.match(/\d/g) ?? []).length >= 7 && !ISO_DATE.test(run) ? maskPhone(run) : run));
}
