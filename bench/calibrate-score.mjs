#!/usr/bin/env node
// Calibration of the risk score on labelled data, with the real rule packs (run `npm run build` first):
//
//   node bench/calibrate-score.mjs [--sms-limit N] [--json]
//
// For each data set it prints the ROC AUC (the chance that a random positive scores above a random negative;
// ties count half) and the share of each class at each level (low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical):
//   1. SMS Spam Collection v.1 (spam vs ham), each message linted as a MARKETING template body in en_GB (UK SMS),
//      so only the copy (phrasing, content, format) can tell them apart. Read from bench/data/sms-spam-collection/
//      (the phrasing calibration's copy) or, when that is missing, /work/shared/corpora/sms-spam-collection-uci/.
//      bench/calibrate-phrasing.mjs fits the phrasing weights on 70% of it, so the AUC is also given on the 30% it
//      holds out (the same seeded, stratified split: seed 20251031, share 0.3).
//   2. The held-out category set bench/data/category-eval.yaml, every text declared UTILITY: promotional
//      (MARKETING) and one-time-code (AUTHENTICATION) texts must score above genuine utility texts.
//   3. Campaigns: fixtures/campaigns (labelled by their first comment, "A clean/risky campaign") and the
//      labelled cases in bench/calibrate-score.campaigns.yaml, each linted with its account, templates and
//      a generated audience file.
// It also re-scores the same findings with other formulas (no repeat damping, a capped sum, the maximum
// weight) to show what the chosen formula buys, and lists the rules that fire on the SMS corpus.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parse as parseYaml, stringify as toYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// MSGLINT_DIST=<folder> uses another build than ./dist (e.g. while dist/ is being rebuilt).
const distDir = process.env.MSGLINT_DIST ? path.resolve(process.env.MSGLINT_DIST) : path.join(root, 'dist');
const dist = (p) => pathToFileURL(path.join(distDir, p)).href;
if (!existsSync(path.join(distDir, 'lint.js'))) {
  console.error(`no build in ${distDir}: run "npm run build" first`);
  process.exit(2);
}
const { createLinter, lintParsed, runLint } = await import(dist('lint.js'));
const { parseSource } = await import(dist('documents/parse.js'));
const { sourceFromText } = await import(dist('documents/source.js'));
const { scoreFindings, levelOf, LEVELS, REPEAT_FACTOR } = await import(dist('scoring/risk.js'));

const args = process.argv.slice(2);
const smsLimit = Number(args[args.indexOf('--sms-limit') + 1]) || Infinity;
const asJson = args.includes('--json');
const NOW = new Date('2026-11-20T00:00:00Z');

const linter = createLinter(root);
const ruleWeight = (id) => linter.compiled.rulesById.get(id)?.rule.weight ?? 0;

// ---------- statistics ----------

/** ROC AUC by the Mann–Whitney U statistic, ties counted half. */
function rocAuc(positives, negatives) {
  if (positives.length === 0 || negatives.length === 0) return NaN;
  const all = [...positives.map((s) => [s, 1]), ...negatives.map((s) => [s, 0])].sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k][1] === 1) rankSumPos += avgRank;
    i = j;
  }
  const n1 = positives.length;
  return (rankSumPos - (n1 * (n1 + 1)) / 2) / (n1 * negatives.length);
}

const LEVEL_NAMES = [...LEVELS].reverse().map(([l]) => l); // low … critical

function levelShares(scores) {
  const out = Object.fromEntries(LEVEL_NAMES.map((l) => [l, 0]));
  for (const s of scores) out[levelOf(s)]++;
  for (const l of LEVEL_NAMES) out[l] = scores.length ? out[l] / scores.length : 0;
  return out;
}

// ---------- formula variants, re-scored from the same findings ----------

/** The findings a document's score counted, from its explanation (which lists every counted finding). */
const counted = (result) => (result.risk.explanation ?? []).map((c) => ({ ...c, weight: ruleWeight(c.ruleId), severity: 'warning' }));

const VARIANTS = {
  'msglint (noisy-OR, repeats ×0.5)': (fs) => scoreFindings(fs).score,
  'noisy-OR, no repeat damping': (fs) => Math.round(100 * (1 - fs.reduce((p, f) => p * (1 - f.weight / 100), 1))),
  'noisy-OR, each area ×0.5': (fs) => {
    const seen = new Map();
    const sorted = [...fs].sort((a, b) => b.weight - a.weight);
    return Math.round(100 * (1 - sorted.reduce((p, f) => {
      const k = seen.get(f.area) ?? 0;
      seen.set(f.area, k + 1);
      return p * (1 - (f.weight * 0.5 ** k) / 100);
    }, 1)));
  },
  'sum of weights, capped at 100': (fs) => Math.min(100, fs.reduce((n, f) => n + f.weight, 0)),
  'maximum weight': (fs) => fs.reduce((m, f) => Math.max(m, f.weight), 0),
};

