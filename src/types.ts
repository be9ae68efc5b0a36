// The shared vocabulary of msglint: documents, findings, reports.
// Positions are 1-based; `endColumn` is exclusive (the column after the last character),
// columns count UTF-16 code units (SARIF's default `columnKind`).

export const AREAS = ['opt-in', 'velocity', 'category', 'phrasing', 'format', 'content', 'input'] as const;
export type Area = (typeof AREAS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `webhook` and `send-log` are what Meta says back: webhook payloads (one per file, or a JSON Lines log) and message statuses. */
export type DocumentKind = 'template' | 'campaign' | 'account' | 'audience' | 'config' | 'rule-pack' | 'webhook' | 'send-log';

export type SourceFormat = 'yaml' | 'json';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A piece of text inside a document: JSON pointer (relative to the document) plus a UTF-16 range in the string value. */
export interface TextRef {
  path: string;
  start: number;
  end: number;
}

/** A match found by a fact provider; `text` is what the message may quote. */
export interface TextMatch extends TextRef {
  text: string;
  [extra: string]: unknown;
}

export interface Finding extends Span {
  ruleId: string;
  area: Area;
  severity: Severity;
  message: string;
  fix?: string;
  file: string;
  /** JSON pointer relative to the document. */
  path: string;
  weight: number;
  /** Where the rule's policy is written down. */
  source?: string;
  /** The text the finding is about (used for baselines, never printed for audience rows). */
  matchedText?: string;
  /** The fact values that made the rule fire. */
  evidence?: Record<string, unknown>;
}

export interface Risk {
  score: number;
  level: RiskLevel;
  explanation?: RiskContribution[];
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface RiskContribution {
  ruleId: string;
  area: Area;
  points: number;
  line: number;
  column: number;
  /** Set when the finding is in another file (a template counted in a campaign's score). */
  file?: string;
}

export interface DocumentResult {
  file: string;
  kind: DocumentKind | 'unknown';
  name?: string;
  language?: string;
  risk: Risk;
  findings: Finding[];
  /** Findings silenced by an inline directive or a baseline, kept (with the reason) for reports and appeals. */
  suppressed?: SuppressedFinding[];
}

/** Why a finding is not reported: an inline `# msglint-disable…` comment (with its reason) or a baseline file. */
export interface Suppression {
  kind: 'next-line' | 'line' | 'block' | 'baseline';
  reason: string;
  /** Line of the directive comment (inline kinds only). */
  line?: number;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

export interface Summary {
  files: number;
  documents: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings removed by suppressions or a baseline (not counted above). */
  suppressed?: number;
}

export interface LintReport {
  version: 1;
  tool: { name: 'msglint'; version: string };
  results: DocumentResult[];
  summary: Summary;
}
