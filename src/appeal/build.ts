import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { diffReports, followRenames, type AppealFinding, type FindingDiff } from './diff.js';
import { checkoutRevision, resolveRevision } from './git.js';
import { analyzeAudience } from '../audience/index.js';
import { discoverFiles } from '../documents/discover.js';
import { isRecord } from '../documents/kinds.js';
import { readParsedFiles, type LintDocument, type ParsedFile } from '../documents/parse.js';
import { audienceOptions } from '../facts/campaign/audience.js';
import { readAccountFile } from '../facts/campaign/links.js';
import { accountThroughput, campaignSchedule } from '../facts/campaign/plan.js';
import { parseMessagingLimit, sendingPlan } from '../facts/campaign/tiers.js';
import { buildSignalTimeline, type TimelineEvent } from '../facts/signals/timeline.js';
import { templateShape } from '../facts/template/components.js';
import { createLinter, lintParsed, UsageError, type Linter } from '../lint.js';
import { toolVersion } from '../package-root.js';
import { documentIdentity } from '../report/fingerprint.js';
import { AREAS, type Area, type LintReport } from '../types.js';

export interface AppealOptions {
  cwd: string;
  /** A JSON report saved earlier, or a git revision. */
  before: string;
  paths: string[];
  restriction: string;
  /** An account document to name in the report (else the campaigns' account). */
  accountFile?: string;
  configPath?: string;
  packs?: string[];
  now?: Date;
}

export interface TemplateChange {
  document: string;
  file: string;
  status: 'changed' | 'removed' | 'added' | 'renamed';
  renamedTo?: string;
  /** Text by part (`body`, `header`, `footer`, `button 1`…), before and now. */
  before: Record<string, string>;
  after: Record<string, string>;
}

export interface CampaignChange {
  document: string;
  file: string;
  /** Setting → [before, now], only the settings that changed (schedule, rate, opt-in, frequency, audience). */
  settings: Record<string, [string, string]>;
}

export interface OptInEvidence {
  campaign: string;
  file: string;
  contacts: number;
  coverage: number;
  validEvidence: number;
  methods: Record<string, number>;
  wording: string;
  method: string;
  /** Contacts `msglint audience clean` would remove, by reason (counts only). */
  removed: Record<string, number>;
}

export interface SendingPlanEntry {
  campaign: string;
  recipients: number;
  messagingLimit: string;
  batches: number;
  days: number;
  perBatch: number;
  ratePerSecond: number;
  throughput: number;
  window?: string;
}

export interface AppealReport {
  version: 1;
  tool: { name: 'msglint'; version: string };
  generatedAt: string;
  restriction: string;
  account: { name?: string; business?: string; messagingLimit?: string; qualityRating?: string };
  baseline: { kind: 'git' | 'json'; label: string; findings: number };
  current: { findings: number; documents: number };
  /** Baseline findings by area, most relevant to the stated reason first. */
  rootCauses: { area: Area; count: number; errors: number; rules: { ruleId: string; count: number }[]; relevant: boolean }[];
  fixed: AppealFinding[];
  remaining: AppealFinding[];
  introduced: AppealFinding[];
  renamed: FindingDiff['renamed'];
  templateChanges: TemplateChange[];
  campaignChanges: CampaignChange[];
  optIn: OptInEvidence[];
  sendingPlan: SendingPlanEntry[];
  suppressions: { ruleId: string; file: string; line: number; reason: string }[];
  checksInPlace: string[];
  timeline: TimelineEvent[];
  statement: string;
}

/** Areas most likely behind each kind of restriction Meta states, in order (our reading of policy-facts §4–8). */
const REASON_AREAS: { pattern: RegExp; areas: Area[] }[] = [
  { pattern: /categor|utility|classif|misuse|miscategor|131064/i, areas: ['category', 'phrasing', 'opt-in'] },
  { pattern: /opt.?in|consent|permission|unsolicited|did not (ask|agree)|131050/i, areas: ['opt-in', 'velocity', 'phrasing'] },
  { pattern: /quality|block|report|spam|low|red|yellow|flag|negative feedback|131048/i, areas: ['phrasing', 'opt-in', 'velocity'] },
  { pattern: /limit|rate|throughput|tier|volume|too many|frequency|131049|130429/i, areas: ['velocity', 'opt-in'] },
  { pattern: /polic|commerce|prohibit|scam|fraud|abusive|impersonat|content/i, areas: ['content', 'phrasing', 'category'] },
  { pattern: /format|reject|invalid/i, areas: ['format', 'category'] },
];

