#!/usr/bin/env node
// Accuracy of the category pack on the held-out evaluation set (bench/data/category-eval.yaml), which the
// classifier never trains on. Run after `npm run build` (it uses dist/ and the built model):
//
//   node bench/category-eval.mjs            table per language and overall
//   node bench/category-eval.mjs --json     the same as JSON
//   node bench/category-eval.mjs --errors   also list the misclassified entries
//   node bench/category-eval.mjs --calibrate-language   how the language-mismatch threshold was chosen (training corpus)
//
// Every eval text is linted as the body of a template declared UTILITY, with the category pack only.
// "Flagged as misuse" = the pack reports utility-reads-as-marketing, otp-outside-authentication or
// unclear-content. A MARKETING or AUTHENTICATION label should be flagged (recall target ≥ 90%); a UTILITY
// label should not be (false-positive rate ≤ 10%). Also reported: plain accuracy of predictedCategory, and
// the language-mismatch rule on the same texts (declared correctly; then declared as another language).
// Deterministic: no randomness; the same build and data give the same numbers.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { parse, stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalFile = path.join(root, 'bench', 'data', 'category-eval.yaml');
const dist = (p) => new URL(`file://${path.join(root, 'dist', p)}`).href;
if (!existsSync(path.join(root, 'dist', 'lint.js'))) {
  console.error('category-eval: run "npm run build" first');
  process.exit(2);
}
const { createLinter, lintParsed } = await import(dist('lint.js'));
const { parseSource } = await import(dist('documents/parse.js'));
const { sourceFromText } = await import(dist('documents/source.js'));
const { builtinFacts } = await import(dist('facts/index.js'));
const { buildWorkspace } = await import(dist('workspace.js'));

const args = new Set(process.argv.slice(2));

if (args.has('--calibrate-language')) {
  // How the language-mismatch threshold was chosen: on the TRAINING corpus (not the eval set), every text declared in
  // its own language (false alarms) and in each of the two other languages (caught).
  const { detectLanguage, detectableText, loadLanguageDetector, isLanguageMismatch } = await import(dist('facts/category/language.js'));
  await loadLanguageDetector();
  const corpusDir = path.join(root, 'rules', 'category', 'corpus');
  const { readdirSync } = await import('node:fs');
  const training = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort().flatMap((f) => parse(readFileSync(path.join(corpusDir, f), 'utf8')));
  const langs = [...new Set(training.map((e) => e.language))].sort();
  console.log(`language-mismatch threshold on the training corpus (${training.length} texts): false alarms when declared right; share caught when declared wrong`);
  for (const threshold of [0.75, 0.8, 0.85, 0.9, 0.95, 1]) {
    let alarms = 0;
    let judged = 0;
    const caught = {};
    const total = {};
    for (const e of training) {
      const text = detectableText([e.text]);
      const right = detectLanguage(text, e.language);
      if (right.method === 'too-short') continue;
      judged++;
      if (isLanguageMismatch(right, e.language, threshold)) alarms++;
      for (const other of langs.filter((l) => l !== e.language)) {
        const key = `${e.language}→${other}`;
        total[key] = (total[key] ?? 0) + 1;
        if (isLanguageMismatch(detectLanguage(text, other), other, threshold)) caught[key] = (caught[key] ?? 0) + 1;
      }
    }
    console.log(`  ${threshold.toFixed(2)}  false alarms ${alarms}/${judged}  ${Object.keys(total).map((k) => `${k} ${Math.round(((caught[k] ?? 0) / total[k]) * 100)}%`).join('  ')}`);
  }
  process.exit(0);
}
const entries = parse(readFileSync(evalFile, 'utf8'));
const MISUSE_RULES = new Set(['category/utility-reads-as-marketing', 'category/otp-outside-authentication', 'category/unclear-content']);
const META_LANGUAGE = { en: 'en_US', es: 'es_ES', pt: 'pt_BR' };
const now = new Date('2026-11-26T12:00:00Z');

/** Lints the eval texts as templates (one YAML file in memory), with the category pack only. */
async function lintAs(declare) {
  const templates = entries.map((e, i) => ({
    name: `eval_${String(i).padStart(4, '0')}`,
    language: declare(e),
    category: 'UTILITY',
    components: [{ type: 'BODY', text: e.text }],
  }));
  const file = parseSource(sourceFromText(stringify(templates), path.join(root, 'bench', 'out', 'category-eval.yaml'), root));
  const linter = createLinter(root, { packs: ['category'] });
  const started = performance.now();
  const report = await lintParsed(linter, [file], { cwd: root, now });
  const ms = performance.now() - started;
  const byName = new Map(report.results.map((r) => [r.name, r.findings]));
  return { findings: templates.map((t) => byName.get(t.name) ?? []), docs: file.documents, ms };
}

const base = await lintAs((e) => META_LANGUAGE[e.language] ?? e.language);
const registry = builtinFacts();
const ctx = { workspace: buildWorkspace(root, base.docs), now, thresholds: {} };