// ---------- data sets ----------

function smsCorpusFile() {
  const local = path.join(root, 'bench/data/sms-spam-collection');
  if (existsSync(local)) {
    const files = readdirSync(local).filter((f) => !/\.(md|txt\.md)$/i.test(f) && statSync(path.join(local, f)).isFile());
    const data = files.find((f) => /^SMSSpamCollection/i.test(f)) ?? files.find((f) => /\.(tsv|jsonl)$/i.test(f));
    if (data) return path.join(local, data);
  }
  return '/work/shared/corpora/sms-spam-collection-uci/SMSSpamCollection';
}

/** label/text pairs from the tab-separated original (or a JSON Lines copy), header skipped, exact duplicates removed. */
function loadSms(file) {
  const seen = new Set();
  const out = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    let label;
    let text;
    if (line.startsWith('{')) ({ label, text } = JSON.parse(line));
    else [label, text] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    if ((label !== 'ham' && label !== 'spam') || !text || seen.has(text)) continue;
    seen.add(text);
    out.push({ label, text });
  }
  return out;
}

/** The held-out part of bench/calibrate-phrasing.mjs's split (seeded mulberry32 shuffle, stratified by label). */
function heldOutIds(messages, share = 0.3, seed = 20251031) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ids = new Set();
  for (const spam of [false, true]) {
    const group = messages.map((m, id) => ({ id, spam: m.label === 'spam' })).filter((m) => m.spam === spam);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    for (const m of group.slice(0, Math.round(group.length * share))) ids.add(m.id);
  }
  return ids;
}

let docCounter = 0;
/** Lints documents on their own (no cross-document facts such as duplicate wording between unrelated texts). */
async function lintAlone(doc) {
  const abs = `/calibrate/doc-${++docCounter}.json`;
  const parsed = parseSource(sourceFromText(JSON.stringify(doc), abs, '/calibrate'));
  const report = await lintParsed(linter, [parsed], { cwd: '/calibrate', now: NOW, explain: true });
  return report.results[0];
}

const SAMPLE_VALUES = ['Sam', 'A-1042', '3 December', '£24.00', '10:30', 'Leeds', 'https://example.com/a', 'NW-77', 'Friday'];

/** A UTILITY template around a body text, with example values for its parameters. */
function templateFor(text, i, language, category) {
  const params = [...new Set([...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]))];
  const named = params.length > 0 && params.every((p) => !/^\d+$/.test(p));
  const body = { type: 'BODY', text };
  if (params.length > 0) {
    body.example = named
      ? { body_text_named_params: params.map((p, k) => ({ param_name: p, example: SAMPLE_VALUES[k % SAMPLE_VALUES.length] })) }
      : { body_text: [params.map((_, k) => SAMPLE_VALUES[k % SAMPLE_VALUES.length])] };
  }
  return { name: `eval_${String(i).padStart(4, '0')}`, language, category, ...(named ? { parameter_format: 'NAMED' } : {}), components: [body] };
}

const LANGUAGE_CODES = { en: 'en_US', es: 'es', pt: 'pt_BR' };

async function smsSet() {
  const file = smsCorpusFile();
  const all = loadSms(file);
  const heldOut = heldOutIds(all);
  const step = Number.isFinite(smsLimit) ? Math.ceil(all.length / smsLimit) : 1;
  const scored = [];
  for (let i = 0; i < all.length; i += step) {
    const r = all[i];
    const result = await lintAlone({ name: `sms_${i}`, language: 'en_GB', category: 'MARKETING', components: [{ type: 'BODY', text: r.text }] });
    scored.push({ positive: r.label === 'spam', result, heldOut: heldOut.has(i) });
  }
  const source = path.relative(root, file) || file;
  const base = { source, positiveName: 'spam', negativeName: 'ham' };
  return [
    { ...base, name: 'SMS Spam Collection: spam vs ham (as MARKETING bodies), all distinct texts', scored },
    { ...base, name: 'SMS Spam Collection, the 30% held out from the phrasing weight fit', scored: scored.filter((s) => s.heldOut) },
  ];
}

async function categorySets() {
  const entries = parseYaml(readFileSync(path.join(root, 'bench/data/category-eval.yaml'), 'utf8'));
  const scored = [];
  for (const [i, e] of entries.entries()) {
    const result = await lintAlone(templateFor(e.text, i, LANGUAGE_CODES[e.language] ?? 'en_US', 'UTILITY'));
    scored.push({ label: e.label, result });
  }
  const utility = scored.filter((s) => s.label === 'UTILITY');
  const make = (label, name) => ({
    name,
    source: 'bench/data/category-eval.yaml',
    positiveName: label.toLowerCase(),
    negativeName: 'utility',
    scored: [...scored.filter((s) => s.label === label).map((s) => ({ positive: true, result: s.result })), ...utility.map((s) => ({ positive: false, result: s.result }))],
  });
  return [make('MARKETING', 'Category eval: promotional text declared UTILITY vs genuine utility'), make('AUTHENTICATION', 'Category eval: one-time-code text declared UTILITY vs genuine utility')];
}

