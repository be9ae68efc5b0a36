// Types for tests that generate audiences with known defects.
export declare const NOW: number;
export declare const SEND_AT: number;
export declare const CLAIM: string;

export interface ExpectedCounts {
  rows: number;
  contacts: number;
  invalidNumber: number;
  duplicate: number;
  missingOptIn: number;
  optedOut: number;
  futureOptIn: number;
  staleConsent: number;
  wordingMismatch: number;
  usNumbers: number;
  uniqueNumbers: number;
  validEvidence: number;
}

export declare function generate(options: { rows: number; out: string; format?: 'csv' | 'jsonl'; seed?: number }): Promise<ExpectedCounts>;
