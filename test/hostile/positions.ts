import { expect } from 'vitest';

import type { Span } from '../../src/types.js';

/** The lines of a text as LineIndex counts them (`\r\n`, `\n` and a lone `\r` each end a line). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * A position is inside the file: 1 ≤ line ≤ lineCount, 1 ≤ column ≤ the line's length + 1 (the place after
 * its last character), the same for the end, and the end not before the start.
 */
export function expectInside(span: Span, text: string, what: string): void {
  const lines = linesOf(text);
  const where = `${what} at ${span.line}:${span.column}-${span.endLine}:${span.endColumn} in a file of ${lines.length} lines`;
  expect(Number.isInteger(span.line) && Number.isInteger(span.column) && Number.isInteger(span.endLine) && Number.isInteger(span.endColumn), where).toBe(true);
  expect(span.line >= 1 && span.line <= lines.length, `${where}: line outside the file`).toBe(true);
  expect(span.endLine >= span.line && span.endLine <= lines.length, `${where}: end line outside the file`).toBe(true);
  expect(span.column >= 1 && span.column <= lines[span.line - 1].length + 1, `${where}: column outside line ${span.line} (${lines[span.line - 1].length} characters)`).toBe(true);
  expect(span.endColumn >= 1 && span.endColumn <= lines[span.endLine - 1].length + 1, `${where}: end column outside line ${span.endLine} (${lines[span.endLine - 1].length} characters)`).toBe(true);
  if (span.endLine === span.line) expect(span.endColumn >= span.column, `${where}: ends before it starts`).toBe(true);
}
