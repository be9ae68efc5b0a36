import type { AppealReport, TemplateChange } from './build.js';
import type { AppealFinding } from './diff.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function appealJson(r: AppealReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

function mdFindings(list: AppealFinding[], withBefore: boolean): string[] {
  if (list.length === 0) return ['_None._', ''];
  const rows = list.map((f) => `| ${f.area} | ${f.severity} | \`${f.ruleId}\` | ${mdCell(f.message)} | ${mdCell(f.file)}:${f.line} |${withBefore ? ` ${f.before !== undefined ? mdCell(`“${f.before}”`) : ''} |` : ''}`);
  return [`| area | severity | rule | finding | where |${withBefore ? ' before |' : ''}`, `| --- | --- | --- | --- | --- |${withBefore ? ' --- |' : ''}`, ...rows, ''];
}

function mdChange(c: TemplateChange): string[] {
  const parts = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])];
  const title = c.status === 'renamed' ? `${c.document} → ${c.renamedTo}` : `${c.document} (${c.status})`;
  const lines = [`#### ${title} — \`${c.file}\``, ''];
  for (const part of parts) {
    if (c.before[part] === c.after[part]) continue;
    lines.push(`- **${part}**`);
    if (c.before[part] !== undefined) lines.push(`  - before: ${mdCell(c.before[part])}`);
    if (c.after[part] !== undefined) lines.push(`  - after: ${mdCell(c.after[part])}`);
  }
  lines.push('');
  return lines;
}

/** Markdown for pasting into a ticket or an e-mail; the statement sits in a fenced block to copy as is. */
export function appealMarkdown(r: AppealReport): string {
  const acct = [r.account.business, r.account.name ? `(${r.account.name})` : ''].filter(Boolean).join(' ') || 'not given';
  const out: string[] = [
    '# Appeal evidence report',
    '',
    `- **Account:** ${acct}${r.account.messagingLimit ? ` — messaging limit ${r.account.messagingLimit}` : ''}${r.account.qualityRating ? `, quality ${r.account.qualityRating}` : ''}`,
    `- **Restriction (as stated by Meta):** “${mdCell(r.restriction)}”`,
    `- **Baseline:** ${mdCell(r.baseline.label)} — ${r.baseline.findings} findings`,
    `- **Now:** ${r.current.findings} findings in ${r.current.documents} documents`,
    `- **Result:** ${r.fixed.length} fixed, ${r.remaining.length} still open, ${r.introduced.length} new`,
    '',
    '## Statement for the review form',
    '',
    '```text',
    r.statement,
    '```',
    '',
    '## Root causes at the baseline',
    '',
  ];
  if (r.rootCauses.length === 0) out.push('_No findings at the baseline._', '');
  else {
    out.push('| area | findings | errors | main rules | tied to the stated reason |', '| --- | --- | --- | --- | --- |');
    for (const c of r.rootCauses) out.push(`| ${c.area} | ${c.count} | ${c.errors} | ${c.rules.slice(0, 3).map((x) => `\`${x.ruleId}\` ×${x.count}`).join(', ')} | ${c.relevant ? 'yes' : ''} |`);
    out.push('');
  }
  out.push(`## Fixed since the baseline (${r.fixed.length})`, '', ...mdFindings(r.fixed, true));
  if (r.templateChanges.length > 0 || r.campaignChanges.length > 0) {
    out.push('## What changed', '');
    for (const c of r.templateChanges) out.push(...mdChange(c));
    for (const c of r.campaignChanges) {
      out.push(`#### campaign ${c.document} — \`${c.file}\``, '');
      for (const [k, [a, b]] of Object.entries(c.settings)) out.push(`- **${k}**: ${mdCell(a || '(none)')} → ${mdCell(b || '(none)')}`);
      out.push('');
    }
  }
  out.push(`## Still open (${r.remaining.length + r.introduced.length})`, '', ...mdFindings([...r.remaining, ...r.introduced], false));
  out.push('## Opt-in evidence now in place', '');
  if (r.optIn.length === 0) out.push('_No campaign with an audience file in this run._', '');
  for (const o of r.optIn) {
    const removed = Object.entries(o.removed).filter(([, n]) => n > 0).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
    out.push(
      `- **${o.campaign}** (\`${o.file}\`): ${o.validEvidence} of ${o.contacts} contacts with valid, current opt-in (coverage ${pct(o.coverage)}); method ${o.method || 'not declared'}; wording “${mdCell(o.wording || 'not declared')}”`,
      `  - methods recorded: ${Object.entries(o.methods).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
      `  - removed by \`msglint audience clean\`: ${removed}`,
    );
  }
  out.push('', '## Sending plan against the account’s limit', '');
  if (r.sendingPlan.length === 0) out.push('_No campaign in this run._', '');
  for (const p of r.sendingPlan) out.push(`- **${p.campaign}**: ${p.recipients} recipients, limit ${p.messagingLimit} → ${p.batches} batch(es) of at most ${p.perBatch} over ${p.days} day(s); ${p.ratePerSecond || 'default'} msg/s against a throughput of ${p.throughput}/s${p.window ? `; window ${p.window}` : ''}`);
  out.push('', '## Suppressions in force', '');
  if (r.suppressions.length === 0) out.push('_None._');
  for (const s of r.suppressions) out.push(`- \`${s.ruleId}\` at ${s.file}:${s.line} — ${mdCell(s.reason)}`);
  out.push('', '## Checks now in place', '');
  if (r.checksInPlace.length === 0) out.push('_msglint is not yet wired into CI: add the GitHub Action (see README)._');
  for (const c of r.checksInPlace) out.push(`- ${c}`);
  if (r.timeline.length > 0) {
    out.push('', '## Timeline of Meta’s signals', '', '| date | event | subject | detail | source |', '| --- | --- | --- | --- | --- |');
    for (const e of r.timeline) out.push(`| ${e.date.slice(0, 16).replace('T', ' ')} | ${e.kind} | ${mdCell(e.subject)} | ${mdCell(e.detail)} | ${mdCell(e.source)} |`);
  }
  out.push('', `_Generated by msglint ${r.tool.version} on ${r.generatedAt.slice(0, 10)}. Phone numbers are masked; consent records are summarised, never printed._`, '');
  return out.join('\n');
}

