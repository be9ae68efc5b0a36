/**
 * Offset → (line, column) conversion for a source text.
 *
 * Line starts are computed once (linear scan); lookups are a binary search.
 * `\r\n` counts as a single line break, and a lone `\r` or `\n` is a break too.
 * Lines and columns are 1-based; columns count UTF-16 code units.
 */
export class LineIndex {
  /** Offsets at which each line starts (lineStarts[0] === 0). */
  private readonly lineStarts: Int32Array;
  /** Offsets at which each line's content ends (where its line break starts). */
  private readonly lineEnds: Int32Array;
  private readonly length: number;
  readonly lineCount: number;

  constructor(text: string) {
    const starts: number[] = [0];
    const ends: number[] = [];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        ends.push(i);
        starts.push(i + 1);
      } else if (c === 13) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(n);
    this.lineStarts = Int32Array.from(starts);
    this.lineEnds = Int32Array.from(ends);
    this.length = n;
    this.lineCount = starts.length;
  }

  /** 1-based line and column (UTF-16 units) of a 0-based offset; offsets outside the text clamp to it. */
  position(offset: number): { line: number; column: number } {
    let off = Number.isFinite(offset) ? Math.trunc(offset) : offset > 0 ? this.length : 0;
    if (off < 0) off = 0;
    else if (off > this.length) off = this.length;
    const starts = this.lineStarts;
    // Largest index `lo` with starts[lo] <= off.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    // An offset between the \r and \n of a CRLF is the end of its line, not a column past it.
    return { line: lo + 1, column: Math.min(off, this.lineEnds[lo]) - starts[lo] + 1 };
  }

  /** 0-based offset at which the given 1-based line starts (clamped to the existing lines). */
  lineStart(line: number): number {
    const i = Math.min(Math.max(Math.trunc(line) - 1, 0), this.lineStarts.length - 1);
    return this.lineStarts[i];
  }
}
