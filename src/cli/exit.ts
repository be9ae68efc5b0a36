import type { LintReport } from '../types.js';

export type FailOn = 'error' | 'warning' | 'never';

/** 0: nothing at or above the threshold; 1: findings at or above it. (2 is for msglint's own failures.) */
export function exitCodeFor(report: LintReport, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const { errors, warnings } = report.summary;
  if (errors > 0) return 1;
  if (failOn === 'warning' && warnings > 0) return 1;
  return 0;
}
