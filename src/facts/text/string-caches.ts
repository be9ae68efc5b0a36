/**
 * The caches of text results kept for the whole process, per distinct string (analyses, links) and per
 * word (stems, near misses), so that a benchmark can start each repetition from the state a fresh run
 * starts from: in a real run each template is seen once, and its own words (names, references) are
 * stemmed the first time they are seen. Compiled word lists are not caches of this kind and stay.
 */
const clearers: (() => void)[] = [];

/** Registers a cache (called once by whatever owns it). */
export function registerStringCache(clear: () => void): void {
  clearers.push(clear);
}

/** Empties every registered cache. */
export function clearStringCaches(): void {
  for (const clear of clearers) clear();
}