const rows = entries.map((e, i) => {
  const findings = base.findings[i];
  const facts = registry.factsFor(base.docs[i], ctx);
  return {
    entry: e,
    flagged: findings.some((f) => MISUSE_RULES.has(f.ruleId)),
    predicted: facts.get('predictedCategory'),
    confidence: facts.get('categoryConfidence'),
    rules: [...new Set(findings.map((f) => f.ruleId))],
    languageFinding: findings.some((f) => f.ruleId === 'category/language-mismatch'),
  };
});

// The same texts declared in the wrong language (en→es, es→pt, pt→en): how often the mismatch is caught.
const SWAP = { en: 'es_ES', es: 'pt_BR', pt: 'en_US' };
const swapped = await lintAs((e) => SWAP[e.language] ?? e.language);
const swappedFlags = swapped.findings.map((fs) => fs.some((f) => f.ruleId === 'category/language-mismatch'));

const ratio = (a, b) => (b === 0 ? null : a / b);
function metrics(subset) {
  const misuse = subset.filter((r) => r.entry.label !== 'UTILITY');
  const utility = subset.filter((r) => r.entry.label === 'UTILITY');
  const tp = misuse.filter((r) => r.flagged).length;
  const fn = misuse.length - tp;
  const fp = utility.filter((r) => r.flagged).length;
  const tn = utility.length - fp;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  const correct = subset.filter((r) => r.predicted === r.entry.label).length;
  const indices = subset.map((r) => rows.indexOf(r));
  return {
    texts: subset.length,
    tp, fn, fp, tn,
    precision, recall, f1,
    falsePositiveRate: ratio(fp, fp + tn),
    accuracy: ratio(correct, subset.length),
    languageMismatchFalsePositives: subset.filter((r) => r.languageFinding).length,
    languageMismatchCaughtWhenWrong: ratio(indices.filter((i) => swappedFlags[i]).length, subset.length),
  };
}

const languages = [...new Set(entries.map((e) => e.language))].sort();
const result = {
  evalFile: path.relative(root, evalFile),
  texts: entries.length,
  model: JSON.parse(readFileSync(path.join(root, 'rules', 'category', 'model.json'), 'utf8')).thresholds,
  perLanguage: Object.fromEntries(languages.map((l) => [l, metrics(rows.filter((r) => r.entry.language === l))])),
  overall: metrics(rows),
  perObjective: Object.fromEntries(
    [...new Set(entries.map((e) => `${e.label}:${e.objective}`))].sort().map((k) => {
      const subset = rows.filter((r) => `${r.entry.label}:${r.entry.objective}` === k);
      const right = subset.filter((r) => (r.entry.label !== 'UTILITY') === r.flagged).length;
      return [k, `${right}/${subset.length}`];
    }),
  ),
  lintMs: Math.round(base.ms),
};

if (args.has('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const pct = (v) => (v === null ? '   —  ' : `${(v * 100).toFixed(1).padStart(5)}%`);
  console.log(`category pack on ${result.evalFile}: ${entries.length} held-out texts, each declared UTILITY (thresholds: marketing ${result.model.marketing}, authentication ${result.model.authentication})`);
  console.log('');
  console.log('           texts  flagged misuse: precision  recall     F1   false-pos.   predictedCategory accuracy   language: false alarms  caught when wrong');
  for (const [name, m] of [...Object.entries(result.perLanguage), ['overall', result.overall]]) {
    console.log(
      `${name.padEnd(10)} ${String(m.texts).padStart(5)}                  ${pct(m.precision)}  ${pct(m.recall)} ${pct(m.f1)}   ${pct(m.falsePositiveRate)}                  ${pct(m.accuracy)}             ${String(m.languageMismatchFalsePositives).padStart(5)}            ${pct(m.languageMismatchCaughtWhenWrong)}`,
    );
  }
  const o = result.overall;
  console.log('');
  console.log(`confusion (misuse = MARKETING or AUTHENTICATION label): tp ${o.tp}, fn ${o.fn}, fp ${o.fp}, tn ${o.tn}`);
  console.log(`targets: recall ≥ 90% ${o.recall >= 0.9 ? 'ok' : 'MISS'}; false-positive rate ≤ 10% ${o.falsePositiveRate <= 0.1 ? 'ok' : 'MISS'}`);
  console.log(`per objective (right/total): ${Object.entries(result.perObjective).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`lint time: ${result.lintMs} ms for ${entries.length} templates`);
  if (args.has('--errors')) {
    console.log('');
    for (const r of rows) {
      if ((r.entry.label !== 'UTILITY') === r.flagged) continue;
      console.log(`${r.entry.language} ${r.entry.label} ${r.flagged ? 'flagged' : 'missed'} (reads as ${r.predicted} ${Number(r.confidence).toFixed(2)}; ${r.rules.join(', ') || 'no rule'}): ${r.entry.text}`);
    }
  }
}
