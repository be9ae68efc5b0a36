/**
 * The caches of text results kept per distinct string for the whole process (analyses, links), so that
 * a benchmark can start each repetition from the state a fresh run starts from. Word-level memos
 * (stems, near misses) are not listed: they warm up within the first templates of any run.
 */
const clearers: (() => void)[] = [];

/** Registers a per-string cache (called once by the module that owns it). */
export function registerStringCache(clear: () => void): void {
  clearers.push(clear);
}

/** Empties every per-string cache. */
export function clearStringCaches(): void {
  for (const clear of clearers) clear();
}
