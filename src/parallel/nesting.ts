/**
 * A cheap upper estimate of how deeply a YAML/JSON text nests (flow brackets, block indentation and
 * compact `- - -` sequences), without parsing it. Worker threads hand files that may nest deeper than
 * the parser's recursion can safely go to the main thread, so such files are parsed exactly as in a
 * single-threaded run (a worker's stack differs from the main thread's, and deep recursion there
 * ended in V8 aborting the process).
 */
export const ROUTE_TO_MAIN_DEPTH = 64;

export function mayNestDeeply(text: string, limit = ROUTE_TO_MAIN_DEPTH): boolean {
  let flow = 0;
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation and compact sequence dashes.
    let col = 0;
    while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) {
      i++;
      col++;
    }
    let dashes = 0;
    while (i + 1 < n && text.charCodeAt(i) === 0x2d && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a)) {
      dashes++;
      i += 2;
      while (i < n && text.charCodeAt(i) === 0x20) i++;
    }
    if (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d && text.charCodeAt(i) !== 0x23) {
      while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      if (indents.length + dashes > limit) return true;
    }
    // Rest of the line: flow brackets outside quotes.
    let quote = 0;
    while (i < n && text.charCodeAt(i) !== 0x0a) {
      const b = text.charCodeAt(i);
      if (quote !== 0) {
        if (b === quote) quote = 0;
        else if (b === 0x5c && quote === 0x22) i++;
      } else if (b === 0x22 || b === 0x27) {
        quote = b;
      } else if (b === 0x5b || b === 0x7b) {
        if (++flow > limit) return true;
      } else if (b === 0x5d || b === 0x7d) {
        if (flow > 0) flow--;
      } else if (b === 0x23 && (i === 0 || text.charCodeAt(i - 1) === 0x20)) {
        while (i < n && text.charCodeAt(i) !== 0x0a) i++;
        break;
      }
      i++;
    }
    i++;
  }
  return false;
}