/** One self-contained, printable HTML file: inline CSS, no scripts, no network loads. */
export function appealHtml(r: AppealReport): string {
  const findingRows = (list: AppealFinding[], withBefore: boolean) =>
    list.length === 0
      ? '<p class="none">None.</p>'
      : `<table><thead><tr><th>area</th><th>severity</th><th>rule</th><th>finding</th><th>where</th>${withBefore ? '<th>before</th>' : ''}</tr></thead><tbody>${list
          .map(
            (f) =>
              `<tr><td>${esc(f.area)}</td><td class="sev-${esc(f.severity)}">${esc(f.severity)}</td><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.message)}</td><td>${esc(f.file)}:${f.line}</td>${withBefore ? `<td>${f.before !== undefined ? `“${esc(f.before)}”` : ''}</td>` : ''}</tr>`,
          )
          .join('')}</tbody></table>`;
  const changes = r.templateChanges
    .map((c) => {
      const parts = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])].filter((p) => c.before[p] !== c.after[p]);
      return `<div class="change"><h4>${esc(c.status === 'renamed' ? `${c.document} → ${c.renamedTo}` : `${c.document} (${c.status})`)} <small>${esc(c.file)}</small></h4>${parts
        .map((p) => `<div class="part"><b>${esc(p)}</b><div class="before">${esc(c.before[p] ?? '—')}</div><div class="after">${esc(c.after[p] ?? '—')}</div></div>`)
        .join('')}</div>`;
    })
    .join('');
  const campaignChanges = r.campaignChanges
    .map((c) => `<div class="change"><h4>campaign ${esc(c.document)} <small>${esc(c.file)}</small></h4><ul>${Object.entries(c.settings).map(([k, [a, b]]) => `<li><b>${esc(k)}</b>: ${esc(a || '(none)')} → ${esc(b || '(none)')}</li>`).join('')}</ul></div>`)
    .join('');
  const acct = [r.account.business, r.account.name ? `(${r.account.name})` : ''].filter(Boolean).join(' ') || 'not given';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Appeal evidence report — ${esc(acct)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:1000px;margin:24px auto;padding:0 20px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #e3e6ea;padding-bottom:4px;margin-top:28px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;background:#f6f8fa;border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px}
.meta dt{font-weight:600;color:#57606a}.meta dd{margin:0}
.kpis{display:flex;gap:12px;margin:14px 0}.kpi{flex:1;border-radius:8px;padding:10px 14px;color:#fff}.kpi b{display:block;font-size:26px}
.k-fixed{background:#1a7f37}.k-open{background:#bf8700}.k-new{background:#cf222e}
pre.statement{white-space:pre-wrap;background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:12px 14px;font:13px/1.5 ui-monospace,Menlo,monospace}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #e3e6ea;padding:5px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
tr{break-inside:avoid}.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700}.none{color:#57606a;font-style:italic}
.change{border:1px solid #e3e6ea;border-radius:8px;padding:8px 12px;margin:10px 0;break-inside:avoid}.change h4{margin:2px 0 8px}.change small{color:#57606a;font-weight:400}
.part{display:grid;grid-template-columns:110px 1fr 1fr;gap:8px;margin:4px 0}.before{background:#ffebe9;padding:4px 8px;border-radius:4px}.after{background:#dafbe1;padding:4px 8px;border-radius:4px}
code{font:12px ui-monospace,Menlo,monospace}footer{color:#57606a;font-size:12px;margin-top:30px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}.kpi{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:16mm}
</style></head><body>
<h1>Appeal evidence report</h1>
<dl class="meta"><dt>Account</dt><dd>${esc(acct)}${r.account.messagingLimit ? ` — limit ${esc(r.account.messagingLimit)}` : ''}${r.account.qualityRating ? `, quality ${esc(r.account.qualityRating)}` : ''}</dd>
<dt>Restriction</dt><dd>“${esc(r.restriction)}”</dd><dt>Baseline</dt><dd>${esc(r.baseline.label)} — ${r.baseline.findings} findings</dd><dt>Now</dt><dd>${r.current.findings} findings in ${r.current.documents} documents</dd></dl>
<div class="kpis"><div class="kpi k-fixed"><b>${r.fixed.length}</b>fixed</div><div class="kpi k-open"><b>${r.remaining.length}</b>still open</div><div class="kpi k-new"><b>${r.introduced.length}</b>new</div></div>
<h2>Statement for the review form</h2><pre class="statement">${esc(r.statement)}</pre>
<h2>Root causes at the baseline</h2>${
    r.rootCauses.length === 0
      ? '<p class="none">No findings at the baseline.</p>'
      : `<table><thead><tr><th>area</th><th>findings</th><th>errors</th><th>main rules</th><th>tied to the reason</th></tr></thead><tbody>${r.rootCauses.map((c) => `<tr><td>${esc(c.area)}</td><td>${c.count}</td><td>${c.errors}</td><td>${c.rules.slice(0, 3).map((x) => `<code>${esc(x.ruleId)}</code> ×${x.count}`).join(', ')}</td><td>${c.relevant ? 'yes' : ''}</td></tr>`).join('')}</tbody></table>`
  }
<h2>Fixed since the baseline (${r.fixed.length})</h2>${findingRows(r.fixed, true)}
${changes || campaignChanges ? `<h2>What changed</h2>${changes}${campaignChanges}` : ''}
<h2>Still open (${r.remaining.length + r.introduced.length})</h2>${findingRows([...r.remaining, ...r.introduced], false)}
<h2>Opt-in evidence now in place</h2>${
    r.optIn.length === 0
      ? '<p class="none">No campaign with an audience file in this run.</p>'
      : `<table><thead><tr><th>campaign</th><th>contacts</th><th>valid opt-in</th><th>method / wording</th><th>removed by audience clean</th></tr></thead><tbody>${r.optIn
          .map((o) => `<tr><td>${esc(o.campaign)}<br><small>${esc(o.file)}</small></td><td>${o.contacts}</td><td>${o.validEvidence} (${pct(o.coverage)})</td><td>${esc(o.method || '—')}<br>“${esc(o.wording || '—')}”</td><td>${Object.entries(o.removed).filter(([, n]) => n > 0).map(([k, n]) => `${esc(k)}: ${n}`).join('<br>') || 'none'}</td></tr>`)
          .join('')}</tbody></table>`
  }
<h2>Sending plan against the account’s limit</h2>${
    r.sendingPlan.length === 0
      ? '<p class="none">No campaign in this run.</p>'
      : `<table><thead><tr><th>campaign</th><th>recipients</th><th>limit</th><th>plan</th><th>rate</th></tr></thead><tbody>${r.sendingPlan.map((p) => `<tr><td>${esc(p.campaign)}</td><td>${p.recipients}</td><td>${esc(p.messagingLimit)}</td><td>${p.batches} batch(es) of ≤ ${p.perBatch}, ${p.days} day(s)</td><td>${p.ratePerSecond || 'default'} msg/s (throughput ${p.throughput}/s)</td></tr>`).join('')}</tbody></table>`
  }
<h2>Suppressions in force</h2>${r.suppressions.length === 0 ? '<p class="none">None.</p>' : `<ul>${r.suppressions.map((s) => `<li><code>${esc(s.ruleId)}</code> at ${esc(s.file)}:${s.line} — ${esc(s.reason)}</li>`).join('')}</ul>`}
<h2>Checks now in place</h2>${r.checksInPlace.length === 0 ? '<p class="none">msglint is not yet wired into CI.</p>' : `<ul>${r.checksInPlace.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`}
${r.timeline.length > 0 ? `<h2>Timeline of Meta’s signals</h2><table><thead><tr><th>date</th><th>event</th><th>subject</th><th>detail</th></tr></thead><tbody>${r.timeline.map((e) => `<tr><td>${esc(e.date.slice(0, 16).replace('T', ' '))}</td><td>${esc(e.kind)}</td><td>${esc(e.subject)}</td><td>${esc(e.detail)}</td></tr>`).join('')}</tbody></table>` : ''}
<footer>Generated by msglint ${esc(r.tool.version)} on ${esc(r.generatedAt.slice(0, 10))}. Phone numbers are masked; consent records are summarised, never printed.</footer>
</body></html>
`;
}
