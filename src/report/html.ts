import { documentLabel, FindingIndex, percent, quotable, ruleList, splitZeroTail, type ExplainedContribution } from '../scoring/explain.js';
import { byRisk } from '../scoring/format.js';
import { LEVELS } from '../scoring/risk.js';
import { AREAS, type Area, type DocumentResult, type Finding, type LintReport, type RiskLevel, type Severity } from '../types.js';

/**
 * A lint run as ONE self-contained HTML file that a marketer can open, share and print: inline CSS and
 * SVG only — no scripts, fonts, images or stylesheets from anywhere, so it renders offline and in mail
 * clients' previews and sends no request when opened. Every piece of text from the inputs (template
 * bodies, names, file paths, rule packs) is escaped; links go out only to http(s) policy sources.
 */
export interface HtmlOptions {
  /** The active rules (their titles head the findings); optional. */
  rules?: readonly { id: string; title: string }[];
  /** Heading of the report. */
  title?: string;
}

const LEVEL_COLOR: Record<RiskLevel, string> = { low: '#2f855a', medium: '#b7791f', high: '#dd6b20', critical: '#c53030' };
const LEVEL_TINT: Record<RiskLevel, string> = { low: '#e6f4ea', medium: '#fdf3dc', high: '#fdebdc', critical: '#fbe4e4' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '#c53030', warning: '#b7791f', info: '#2b6cb0' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const AREA_TEXT: Record<Area, string> = {
  'opt-in': 'consent of every recipient',
  velocity: 'sending within limits',
  category: 'declared category vs content',
  phrasing: 'copy that gets reported',
  format: "Meta's structural rules",
  content: 'Business & Commerce Policy',
  input: 'files msglint cannot use',
};

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** An outgoing link target, only when it is a well-formed http(s) URL (rule packs are user input too). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const e = escapeHtml;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** A semicircular gauge of a 0–100 score, coloured by level, with the four level bands behind it. */
export function gaugeSvg(score: number, level: RiskLevel, size: 'large' | 'small' = 'large'): string {
  const bands = LEVELS.slice()
    .reverse()
    .map(([l, min], i, all) => {
      const max = i + 1 < all.length ? all[i + 1][1] : 100;
      return `<path d="M10 60 A50 50 0 0 1 110 60" pathLength="100" stroke="${LEVEL_TINT[l]}" stroke-dasharray="0 ${min} ${max - min} 100"/>`;
    })
    .join('');
  const clamped = Math.max(0, Math.min(100, score));
  const value = clamped > 0 ? `<path d="M10 60 A50 50 0 0 1 110 60" pathLength="100" stroke="${LEVEL_COLOR[level]}" stroke-dasharray="${clamped} 100"/>` : '';
  const label = `risk ${clamped} of 100, ${level}`;
  return (
    `<svg class="gauge gauge-${size}" viewBox="0 0 120 72" role="img" aria-label="${e(label)}"><title>${e(label)}</title>` +
    `<g fill="none" stroke-width="12" stroke-linecap="butt">${bands}${value}</g>` +
    `<text x="60" y="54" text-anchor="middle" class="g-score" fill="${LEVEL_COLOR[level]}">${clamped}</text>` +
    `<text x="60" y="69" text-anchor="middle" class="g-level">${e(level)}</text></svg>`
  );
}

/** Findings by area as horizontal bars, split by severity. */
export function areaChartSvg(results: readonly DocumentResult[]): string {
  const counts = new Map<Area, Record<Severity, number>>(AREAS.map((a) => [a, { error: 0, warning: 0, info: 0 }]));
  for (const r of results) for (const f of r.findings) counts.get(f.area)![f.severity]++;
  const totals = AREAS.map((a) => counts.get(a)!.error + counts.get(a)!.warning + counts.get(a)!.info);
  const max = Math.max(1, ...totals);
  const rowH = 22;
  const left = 78;
  const barMax = 240;
  const rows = AREAS.map((area, i) => {
    const y = 6 + i * rowH;
    let x = left;
    const segments = (['error', 'warning', 'info'] as Severity[])
      .map((s) => {
        const n = counts.get(area)![s];
        if (n === 0) return '';
        const w = Math.max(2, (n / max) * barMax);
        const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="14" rx="2" fill="${SEVERITY_COLOR[s]}"><title>${e(`${area}: ${plural(n, s)}`)}</title></rect>`;
        x += w;
        return rect;
      })
      .join('');
    const track = `<rect x="${left}" y="${y}" width="${barMax}" height="14" rx="2" fill="#edf0f4"/>`;
    return `<text x="${left - 8}" y="${y + 11}" text-anchor="end" class="c-label">${e(area)}</text>${track}${segments}<text x="${left + barMax + 8}" y="${y + 11}" class="c-count">${totals[i]}</text>`;
  }).join('');
  const height = 6 + AREAS.length * rowH;
  const summary = AREAS.map((a, i) => `${a} ${totals[i]}`).join(', ');
  return `<svg class="chart" viewBox="0 0 360 ${height}" role="img" aria-label="${e(`findings by area: ${summary}`)}"><title>Findings by area</title>${rows}</svg>`;
}

/** Documents per risk level, as one stacked bar. */
function levelStripSvg(results: readonly DocumentResult[]): string {
  const scored = results.filter((r) => r.kind !== 'unknown');
  const total = Math.max(1, scored.length);
  let x = 0;
  const parts = LEVELS.slice()
    .reverse()
    .map(([level]) => {
      const n = scored.filter((r) => r.risk.level === level).length;
      if (n === 0) return '';
      const w = (n / total) * 360;
      const rect = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="14" fill="${LEVEL_COLOR[level]}"><title>${e(`${plural(n, 'document')} ${level}`)}</title></rect>`;
      x += w;
      return rect;
    })
    .join('');
  return `<svg class="strip" viewBox="0 0 360 14" preserveAspectRatio="none" role="img" aria-label="documents by risk level"><rect width="360" height="14" fill="#edf0f4"/>${parts}</svg>`;
}

function verdict(results: readonly DocumentResult[]): { text: string; level: RiskLevel } {
  const scored = results.filter((r) => r.kind !== 'unknown');
  const unreadable = results.length - scored.length;
  const atLeast = (l: RiskLevel) => scored.filter((r) => r.risk.level === l).length;
  const severe = atLeast('critical') + atLeast('high');
  const tail = unreadable > 0 ? ` ${plural(unreadable, 'file')} could not be read and ${unreadable === 1 ? 'is' : 'are'} not scored.` : '';
  if (severe > 0) return { level: atLeast('critical') > 0 ? 'critical' : 'high', text: `Not ready to send: ${plural(severe, 'document')} at high or critical risk. Fix the findings below first.${tail}` };
  if (atLeast('medium') > 0) return { level: 'medium', text: `Review before sending: ${plural(atLeast('medium'), 'document')} at medium risk.${tail}` };
  return { level: 'low', text: `Low risk: no document above ${LEVELS[2][1] - 1}.${tail}` };
}

function levelBadge(level: RiskLevel): string {
  return `<span class="level" style="background:${LEVEL_TINT[level]};color:${LEVEL_COLOR[level]}">${e(level)}</span>`;
}

function severityBadge(s: Severity): string {
  return `<span class="sev" style="color:${SEVERITY_COLOR[s]};border-color:${SEVERITY_COLOR[s]}">${e(s)}</span>`;
}

function summarySection(report: LintReport, anchors: Anchors): string {
  const { summary, results } = report;
  const scored = results.filter((r) => r.kind !== 'unknown');
  const top = byRisk(results)[0];
  const v = verdict(results);
  const levelCounts = LEVELS.map(([l]) => `<li><span class="dot" style="background:${LEVEL_COLOR[l]}"></span>${e(l)} <b>${scored.filter((r) => r.risk.level === l).length}</b></li>`).join('');
  const suppressed = summary.suppressed ? `<li>suppressed <b>${summary.suppressed}</b></li>` : '';
  return `<section class="summary">
<p class="verdict" style="border-color:${LEVEL_COLOR[v.level]};background:${LEVEL_TINT[v.level]}">${e(v.text)}</p>
<div class="cards">
<div class="card top-risk">${top && top.kind !== 'unknown' ? gaugeSvg(top.risk.score, top.risk.level) : gaugeSvg(0, 'low')}<div><h3>Highest risk</h3><p>${top && top.kind !== 'unknown' ? `${anchors.link(top, e(documentLabel(top)))}<br><span class="file">${fileHtml(top.file)}</span>` : 'no documents'}</p></div></div>
<div class="card"><h3>Documents by risk</h3>${levelStripSvg(results)}<ul class="counts">${levelCounts}</ul></div>
<div class="card"><h3>Findings</h3><ul class="counts big"><li><span class="dot" style="background:${SEVERITY_COLOR.error}"></span>errors <b>${summary.errors}</b></li><li><span class="dot" style="background:${SEVERITY_COLOR.warning}"></span>warnings <b>${summary.warnings}</b></li><li><span class="dot" style="background:${SEVERITY_COLOR.info}"></span>info <b>${summary.infos ?? 0}</b></li>${suppressed}</ul><p class="muted">${plural(summary.documents, 'document')} in ${plural(summary.files, 'file')}</p></div>
</div>
<div class="cards two">
<div class="card"><h3>Findings by area</h3>${areaChartSvg(results)}<p class="legend"><span class="dot" style="background:${SEVERITY_COLOR.error}"></span>error <span class="dot" style="background:${SEVERITY_COLOR.warning}"></span>warning <span class="dot" style="background:${SEVERITY_COLOR.info}"></span>info</p></div>
<div class="card"><h3>Most frequent rules</h3>${topRules(results)}</div>
</div>
</section>`;
}

const docId = (i: number) => `doc-${i + 1}`;

/** Where each detailed document's section is, for links; documents not shown in detail get no link. */
class Anchors {
  private readonly ids = new Map<DocumentResult, string>();

  constructor(results: readonly DocumentResult[], detailed: readonly DocumentResult[]) {
    const position = new Map(results.map((r, i) => [r, i]));
    for (const r of detailed) this.ids.set(r, docId(position.get(r)!));
  }

  id(r: DocumentResult): string | undefined {
    return this.ids.get(r);
  }

  /** `html` (already escaped) as a link to the document's section, when it has one. */
  link(r: DocumentResult, html: string): string {
    const id = this.ids.get(r);
    return id ? `<a href="#${id}">${html}</a>` : html;
  }
}

/** Documents shown in detail (riskiest first) and findings shown per document: a page people can still open and print. */
export const MAX_DETAILED_DOCUMENTS = 300;
export const MAX_FINDINGS_SHOWN = 60;

/** A file path that may wrap after each slash (long paths in narrow printed columns). */
const fileHtml = (file: string) => e(file).replace(/\//g, '/<wbr>');

/** The rules that fire in the most documents: where a clean-up pays off first. */
function topRules(results: readonly DocumentResult[], limit = 8): string {
  const byRule = new Map<string, { id: string; area: Area; severity: Severity; docs: number; findings: number }>();
  for (const r of results) {
    const seen = new Set<string>();
    for (const f of r.findings) {
      const entry = byRule.get(f.ruleId) ?? { id: f.ruleId, area: f.area, severity: f.severity, docs: 0, findings: 0 };
      entry.findings++;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[entry.severity]) entry.severity = f.severity;
      if (!seen.has(f.ruleId)) entry.docs++;
      seen.add(f.ruleId);
      byRule.set(f.ruleId, entry);
    }
  }
  const top = [...byRule.values()].sort((a, b) => b.docs - a.docs || b.findings - a.findings || (a.id < b.id ? -1 : 1)).slice(0, limit);
  if (top.length === 0) return '<p class="muted">No findings.</p>';
  const rows = top.map((t) => `<tr><td><span class="dot" style="background:${SEVERITY_COLOR[t.severity]}"></span><code>${e(t.id)}</code></td><td class="num nowrap">${plural(t.docs, 'doc')}</td></tr>`).join('');
  const rest = byRule.size > top.length ? `<p class="muted">and ${plural(byRule.size - top.length, 'more rule')}</p>` : '';
  return `<table class="top-rules"><tbody>${rows}</tbody></table>${rest}`;
}

/** Clean documents listed by name beyond this many are summarised by a count. */
const MAX_CLEAN_LISTED = 200;

function overviewSection(ranked: readonly DocumentResult[], anchors: Anchors): string {
  const flagged = ranked.filter((r) => r.findings.length > 0);
  const clean = ranked.filter((r) => r.findings.length === 0);
  const rows = flagged
    .map((r) => {
      const name = r.kind === 'unknown' ? '(not a readable document)' : [r.name, r.language].filter(Boolean).join(' ') || '(unnamed)';
      const errors = r.findings.filter((f) => f.severity === 'error').length;
      const warnings = r.findings.filter((f) => f.severity === 'warning').length;
      const bar = r.kind === 'unknown' ? '<span class="muted">not scored</span>' : `<span class="bar"><span style="width:${r.risk.score}%;background:${LEVEL_COLOR[r.risk.level]}"></span></span><b>${r.risk.score}</b> ${levelBadge(r.risk.level)}`;
      return `<tr><td class="risk">${bar}</td><td>${e(r.kind)}</td><td>${anchors.link(r, e(name))}</td><td class="file">${fileHtml(r.file)}</td><td class="num">${errors}</td><td class="num">${warnings}</td></tr>`;
    })
    .join('\n');
  const table = flagged.length
    ? `<table class="docs"><colgroup><col class="c-risk"><col class="c-kind"><col><col><col class="c-num"><col class="c-num"></colgroup><thead><tr><th>risk</th><th>kind</th><th>document</th><th>file</th><th class="num">errors</th><th class="num">warn.</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '';
  const listed = clean.slice(0, MAX_CLEAN_LISTED).map((r) => `<span>${e(documentLabel(r))}</span>`).join(', ');
  const more = clean.length > MAX_CLEAN_LISTED ? ` and ${clean.length - MAX_CLEAN_LISTED} more` : '';
  const cleanNote = clean.length ? `<p class="clean"><b>${plural(clean.length, 'document')} without findings</b> (risk 0): ${listed}${more}.</p>` : '';
  return `<section class="overview"><h2>Documents by risk</h2>
${table}
${cleanNote}</section>`;
}

function explanationTable(r: DocumentResult, steps: readonly ExplainedContribution[], anchors: Anchors): string {
  if (steps.length === 0) return '';
  const { adding, zero } = splitZeroTail(steps);
  const zeroRow = zero.length
    ? `<tr class="zero"><td class="pts">+0</td><td colspan="3">${zero.length === 1 ? '1 more finding adds' : `${zero.length} more findings add`} less than half a point (${100 - zero[0].before} left): <code>${e(ruleList(zero))}</code></td></tr>`
    : '';
  const rows = adding
    .map((s) => {
      const quote = quotable(s.finding);
      const from = s.from ? ` in ${anchors.link(s.from, e(documentLabel(s.from)))}${s.from.file !== r.file ? ` <span class="file">${e(s.from.file)}</span>` : ''}` : '';
      const how = s.effectiveWeight !== undefined ? `${percent(s.effectiveWeight)} of ${100 - s.before}` : '';
      return `<tr><td class="pts">+${s.contribution.points}</td><td><code>${e(s.contribution.ruleId)}</code></td><td>${quote !== undefined ? `<q>${e(quote)}</q> ` : ''}line ${s.contribution.line}${from}${s.suppressed ? ' <span class="muted">(in the baseline)</span>' : ''}</td><td class="how">${e(how)}</td></tr>`;
    })
    .join('');
  return `<table class="why"><caption>Why ${r.risk.score}: each finding adds its weight as a share of the risk still left</caption><thead><tr><th>points</th><th>rule</th><th>where</th><th>weight × left</th></tr></thead><tbody>${rows}${zeroRow}<tr class="total"><td class="pts">${r.risk.score}</td><td colspan="3">${levelBadge(r.risk.level)}</td></tr></tbody></table>`;
}

function findingItem(f: Finding, points: number | undefined, titles: Map<string, string>): string {
  const title = titles.get(f.ruleId);
  const href = safeHref(f.source);
  const quote = quotable(f);
  const span = f.endLine === f.line ? `line ${f.line}, columns ${f.column}–${Math.max(f.column, f.endColumn - 1)}` : `line ${f.line}, column ${f.column} to line ${f.endLine}, column ${f.endColumn}`;
  const facts = [
    `${e(f.file)} · ${span}${f.path ? ` · <code>${e(f.path)}</code>` : ''}`,
    `weight ${f.weight}${points !== undefined ? ` · <b>+${points}</b> points` : ''}`,
  ].join(' · ');
  return `<li class="finding" style="border-left-color:${SEVERITY_COLOR[f.severity]}">
<div class="f-head">${severityBadge(f.severity)}<span class="area">${e(f.area)}</span><code class="rule">${e(f.ruleId)}</code>${title ? `<span class="title">${e(title)}</span>` : ''}</div>
<p class="msg">${e(f.message)}</p>
${quote !== undefined && !f.message.includes(quote) ? `<p class="quote">found: <q>${e(quote)}</q></p>` : ''}
${f.fix ? `<p class="fix"><b>Fix:</b> ${e(f.fix)}</p>` : ''}
<p class="where">${facts}${href ? ` · policy: <a href="${e(href)}">${e(shortUrl(href))}</a>` : ''}</p>
</li>`;
}

function shortUrl(href: string): string {
  const u = new URL(href);
  const text = `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

function documentSection(r: DocumentResult, anchors: Anchors, index: FindingIndex, titles: Map<string, string>): string {
  const steps = index.explain(r);
  const pointsOf = new Map<string, number>();
  for (const s of steps) if (!s.from) pointsOf.set(`${s.contribution.ruleId}\u0000${s.contribution.line}\u0000${s.contribution.column}`, s.contribution.points);
  const sorted = r.findings.slice().sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.weight - a.weight || a.line - b.line || a.column - b.column);
  const hidden = sorted.length - MAX_FINDINGS_SHOWN;
  const findings =
    sorted
      .slice(0, MAX_FINDINGS_SHOWN)
      .map((f) => findingItem(f, pointsOf.get(`${f.ruleId}\u0000${f.line}\u0000${f.column}`), titles))
      .join('\n') + (hidden > 0 ? `\n<li class="muted more">${plural(hidden, 'more finding')} of lower severity or weight (<code>--format json</code> lists them all).</li>` : '');
  const head =
    r.kind === 'unknown'
      ? `<div class="d-head"><div><h3>${e(r.file)}</h3><p class="muted">This file cannot be read as YAML or JSON, so it is not scored.</p></div></div>`
      : `<div class="d-head">${gaugeSvg(r.risk.score, r.risk.level)}<div><h3>${e(documentLabel(r))}</h3><p class="file">${e(r.file)}</p><p>${levelBadge(r.risk.level)} ${plural(r.findings.length, 'finding')}</p></div></div>`;
  const carried = steps.some((s) => s.from) && r.kind === 'campaign' ? '<p class="muted">A campaign carries the risk of the templates it sends: their findings count in its score.</p>' : '';
  return `<article class="doc" id="${anchors.id(r)}">
${head}
${explanationTable(r, steps, anchors)}${carried}
${findings ? `<ol class="findings">\n${findings}\n</ol>` : ''}
</article>`;
}

const CSS = `
:root{--ink:#1a202c;--muted:#5a6473;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff;--accent:#2c5282}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
code,.file{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
.file{overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
a{color:var(--accent)}
.wrap{max-width:1040px;margin:0 auto;padding:24px 28px 40px}
header.top{display:flex;justify-content:space-between;align-items:baseline;gap:16px;border-bottom:3px solid var(--ink);padding-bottom:10px;margin-bottom:18px}
header.top h1{margin:0;font-size:24px;letter-spacing:-.01em}
header.top h1 span{font-weight:400;color:var(--muted)}
header.top .meta{color:var(--muted);font-size:12px;text-align:right}
h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:13px;margin:0 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.verdict{margin:0 0 14px;padding:10px 14px;border-left:5px solid;border-radius:4px;font-weight:600;font-size:15px}
.cards{display:grid;grid-template-columns:1.3fr 1fr 1fr;gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px 14px}
.top-risk{display:flex;gap:12px;align-items:center}
.top-risk p{margin:0;font-weight:600}
.cards.two{grid-template-columns:1.25fr 1fr;margin-top:12px}
.top-rules td{padding:4px 6px;font-size:12px}
.top-rules code{font-size:11.5px}
.clean{color:var(--muted);font-size:12.5px;margin:10px 0 0}
.clean span{white-space:nowrap}
.counts{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px}
.counts.big{display:block}
.counts.big li{display:flex;align-items:center;gap:6px;font-size:15px;line-height:1.6}
.counts.big b{margin-left:auto}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:baseline}
.muted{color:var(--muted)}
.legend{margin:4px 0 0;color:var(--muted);font-size:12px}
.legend .dot{margin-left:10px}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.gauge{flex:none}
.gauge-large{width:120px;height:72px}
.g-score{font-size:26px;font-weight:700}
.g-level{font-size:10px;fill:var(--muted);text-transform:uppercase;letter-spacing:.08em}
.chart{width:100%;height:auto;display:block}
.c-label{font-size:11px;fill:var(--ink)}
.c-count{font-size:11px;fill:var(--muted);font-weight:600}
.strip{width:100%;height:14px;display:block;border-radius:3px;margin-top:6px}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#fafbfc}
td.num,th.num{text-align:right}
table.docs{table-layout:fixed}
table.docs td{overflow-wrap:anywhere}
table.docs col.c-risk{width:158px}
table.docs col.c-kind{width:96px}
table.docs col.c-num{width:58px}
td.risk{white-space:nowrap}
table.docs td.file{font-size:11.5px}
.bar{display:inline-block;width:48px;height:8px;background:#edf0f4;border-radius:4px;margin-right:8px;vertical-align:middle;overflow:hidden}
.bar span{display:block;height:100%}
.level{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.sev{display:inline-block;padding:0 6px;border:1px solid;border-radius:3px;font-size:11px;font-weight:700;text-transform:uppercase}
.doc{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:14px 0}
.d-head{display:flex;gap:14px;align-items:center;margin-bottom:8px}
.d-head h3{font-size:16px;text-transform:none;letter-spacing:0;color:var(--ink)}
.d-head p{margin:2px 0}
table.why{margin:6px 0 10px;font-size:13px}
table.why caption{text-align:left;color:var(--muted);font-size:12px;padding:0 0 4px}
table.why td.pts{font-weight:700;text-align:right;width:56px;font-variant-numeric:tabular-nums}
table.why td.how,table.why th:last-child{color:var(--muted);white-space:nowrap;text-align:right}
table.why code{white-space:nowrap}
table.why tr.zero td{color:var(--muted);font-size:12px}
table.why tr.zero code{white-space:normal}
table.why tr.total td{border-bottom:0;border-top:2px solid var(--ink)}
.findings{list-style:none;margin:0;padding:0}
.finding{border:1px solid var(--line);border-left:4px solid;border-radius:4px;padding:8px 12px;margin:8px 0;background:#fff}
.f-head{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center}
.area{font-size:11px;background:#edf2f7;border-radius:3px;padding:0 6px;color:var(--accent);font-weight:600}
.rule{color:var(--muted)}
.title{color:var(--muted);font-size:12px}
.msg{margin:6px 0 4px;font-size:14px;font-weight:500}
.quote{margin:0 0 4px;color:var(--muted)}
.fix{margin:4px 0;padding:6px 10px;background:#f0f7f1;border-radius:4px}
.where{margin:4px 0 0;color:var(--muted);font-size:12px;word-break:break-word}
q{quotes:"\\201C" "\\201D";background:#fff6d6;padding:0 2px}
footer{margin-top:30px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
footer p{margin:4px 0}
@media (max-width:760px){.cards,.cards.two{grid-template-columns:1fr}.wrap{padding:14px}}
@page{margin:12mm}
@media print{
  body{background:#fff;font-size:10pt}
  header.top h1{font-size:18pt}
  header.top h1 span{display:block;font-size:11pt}
  .wrap{max-width:none;padding:0}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .card,.doc,.finding{box-shadow:none}
  .doc{border:0;border-top:1px solid var(--line);border-radius:0;padding:10px 0 0}
  thead{display:table-header-group}
  tr,.finding,.card,.d-head,.verdict,table.why,svg{break-inside:avoid;page-break-inside:avoid}
  h2,h3,.d-head{break-after:avoid;page-break-after:avoid}
  .overview{break-after:page}
  a{color:inherit;text-decoration:none}
  .cards{grid-template-columns:1.3fr 1fr 1fr}
  .cards.two{grid-template-columns:1.25fr 1fr}
}
`;

export function formatHtml(report: LintReport, opts: HtmlOptions = {}): string {
  const ranked = byRisk(report.results);
  const index = new FindingIndex(report);
  const titles = new Map((opts.rules ?? []).map((r) => [r.id, r.title]));
  const withFindings = ranked.filter((r) => r.findings.length > 0);
  const detailed = withFindings.slice(0, MAX_DETAILED_DOCUMENTS);
  const notDetailed = withFindings.length - detailed.length;
  const anchors = new Anchors(report.results, detailed);
  const heading = opts.title ?? 'msglint report';
  const docs =
    detailed.map((r) => documentSection(r, anchors, index, titles)).join('\n') +
    (notDetailed > 0 ? `\n<p class="muted more">${plural(notDetailed, 'more document')} with findings ${notDetailed === 1 ? 'is' : 'are'} listed in the table above but not detailed here, to keep the page readable; <code>--format json</code> has every finding.</p>` : '');
  const areaNotes = AREAS.map((a) => `<b>${e(a)}</b> ${e(AREA_TEXT[a])}`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="msglint ${e(report.tool.version)}">
<title>${e(heading)}: ${plural(report.summary.documents, 'document')}</title>
<style>${CSS}</style>
</head>
<body>
<div class="wrap">
<header class="top"><h1>${e(heading)} <span>· WhatsApp Business messaging policy</span></h1><div class="meta">msglint ${e(report.tool.version)}<br>${plural(report.summary.files, 'file')} · ${plural(report.summary.documents, 'document')}</div></header>
<main>
${summarySection(report, anchors)}
${overviewSection(ranked, anchors)}
${withFindings.length > 0 ? `<section class="details"><h2>Findings, riskiest document first</h2>\n${docs}\n</section>` : '<p class="muted">No findings.</p>'}
</main>
<footer>
<p><b>How the risk score works.</b> Each finding has a weight (0–100): roughly the chance, in per cent, that it alone gets messages blocked, reported or rejected. Findings are taken heaviest first, and each adds its weight as a share of the risk still left: points = weight × (100 − score so far) / 100, in whole points. A second finding of the same rule counts half, a third a quarter; info findings do not count. The score never passes 100. Levels: low &lt; 25 ≤ medium &lt; 50 ≤ high &lt; 75 ≤ critical. A campaign's score includes the findings of the templates it sends.</p>
<p>Areas: ${areaNotes}.</p>
<p>Generated by msglint ${e(report.tool.version)}. This file is self-contained: it loads nothing from the network.</p>
</footer>
</div>
</body>
</html>
`;
}
