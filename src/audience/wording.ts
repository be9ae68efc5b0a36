/**
 * Consent wording compared the way a person would: case, accents of quotes, punctuation and spacing do not make
 * two wordings different ("Yes, send me offers" is "yes send me offers").
 */
export function normalizeWording(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A value that names a version of the consent text rather than quoting it ("v3", "consent-2026-03",
 * "form#12"): one token, no spaces. It cannot be compared with the campaign's wording.
 */
export function looksLikeVersionId(text: string): boolean {
  const s = text.trim();
  return s.length > 0 && s.length <= 64 && !/\s/.test(s);
}