function deepMerge(base, over) {
  if (over === null) return undefined;
  if (typeof over !== 'object' || Array.isArray(over) || typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const merged = deepMerge(base[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function audienceCsv(spec, optIn) {
  const rows = [];
  const method = spec.method ?? optIn?.method ?? 'checkout';
  const wording = spec.wording ?? optIn?.wording ?? '';
  const n = Math.min(spec.rows, 100000);
  for (let i = 0; i < n; i++) {
    // Valid in form (libphonenumber), synthetic, never dialled; an invalid one is cut short.
    const phone = i < (spec.invalid ?? 0) ? `+4474001${i % 10}` : `+447400${String(100000 + i)}`;
    const month = String(1 + (i % 10)).padStart(2, '0');
    let optedInAt = `2026-${month}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`;
    let text = wording;
    if (i >= n - (spec.noConsent ?? 0)) [optedInAt, text] = ['', ''];
    else if (i >= n - (spec.noConsent ?? 0) - (spec.stale ?? 0)) optedInAt = `2019-${month}-02T10:00:00Z`;
    const optedOut = i < (spec.invalid ?? 0) + (spec.optedOut ?? 0) && i >= (spec.invalid ?? 0) ? '2026-10-01T12:00:00Z' : '';
    rows.push([phone, optedInAt, method, text.includes(',') ? `"${text}"` : text, optedOut].join(','));
  }
  for (let d = 0; d < (spec.duplicates ?? 0); d++) rows.push(rows[(d * 7) % rows.length]);
  return ['phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at', ...rows].join('\n') + '\n';
}

async function campaignSet() {
  const spec = parseYaml(readFileSync(path.join(root, 'bench/calibrate-score.campaigns.yaml'), 'utf8'));
  const scored = [];
  const skipped = [];
  const tmp = mkdtempSync(path.join(tmpdir(), 'msglint-calibrate-'));
  try {
    for (const [i, c] of spec.cases.entries()) {
      const dir = path.join(tmp, `case-${String(i + 1).padStart(2, '0')}`);
      mkdirSync(dir, { recursive: true });
      const account = deepMerge(spec.defaults.account, c.account ?? {});
      const campaign = deepMerge({ ...spec.defaults.campaign, name: `case-${i + 1}` }, c.campaign ?? {});
      campaign.account = 'account.yaml';
      campaign.templates = c.templates.map((t) => ({ name: spec.templates[t].name, language: spec.templates[t].language }));
      const audience = c.audience ?? spec.defaults.audience;
      if (audience.size !== undefined) campaign.audience = { size: audience.size };
      else {
        campaign.audience = { file: 'audience.csv' };
        writeFileSync(path.join(dir, 'audience.csv'), audienceCsv(audience, campaign.optIn));
      }
      writeFileSync(path.join(dir, 'account.yaml'), toYaml(account));
      writeFileSync(path.join(dir, 'templates.yaml'), c.templates.map((t) => toYaml(spec.templates[t])).join('---\n'));
      writeFileSync(path.join(dir, 'campaign.yaml'), toYaml(campaign));
      const report = await runLint(linter, { cwd: dir, paths: ['.'], now: NOW, explain: true });
      const result = report.results.find((r) => r.kind === 'campaign');
      scored.push({ positive: c.label === 'risky', result, why: c.why });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const fixtures = await runLint(linter, { cwd: root, paths: ['fixtures'], now: NOW, explain: true });
  const listed = spec.fixtureLabels ?? {};
  for (const r of fixtures.results.filter((x) => x.kind === 'campaign')) {
    const first = readFileSync(path.join(root, r.file), 'utf8').split('\n').find((l) => l.startsWith('#')) ?? '';
    const label = /^#\s*A (clean|risky) campaign/i.exec(first)?.[1]?.toLowerCase() ?? listed[r.file]?.label;
    if (label) scored.push({ positive: label === 'risky', result: r, why: listed[r.file] ? `${r.file}: ${listed[r.file].why}` : r.file });
    else skipped.push(r.file);
  }
  const missing = Object.keys(listed).filter((f) => !fixtures.results.some((r) => r.file === f && r.kind === 'campaign'));
  if (missing.length > 0) skipped.push(...missing.map((f) => `${f} (labelled, not found)`));
  return { name: 'Campaigns: risky vs clean', source: 'bench/calibrate-score.campaigns.yaml + fixtures/campaigns', positiveName: 'risky', negativeName: 'clean', scored, skipped };
}

// ---------- report ----------

function evaluate(set) {
  const pos = set.scored.filter((s) => s.positive).map((s) => s.result.risk.score);
  const neg = set.scored.filter((s) => !s.positive).map((s) => s.result.risk.score);
  const variants = Object.fromEntries(
    Object.entries(VARIANTS).map(([name, fn]) => {
      const p = set.scored.filter((s) => s.positive).map((s) => fn(counted(s.result)));
      const n = set.scored.filter((s) => !s.positive).map((s) => fn(counted(s.result)));
      return [name, rocAuc(p, n)];
    }),
  );
  // The explanation must reproduce the reported score exactly (the formula's own points).
  const mismatches = set.scored.filter((s) => scoreFindings(counted(s.result)).score !== s.result.risk.score).length;
  return { name: set.name, source: set.source, positives: pos.length, negatives: neg.length, auc: rocAuc(pos, neg), shares: { [set.positiveName]: levelShares(pos), [set.negativeName]: levelShares(neg) }, meanScore: { [set.positiveName]: mean(pos), [set.negativeName]: mean(neg) }, variants, mismatches };
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(6);

function ruleStats(set) {
  const stats = new Map();
  for (const s of set.scored) {
    for (const id of new Set(s.result.findings.map((f) => f.ruleId))) {
      const st = stats.get(id) ?? { id, pos: 0, neg: 0 };
      if (s.positive) st.pos++;
      else st.neg++;
      stats.set(id, st);
    }
  }
  const nPos = set.scored.filter((s) => s.positive).length;
  const nNeg = set.scored.length - nPos;
  return [...stats.values()].map((s) => ({ ...s, weight: ruleWeight(s.id), precision: s.pos / (s.pos + s.neg), recall: s.pos / nPos, falseAlarm: s.neg / nNeg })).sort((a, b) => b.pos + b.neg - (a.pos + a.neg) || a.id.localeCompare(b.id));
}

const started = Date.now();
const sets = [...(await smsSet()), ...(await categorySets()), await campaignSet()];
const evaluations = sets.map(evaluate);
const smsRules = ruleStats(sets[0]);

if (asJson) {
  console.log(JSON.stringify({ evaluations, smsRules, repeatFactor: REPEAT_FACTOR, rules: linter.compiled.rulesById.size }, null, 2));
} else {
  console.log(`msglint risk-score calibration: ${linter.compiled.rulesById.size} rules in ${linter.compiled.packs.length} packs, now=${NOW.toISOString().slice(0, 10)}\n`);
  for (const ev of evaluations) {
    console.log(`${ev.name}\n  data: ${ev.source}; ${ev.positives} positive, ${ev.negatives} negative`);
    console.log(`  ROC AUC ${ev.auc.toFixed(3)}`);
    console.log(`  share at each level      ${LEVEL_NAMES.map((l) => l.padStart(9)).join('')}   mean score`);
    for (const [cls, shares] of Object.entries(ev.shares)) console.log(`    ${cls.padEnd(22)}${LEVEL_NAMES.map((l) => pct(shares[l]).padStart(9)).join('')}   ${ev.meanScore[cls].toFixed(1).padStart(6)}`);
    console.log('  the same findings under other formulas (ROC AUC):');
    for (const [name, auc] of Object.entries(ev.variants)) console.log(`    ${name.padEnd(36)} ${auc.toFixed(3)}`);
    if (ev.mismatches > 0) console.log(`  !! ${ev.mismatches} documents whose explanation does not add up to the score`);
    console.log('');
  }
  const camp = sets[sets.length - 1];
  console.log('Campaign cases (score, label, why):');
  for (const s of [...camp.scored].sort((a, b) => b.result.risk.score - a.result.risk.score)) console.log(`  ${String(s.result.risk.score).padStart(3)} ${s.result.risk.level.padEnd(8)} ${(s.positive ? 'risky' : 'clean').padEnd(5)}  ${s.why}`);
  if (camp.skipped.length > 0) console.log(`  (skipped: ${camp.skipped.join(', ')})`);
  console.log('\nRules that fire on the SMS corpus (documents hit; precision = share of hits that are spam):');
  console.log(`  ${'rule'.padEnd(40)} weight   spam    ham  precision  recall  false-alarm`);
  for (const r of smsRules.slice(0, 25)) console.log(`  ${r.id.padEnd(40)} ${String(r.weight).padStart(6)} ${String(r.pos).padStart(6)} ${String(r.neg).padStart(6)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall)}  ${pct(r.falseAlarm).padStart(11)}`);
  console.error(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
