import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import type { LintReport } from '../types.js';

export const FORMATS = ['stylish', 'json'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  quiet: boolean;
}

/** One function per output format; each takes the whole report and returns the text to print. */
export function formatReport(report: LintReport, format: FormatName, opts: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'stylish':
      return formatStylish(report, { color: opts.color, quiet: opts.quiet });
  }
}
