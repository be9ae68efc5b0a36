// The data of the token spam model, shared by its training step (scripts/train-spam-bayes.mjs) and the phrasing
// calibration (bench/calibrate-phrasing.mjs), so both use the same seeded split and the same ham:
//   - the SMS Spam Collection (bench/data/sms-spam-collection/), deduped, split 70/30 by a seeded stratified
//     shuffle; only the 70% fit split is ever trained on;
//   - legitimate English business templates as a second ham set: the category training corpus
//     (rules/category/corpus/, language en), the texts of fixtures/meta-examples, and
//     rules/phrasing/bayes-ham-templates.yaml (opt-out and charge disclosures, telecom service messages, contests).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

export const SPLIT_SEED = 20251031;
export const TEST_SHARE = 0.3;
export const SMS_CORPUS = 'bench/data/sms-spam-collection/SMSSpamCollection';

/** Distinct texts of the SMS Spam Collection, in file order, each { id, text, spam }. */
export function readSmsCorpus(root) {
  const lines = readFileSync(path.join(root, SMS_CORPUS), 'utf8').split(/\r?\n/);
  const seen = new Map();
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const label = line.slice(0, tab);
    const text = line.slice(tab + 1);
    if (label !== 'ham' && label !== 'spam') continue;
    if (!seen.has(text)) seen.set(text, label === 'spam');
  }
  return [...seen].map(([text, spam], id) => ({ id, text, spam }));
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(list, random) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The fit and test sets, stratified by label, each sorted by id. */
export function stratifiedSplit(messages, share = TEST_SHARE, seed = SPLIT_SEED) {
  const random = mulberry32(seed);
  const fit = [];
  const test = [];
  for (const spam of [false, true]) {
    const group = shuffle(
      messages.filter((m) => m.spam === spam),
      random,
    );
    const cut = Math.round(group.length * share);
    test.push(...group.slice(0, cut));
    fit.push(...group.slice(cut));
  }
  return { fit: fit.sort((a, b) => a.id - b.id), test: test.sort((a, b) => a.id - b.id) };
}

/** Every string value under a "text" key of a JSON value (template bodies, headers, footers, offers). */
function textsOf(value, out) {
  if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else textsOf(v, out);
    }
  }
  return out;
}

/** Legitimate English business template texts: the category corpus (language en), bayes-ham-templates.yaml and fixtures/meta-examples. */
export function businessTemplateTexts(root) {
  const texts = [];
  const corpusDir = path.join(root, 'rules/category/corpus');
  const files = readdirSync(corpusDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const f of files) {
    const data = parse(readFileSync(path.join(corpusDir, f), 'utf8'));
    if (Array.isArray(data)) for (const e of data) if (e && e.language === 'en' && typeof e.text === 'string') texts.push(e.text);
  }
  const extra = parse(readFileSync(path.join(root, 'rules/phrasing/bayes-ham-templates.yaml'), 'utf8'));
  if (Array.isArray(extra)) for (const t of extra) if (typeof t === 'string') texts.push(t);
  const metaDir = path.join(root, 'fixtures/meta-examples');
  for (const f of readdirSync(metaDir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const data = JSON.parse(readFileSync(path.join(metaDir, f), 'utf8'));
    const templates = Array.isArray(data) ? data : Object.values(data);
    for (const t of templates) if (t && typeof t.language === 'string' && t.language.startsWith('en')) textsOf(t.components, texts);
  }
  return [...new Set(texts)];
}

/** Training examples: SMS messages (spam, or ham set "sms") and business templates (ham set "templates"). */
export function trainingExamples(smsMessages, templateTexts) {
  return [...smsMessages.map((m) => ({ text: m.text, label: m.spam ? 'spam' : 'sms' })), ...templateTexts.map((text) => ({ text, label: 'templates' }))];
}

export const HAM_SETS = ['sms', 'templates'];