export function relevantAreas(restriction: string): Area[] {
  const out: Area[] = [];
  for (const { pattern, areas } of REASON_AREAS) if (pattern.test(restriction)) for (const a of areas) if (!out.includes(a)) out.push(a);
  return out;
}

async function parseTree(cwd: string, inputs: string[], linter: Linter): Promise<ParsedFile[]> {
  const existing = inputs.filter((p) => existsSync(path.resolve(cwd, p)));
  const discovery = await discoverFiles(existing.length > 0 ? existing : ['.'], cwd, linter.config.ignores);
  // The same bounded, guarded reader as lint (at most 64 files open, devices and pipes refused).
  return readParsedFiles(discovery.files, cwd);
}

function readJsonBaseline(file: string): LintReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--before ${file}: not a JSON report (${error instanceof Error ? error.message : String(error)}); save one with "msglint lint --format json > before.json"`);
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.results)) throw new UsageError(`--before ${file}: not a msglint JSON report (version 1 with "results")`);
  return data as unknown as LintReport;
}

function templateTexts(doc: LintDocument): Record<string, string> {
  const out: Record<string, string> = {};
  let button = 0;
  for (const t of templateShape(doc).texts) {
    const part = t.role === 'button' ? `button ${++button}` : t.role === 'button-url' ? `button ${button} url` : t.role;
    out[out[part] === undefined ? part : `${part} (${t.path})`] = t.text;
  }
  return out;
}

function campaignSettings(doc: LintDocument): Record<string, string> {
  const d = doc.data;
  const pick = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const schedule = isRecord(d.schedule) ? d.schedule : {};
  const optIn = isRecord(d.optIn) ? d.optIn : {};
  const audience = isRecord(d.audience) ? d.audience : {};
  return {
    'schedule.start': pick(schedule.start),
    'schedule.ratePerSecond': pick(schedule.ratePerSecond),
    'schedule.window': pick(schedule.window),
    'schedule.batches': pick(schedule.batches),
    'optIn.method': pick(optIn.method),
    'optIn.wording': pick(optIn.wording),
    'optIn.proofUrl': pick(optIn.proofUrl),
    'frequency.maxPerUserPerWeek': pick(isRecord(d.frequency) ? d.frequency.maxPerUserPerWeek : undefined),
    'audience.file': pick(audience.file),
    'audience.size': pick(audience.size),
    templates: pick(d.templates),
  };
}

function documentsOf(files: ParsedFile[], kind: string): LintDocument[] {
  return files.flatMap((f) => f.documents.filter((d) => d.kind === kind));
}

function identityOf(doc: LintDocument): string {
  return documentIdentity({ file: doc.source.relPath, kind: doc.kind, name: doc.name, language: doc.language });
}

async function loadAccount(campaign: LintDocument, cwd: string): Promise<Record<string, unknown> | undefined> {
  const ref = campaign.data.account;
  if (isRecord(ref)) return ref;
  if (typeof ref !== 'string') return undefined;
  const account = await readAccountFile(path.resolve(path.dirname(campaign.source.absPath), ref), cwd);
  return typeof account === 'string' ? undefined : account;
}

function checksInPlace(cwd: string, linter: Linter): string[] {
  const checks: string[] = [];
  if (linter.config.file) checks.push(`msglint configuration in ${path.relative(cwd, linter.config.file) || path.basename(linter.config.file)}`);
  let dir = path.resolve(cwd);
  for (;;) {
    const workflows = path.join(dir, '.github', 'workflows');
    if (existsSync(workflows)) {
      for (const f of readdirSync(workflows).sort()) {
        if (!/\.ya?ml$/.test(f)) continue;
        const text = readFileSync(path.join(workflows, f), 'utf8');
        if (/msglint/.test(text)) checks.push(`msglint runs in CI on every change (${path.relative(cwd, path.join(workflows, f))})`);
      }
    }
    const preCommit = path.join(dir, '.pre-commit-config.yaml');
    if (existsSync(preCommit) && /msglint/.test(readFileSync(preCommit, 'utf8'))) checks.push('msglint runs as a pre-commit hook');
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
    dir = path.dirname(dir);
  }
  return checks;
}

export async function buildAppeal(opts: AppealOptions): Promise<AppealReport> {
  const now = opts.now ?? new Date();
  const linter = createLinter(opts.cwd, { configPath: opts.configPath, packs: opts.packs });
  const inputs = opts.paths.length > 0 ? opts.paths : linter.config.files.length > 0 ? linter.config.files : ['.'];
  const missing = inputs.filter((p) => !existsSync(path.resolve(opts.cwd, p)) && !/[*?[{]/.test(p));
  if (missing.length > 0) throw new UsageError(`no such file, folder or match: ${missing.join(', ')}`);

  const nowFiles = await parseTree(opts.cwd, inputs, linter);
  const current = await lintParsed(linter, nowFiles, { cwd: opts.cwd, now });

  let before: LintReport;
  let beforeFiles: ParsedFile[] = [];
  let baseline: AppealReport['baseline'];
  const beforePath = path.resolve(opts.cwd, opts.before);
  if (existsSync(beforePath) && !readdirSafe(beforePath)) {
    before = readJsonBaseline(beforePath);
    baseline = { kind: 'json', label: `report ${path.relative(opts.cwd, beforePath)}`, findings: 0 };
  } else {
    const rev = await resolveRevision(opts.before, opts.cwd);
    const tree = await checkoutRevision(rev);
    try {
      const beforeCwd = path.join(tree.dir, path.relative(rev.repoRoot, opts.cwd));
      beforeFiles = existsSync(beforeCwd) ? await parseTree(beforeCwd, inputs, linter) : [];
      before = await lintParsed(linter, beforeFiles, { cwd: beforeCwd, now });
    } finally {
      await tree.cleanup();
    }
    baseline = { kind: 'git', label: `${rev.spec} (${rev.commit.slice(0, 8)}, ${rev.date.slice(0, 10)}: ${rev.subject})`, findings: 0 };
  }
  baseline.findings = before.results.reduce((n, r) => n + r.findings.length, 0);

  // Follow templates renamed since the baseline (same body text, new name).
  const bodies = (files: ParsedFile[]) => new Map(documentsOf(files, 'template').map((d) => [identityOf(d), templateTexts(d).body ?? '']));
  const renames = followRenames({ before: bodies(beforeFiles), now: bodies(nowFiles) });
  const diff = diffReports(before, current, renames);

  const templateChanges = compareTemplates(beforeFiles, nowFiles, renames);
  const campaignChanges = compareCampaigns(beforeFiles, nowFiles);

  // Opt-in evidence and the sending plan, from the campaigns as they are now.
  const optIn: OptInEvidence[] = [];
  const plan: SendingPlanEntry[] = [];
  let account: AppealReport['account'] = {};
  if (opts.accountFile) {
    const acc = await readAccountFile(path.resolve(opts.cwd, opts.accountFile), opts.cwd);
    if (typeof acc === 'string') throw new UsageError(`--account ${opts.accountFile}: ${acc}`);
    account = accountSummary(acc);
  }
  for (const campaign of documentsOf(nowFiles, 'campaign')) {
    const acc = await loadAccount(campaign, opts.cwd);
    if (acc && !account.name && !account.business) account = accountSummary(acc);
    const audience = isRecord(campaign.data.audience) ? campaign.data.audience : {};
    const optInData = isRecord(campaign.data.optIn) ? campaign.data.optIn : {};
    let recipients = typeof audience.size === 'number' ? audience.size : 0;
    if (typeof audience.file === 'string') {
      const file = path.resolve(path.dirname(campaign.source.absPath), audience.file);
      if (existsSync(file)) {
        const stats = await analyzeAudience(file, audienceOptions(campaign, acc, now, linter.config.thresholds));
        recipients = stats.validEvidence;
        optIn.push({
          campaign: campaign.name ?? campaign.source.relPath,
          file: path.relative(opts.cwd, file),
          contacts: stats.contacts,
          coverage: stats.coverage,
          validEvidence: stats.validEvidence,
          methods: stats.methods,
          wording: typeof optInData.wording === 'string' ? optInData.wording : '',
          method: typeof optInData.method === 'string' ? optInData.method : '',
          removed: {
            'invalid number': stats.invalidNumber.count,
            'opted out': stats.optedOut.count,
            'no opt-in time': stats.missingOptIn.count,
            'opt-in in the future or after the send': stats.futureOptIn.count,
            'consent too old': stats.staleConsent.count,
            duplicate: stats.duplicate.count,
          },
        });
      }
    }
    const limit = acc ? parseMessagingLimit(acc.messagingLimit) : undefined;
    const schedule = campaignSchedule(campaign.data);
    const limitValue = limit && 'limit' in limit ? limit.limit : Infinity;
    const p = sendingPlan(recipients, limitValue);
    plan.push({
      campaign: campaign.name ?? campaign.source.relPath,
      recipients,
      messagingLimit: limit && 'tier' in limit ? limit.tier : 'unknown',
      ...p,
      ratePerSecond: schedule.ratePerSecond,
      throughput: accountThroughput(acc),
      ...(schedule.window ? { window: `${JSON.stringify(isRecord(campaign.data.schedule) ? campaign.data.schedule.window : '')}` } : {}),
    });
  }

  const relevant = relevantAreas(opts.restriction);
  const rootCauses = AREAS.map((area) => {
    const findings = before.results.flatMap((r) => r.findings.filter((f) => f.area === area));
    const rules = new Map<string, number>();
    for (const f of findings) rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1);
    return {
      area,
      count: findings.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      rules: [...rules].map(([ruleId, count]) => ({ ruleId, count })).sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
      relevant: relevant.includes(area),
    };
  })
    .filter((c) => c.count > 0)
    .sort((a, b) => {
      const ra = relevant.indexOf(a.area);
      const rb = relevant.indexOf(b.area);
      if (ra !== rb) return (ra === -1 ? 99 : ra) - (rb === -1 ? 99 : rb);
      return b.errors - a.errors || b.count - a.count || a.area.localeCompare(b.area);
    });

  const suppressions = current.results
    .flatMap((r) => (r.suppressed ?? []).map((s) => ({ ruleId: s.ruleId, file: s.file, line: s.suppression.line ?? s.line, reason: s.suppression.reason })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  const report: AppealReport = {
    version: 1,
    tool: { name: 'msglint', version: toolVersion() },
    generatedAt: now.toISOString(),
    restriction: opts.restriction,
    account,
    baseline,
    current: { findings: current.results.reduce((n, r) => n + r.findings.length, 0), documents: current.summary.documents },
    rootCauses,
    fixed: diff.fixed,
    remaining: diff.remaining,
    introduced: diff.introduced,
    renamed: diff.renamed,
    templateChanges,
    campaignChanges,
    optIn,
    sendingPlan: plan,
    suppressions,
    checksInPlace: checksInPlace(opts.cwd, linter),
    timeline: buildSignalTimeline(nowFiles.flatMap((f) => f.documents)),
    statement: '',
  };
  report.statement = buildStatement(report);
  return report;
}

function readdirSafe(p: string): boolean {
  try {
    readdirSync(p);
    return true;
  } catch {
    return false;
  }
}

function accountSummary(data: Record<string, unknown>): AppealReport['account'] {
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { name: s(data.name), business: s(data.business), messagingLimit: s(data.messagingLimit), qualityRating: s(data.qualityRating) };
}

function compareTemplates(beforeFiles: ParsedFile[], nowFiles: ParsedFile[], renames: Map<string, string>): TemplateChange[] {
  const before = new Map(documentsOf(beforeFiles, 'template').map((d) => [identityOf(d), d]));
  const now = new Map(documentsOf(nowFiles, 'template').map((d) => [identityOf(d), d]));
  const renamedTargets = new Set(renames.values());
  const changes: TemplateChange[] = [];
  for (const [identity, doc] of before) {
    const target = renames.get(identity) ?? identity;
    const after = now.get(target);
    const b = templateTexts(doc);
    if (!after) {
      changes.push({ document: identity, file: doc.source.relPath, status: 'removed', before: b, after: {} });
      continue;
    }
    const a = templateTexts(after);
    if (JSON.stringify(a) !== JSON.stringify(b) || target !== identity) {
      changes.push({ document: identity, file: after.source.relPath, status: target !== identity ? 'renamed' : 'changed', ...(target !== identity ? { renamedTo: target } : {}), before: b, after: a });
    }
  }
  for (const [identity, doc] of now) {
    if (!before.has(identity) && !renamedTargets.has(identity)) changes.push({ document: identity, file: doc.source.relPath, status: 'added', before: {}, after: templateTexts(doc) });
  }
  return changes.sort((x, y) => x.file.localeCompare(y.file) || x.document.localeCompare(y.document));
}

function compareCampaigns(beforeFiles: ParsedFile[], nowFiles: ParsedFile[]): CampaignChange[] {
  const before = new Map(documentsOf(beforeFiles, 'campaign').map((d) => [d.source.relPath, d]));
  const changes: CampaignChange[] = [];
  for (const doc of documentsOf(nowFiles, 'campaign')) {
    const old = before.get(doc.source.relPath);
    if (!old) continue;
    const a = campaignSettings(old);
    const b = campaignSettings(doc);
    const settings: Record<string, [string, string]> = {};
    for (const key of Object.keys(b)) if (a[key] !== b[key]) settings[key] = [a[key], b[key]];
    if (Object.keys(settings).length > 0) changes.push({ document: doc.name ?? doc.source.relPath, file: doc.source.relPath, settings });
  }
  return changes;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The paste-ready statement for Meta's review form (at most 1,000 characters), built only from the report's
 * facts. Sentences are added in order of importance while they fit.
 */
export function buildStatement(r: AppealReport): string {
  const who = r.account.business ?? r.account.name ?? 'our business';
  const areas = r.rootCauses.slice(0, 3).map((c) => `${c.area} (${c.count})`).join(', ');
  const fixedAreas = [...new Set(r.fixed.map((f) => f.area))].slice(0, 4).join(', ');
  const sentences: string[] = [
    `We are ${who}. We understand our account was restricted for: "${r.restriction.slice(0, 160)}".`,
    `We checked every message template and campaign against the WhatsApp Business Messaging Policy with msglint and found ${plural(r.baseline.findings, 'problem')}${areas ? `, mainly ${areas}` : ''}.`,
    `We have fixed ${r.fixed.length.toLocaleString('en-US')} of them${fixedAreas ? ` (${fixedAreas})` : ''}; ${r.remaining.length + r.introduced.length === 0 ? 'none remain open' : `${plural(r.remaining.length + r.introduced.length, 'finding')} remain open and are being worked on`}.`,
  ];
  const templatesChanged = r.templateChanges.filter((t) => t.status !== 'added').length;
  if (templatesChanged > 0) sentences.push(`We rewrote or removed ${plural(templatesChanged, 'template')}.`);
  for (const o of r.optIn.slice(0, 2)) {
    const removed = Object.values(o.removed).reduce((a, b) => a + b, 0);
    sentences.push(`Campaign ${o.campaign}: ${o.validEvidence.toLocaleString('en-US')} of ${plural(o.contacts, 'contact')} have recorded, current opt-in${o.method ? ` (${o.method})` : ''} (${Math.round(o.coverage * 100)}%); msglint audience clean removes the ${removed.toLocaleString('en-US')} without valid consent.`);
  }
  for (const p of r.sendingPlan.slice(0, 2)) {
    if (p.recipients > 0) sentences.push(`Campaign ${p.campaign} reaches ${p.recipients.toLocaleString('en-US')} people in ${plural(p.batches, 'batch')} within our ${p.messagingLimit} limit${p.ratePerSecond ? ` at ${p.ratePerSecond} messages per second` : ''}.`);
  }
  if (r.checksInPlace.length > 0) sentences.push('msglint now checks every change before anything is sent.');
  let out = '';
  for (const s of sentences) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > 1000) break;
    out = next;
  }
  return out;
}
