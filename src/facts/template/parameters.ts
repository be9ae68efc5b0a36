import { templateShape } from './components.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

/**
 * Parameters in template texts: `{{1}}` (positional) and `{{first_name}}` (named), and everything that
 * looks like a parameter but is broken. One linear scan per text; every fact is a list of located matches.
 * Meta's rules: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review
 */

export type ParameterKind = 'positional' | 'named' | 'invalid';

export interface ParameterToken {
  /** UTF-16 range of the whole token, braces included. */
  start: number;
  end: number;
  raw: string;
  kind: ParameterKind;
  /** The number of a positional parameter. */
  index?: number;
  /** The name of a named parameter (as written, trimmed). */
  name?: string;
  /** What is wrong inside the braces (spaces, special characters, nothing), if anything. */
  problem?: string;
}

export interface BraceProblem {
  start: number;
  end: number;
  raw: string;
  problem: string;
}

export interface ScannedText {
  parameters: ParameterToken[];
  braceProblems: BraceProblem[];
}

/** Longest text looked at between braces; anything longer is not a parameter (keeps the scan linear). */
const MAX_INNER = 64;
/** How far a stray brace's report extends into the word it is attached to. */
const MAX_WORD = 24;

const POSITIONAL = /^[0-9]+$/;
const NAME_LIKE = /^[A-Za-z0-9_]+$/;
/** Meta: named parameters are lowercase letters and underscores. */
export const VALID_NAME = /^[a-z_]+$/;

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0';
}

function describeChar(ch: string): string {
  if (ch === ' ' || ch === '\u00a0') return 'a space';
  if (ch === '\t') return 'a tab';
  return `'${ch}'`;
}

function classify(token: ParameterToken, inner: string): void {
  const trimmed = inner.trim();
  if (trimmed === '') {
    token.kind = 'invalid';
    token.problem = 'has nothing between the braces';
    return;
  }
  if (POSITIONAL.test(trimmed)) {
    token.kind = 'positional';
    token.index = Number(trimmed);
  } else if (NAME_LIKE.test(trimmed)) {
    token.kind = 'named';
    token.name = trimmed;
  } else {
    token.kind = 'invalid';
    const odd = [...new Set([...trimmed].filter((ch) => !/[A-Za-z0-9_]/.test(ch)))];
    token.problem = `contains ${odd.slice(0, 4).map(describeChar).join(', ')}`;
    return;
  }
  if (trimmed !== inner) token.problem = 'has spaces inside the braces';
}

function braceDescription(open: number, close: number): string {
  if (open === 1 && close === 1) return 'uses single braces; a parameter is written with two on each side';
  if (open === close) return `uses ${open} braces on each side; a parameter is written with exactly two`;
  return `opens with ${open} and closes with ${close} brace${close === 1 ? '' : 's'}; a parameter is written with two on each side`;
}

/** Finds every `{{…}}` parameter and every stray or mismatched brace in a text, in one pass. */
export function scanParameters(text: string): ScannedText {
  const parameters: ParameterToken[] = [];
  const braceProblems: BraceProblem[] = [];
  const n = text.length;
  let lastEnd = 0;
  let i = text.indexOf('{') === -1 && text.indexOf('}') === -1 ? n : 0;
  while (i < n) {
    const ch = text[i];
    if (ch === '{') {
      let j = i;
      while (j < n && text[j] === '{') j++;
      const open = j - i;
      let k = j;
      while (k < n && k - j <= MAX_INNER && text[k] !== '{' && text[k] !== '}' && text[k] !== '\n') k++;
      if (k < n && text[k] === '}') {
        let m = k;
        while (m < n && text[m] === '}') m++;
        const close = m - k;
        const raw = text.slice(i, m);
        if (open === 2 && close === 2) {
          const token: ParameterToken = { start: i, end: m, raw, kind: 'invalid' };
          classify(token, text.slice(j, k));
          parameters.push(token);
        } else {
          braceProblems.push({ start: i, end: m, raw, problem: braceDescription(open, close) });
        }
        i = lastEnd = m;
        continue;
      }
      // Opened but not closed before the next brace, line break or the end.
      let e = j;
      while (e < k && e - j < MAX_WORD && !isSpace(text[e])) e++;
      braceProblems.push({ start: i, end: e, raw: text.slice(i, e), problem: `opens with ${open === 1 ? 'a brace' : `${open} braces`} that ${open === 1 ? 'is' : 'are'} never closed` });
      i = lastEnd = e > j ? e : j;
      continue;
    }
    if (ch === '}') {
      let j = i;
      while (j < n && text[j] === '}') j++;
      let s = i;
      while (s > lastEnd && i - s < MAX_WORD && !isSpace(text[s - 1])) s--;
      braceProblems.push({ start: s, end: j, raw: text.slice(s, j), problem: `closes with ${j - i === 1 ? 'a brace' : `${j - i} braces`} that ${j - i === 1 ? 'was' : 'were'} never opened` });
      i = lastEnd = j;
      continue;
    }
    // Jump to the next brace.
    let next = n;
    const a = text.indexOf('{', i);
    const b = text.indexOf('}', i);
    if (a !== -1) next = a;
    if (b !== -1 && b < next) next = b;
    i = next;
  }
  return { parameters, braceProblems };
}

/** Where a text with parameters sits, and where its example values are. */
export type SiteRole = 'header' | 'body' | 'footer' | 'card-body' | 'button-url';

export interface ParameterSite {
  role: SiteRole;
  /** JSON pointer of the text. */
  path: string;
  text: string;
  /** JSON pointer of the object holding `example` (component or button). */
  ownerPath: string;
  owner: Record<string, unknown>;
  scan: ScannedText;
}

const SITE_LABEL: Record<SiteRole, string> = {
  header: 'the header',
  body: 'the body',
  footer: 'the footer',
  'card-body': 'a carousel card body',
  'button-url': 'the button URL',
};

export function siteLabel(site: Pick<ParameterSite, 'role' | 'path'>): string {
  if (site.role === 'card-body') {
    const m = /\/cards\/(\d+)\//.exec(site.path);
    return m ? `the body of carousel card ${Number(m[1]) + 1}` : SITE_LABEL[site.role];
  }
  return SITE_LABEL[site.role];
}

const sitesCache = new ObjectCache<object, ParameterSite[]>();

/** Every text of the template that may carry parameters, scanned once per document. */
export function parameterSites(doc: LintDocument): ParameterSite[] {
  const cached = sitesCache.get(doc.data);
  if (cached) return cached;
  const sites: ParameterSite[] = [];
  const add = (role: SiteRole, owner: Record<string, unknown>, ownerPath: string, key: 'text' | 'url'): void => {
    const text = owner[key];
    if (typeof text !== 'string') return;
    sites.push({ role, path: `${ownerPath}/${key}`, text, ownerPath, owner, scan: scanParameters(text) });
  };
  const addButtons = (component: Record<string, unknown>, path: string): void => {
    if (!Array.isArray(component.buttons)) return;
    component.buttons.forEach((b, bi) => {
      if (isRecord(b) && typeof b.type === 'string' && b.type.toUpperCase() === 'URL') add('button-url', b, `${path}/buttons/${bi}`, 'url');
    });
  };
  for (const c of templateShape(doc).components) {
    if (c.type === 'HEADER') add('header', c.raw, c.path, 'text');
    else if (c.type === 'BODY') add('body', c.raw, c.path, 'text');
    else if (c.type === 'FOOTER') add('footer', c.raw, c.path, 'text');
    else if (c.type === 'BUTTONS') addButtons(c.raw, c.path);
    else if (c.type === 'CAROUSEL' && Array.isArray(c.raw.cards)) {
      c.raw.cards.forEach((card, ci) => {
        if (!isRecord(card) || !Array.isArray(card.components)) return;
        card.components.forEach((cc, cci) => {
          if (!isRecord(cc) || typeof cc.type !== 'string') return;
          const ccPath = `${c.path}/cards/${ci}/components/${cci}`;
          const type = cc.type.toUpperCase();
          if (type === 'BODY') add('card-body', cc, ccPath, 'text');
          else if (type === 'BUTTONS') addButtons(cc, ccPath);
        });
      });
    }
  }
  sitesCache.set(doc.data, sites);
  return sites;
}

/** `positional` (Meta's default) or `named`. */
export function parameterFormatOf(doc: LintDocument): 'positional' | 'named' {
  const f = doc.data.parameter_format;
  return typeof f === 'string' && f.trim().toLowerCase() === 'named' ? 'named' : 'positional';
}

function match(site: ParameterSite, start: number, end: number, extra: Record<string, unknown> = {}): TextMatch {
  return { path: site.path, start, end, text: site.text.slice(start, end), role: site.role, where: siteLabel(site), ...extra };
}

function valueMatch(path: string, value: unknown, extra: Record<string, unknown>): TextMatch {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return { path, start: 0, end: typeof value === 'string' ? value.length : 0, text, ...extra };
}

function hasValue(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

const list = (ps: readonly ParameterToken[]): string => ps.map((p) => p.raw).join(', ');

/** The example values given for a site's positional parameters, with the pointer of each. */
function positionalExamples(site: ParameterSite): { field: string; values: unknown[]; pointer: (k: number) => string } {
  const example = isRecord(site.owner.example) ? site.owner.example : undefined;
  const base = `${site.ownerPath}/example`;
  if (site.role === 'button-url') {
    const ex = site.owner.example;
    if (Array.isArray(ex)) return { field: "the button's example", values: ex, pointer: (k) => `${site.ownerPath}/example/${k}` };
    return { field: "the button's example", values: ex === undefined ? [] : [ex], pointer: () => `${site.ownerPath}/example` };
  }
  if (site.role === 'header') {
    const v = example?.header_text;
    return { field: 'example.header_text', values: Array.isArray(v) ? v : v === undefined ? [] : [v], pointer: (k) => `${base}/header_text/${k}` };
  }
  const v = example?.body_text;
  if (Array.isArray(v) && Array.isArray(v[0])) return { field: 'example.body_text', values: v[0], pointer: (k) => `${base}/body_text/0/${k}` };
  // A flat list is a shape error (reported by the schema); read it leniently so the count is still checked.
  if (Array.isArray(v)) return { field: 'example.body_text', values: v, pointer: (k) => `${base}/body_text/${k}` };
  return { field: 'example.body_text', values: [], pointer: (k) => `${base}/body_text/0/${k}` };
}

function namedExampleField(site: ParameterSite): string {
  return site.role === 'header' ? 'header_text_named_params' : 'body_text_named_params';
}

export interface ParameterFacts {
  parameterFormat: string;
  parameterCharacterProblems: TextMatch[];
  braceProblems: TextMatch[];
  headerExtraParameters: TextMatch[];
  parameterNumberingGaps: TextMatch[];
  danglingParameters: TextMatch[];
  adjacentParameters: TextMatch[];
  missingParameterExamples: TextMatch[];
  extraParameterExamples: TextMatch[];
  namedParameterProblems: TextMatch[];
  duplicateNamedExamples: TextMatch[];
  parameterFormatMismatches: TextMatch[];
  urlParameterProblems: TextMatch[];
  footerParameters: TextMatch[];
  bodyParameterCount: number;
  bodyFixedWordCount: number;
  bodyWordsPerParameter: number | null;
}

/** Scripts written without spaces between words: two characters count as a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Words of fixed text (parameters removed), the measure behind format/parameter-density. */
export function fixedWordCount(text: string, tokens: readonly ParameterToken[]): number {
  const pieces: string[] = [];
  let from = 0;
  for (const t of tokens) {
    pieces.push(text.slice(from, t.start));
    from = t.end;
  }
  pieces.push(text.slice(from));
  const fixed = pieces.join(' ');
  // Most texts have no unspaced script at all: then every match is one word.
  const unspacedText = UNSPACED.test(fixed);
  let words = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(fixed)) !== null) {
    if (unspacedText && UNSPACED.test(m[0])) {
      let unspaced = 0;
      for (const ch of m[0]) if (UNSPACED.test(ch)) unspaced++;
      words += Math.ceil(unspaced / 2) + (m[0].length > unspaced ? 1 : 0);
    } else words++;
  }
  return words;
}

export function computeParameterFacts(doc: LintDocument): ParameterFacts {
  const format = parameterFormatOf(doc);
  const out: ParameterFacts = {
    parameterFormat: format,
    parameterCharacterProblems: [],
    braceProblems: [],
    headerExtraParameters: [],
    parameterNumberingGaps: [],
    danglingParameters: [],
    adjacentParameters: [],
    missingParameterExamples: [],
    extraParameterExamples: [],
    namedParameterProblems: [],
    duplicateNamedExamples: [],
    parameterFormatMismatches: [],
    urlParameterProblems: [],
    footerParameters: [],
    bodyParameterCount: 0,
    bodyFixedWordCount: 0,
    bodyWordsPerParameter: null,
  };
  let seenBody = false;
  for (const site of parameterSites(doc)) {
    const { parameters: params, braceProblems } = site.scan;
    for (const b of braceProblems) out.braceProblems.push(match(site, b.start, b.end, { detail: b.problem }));
    for (const p of params) if (p.problem) out.parameterCharacterProblems.push(match(site, p.start, p.end, { detail: p.problem }));
    if (params.length === 0 && site.role !== 'body') continue;

    if (site.role === 'footer') {
      for (const p of params) out.footerParameters.push(match(site, p.start, p.end));
      continue;
    }
    if (site.role === 'header') {
      for (const p of params.slice(1)) out.headerExtraParameters.push(match(site, p.start, p.end, { count: params.length }));
    }
    if (site.role === 'button-url') checkUrl(site, params, out);
    else checkFormatMismatch(site, params, format, out);
    if (site.role !== 'button-url') checkAdjacent(site, params, out);
    if (site.role === 'body' && !seenBody) {
      seenBody = true;
      checkDangling(site, params, out);
      out.bodyParameterCount = params.length;
      out.bodyFixedWordCount = fixedWordCount(site.text, params);
      out.bodyWordsPerParameter = params.length > 0 ? out.bodyFixedWordCount / params.length : null;
    }
    // URL parameters are always positional ({{1}}), also in named templates.
    if (format === 'named' && site.role !== 'button-url') checkNamedExamples(site, params, out);
    else {
      checkNumbering(site, params, out);
      checkPositionalExamples(site, params, out);
    }
  }
  return out;
}

function checkUrl(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  const end = site.text.trimEnd().length;
  params.forEach((p, i) => {
    if (i > 0) out.urlParameterProblems.push(match(site, p.start, p.end, { detail: `is parameter ${i + 1} of ${params.length}; a URL takes one` }));
    else if (p.end !== end) out.urlParameterProblems.push(match(site, p.start, p.end, { detail: 'is not at the end of the URL' }));
  });
}

function checkFormatMismatch(site: ParameterSite, params: readonly ParameterToken[], format: 'positional' | 'named', out: ParameterFacts): void {
  for (const p of params) {
    if (p.kind === 'named' && format === 'positional') {
      out.parameterFormatMismatches.push(match(site, p.start, p.end, { detail: 'is a named parameter, but the template is positional (parameter_format is positional, the default)' }));
    } else if (p.kind === 'positional' && format === 'named') {
      out.parameterFormatMismatches.push(match(site, p.start, p.end, { detail: 'is a positional parameter, but the template declares parameter_format: named' }));
    } else if (p.kind === 'named' && format === 'named' && !VALID_NAME.test(p.name!)) {
      out.namedParameterProblems.push(match(site, p.start, p.end, { name: p.name, suggestion: suggestName(p.name!) }));
    }
  }
}

/** A name Meta accepts for a named parameter: lowercase letters and underscores. */
export function suggestName(name: string): string {
  const s = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return s === '' ? 'value' : s;
}

function checkAdjacent(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  for (let i = 1; i < params.length; i++) {
    const a = params[i - 1];
    const b = params[i];
    if (site.text.slice(a.end, b.start).trim() === '') out.adjacentParameters.push(match(site, a.start, b.end, { first: a.raw, second: b.raw }));
  }
}

function checkDangling(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  if (params.length === 0) return;
  const first = params[0];
  const last = params[params.length - 1];
  const starts = first.start === site.text.length - site.text.trimStart().length;
  const ends = last.end === site.text.trimEnd().length;
  if (starts && ends && first === last) {
    out.danglingParameters.push(match(site, first.start, first.end, { position: 'is nothing but' }));
    return;
  }
  if (starts) out.danglingParameters.push(match(site, first.start, first.end, { position: 'starts with' }));
  if (ends) out.danglingParameters.push(match(site, last.start, last.end, { position: 'ends with' }));
}

function checkNumbering(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  const positional = params.filter((p) => p.kind === 'positional');
  if (positional.length === 0) return;
  const numbers = new Set(positional.map((p) => p.index!));
  const zero = positional.find((p) => p.index === 0);
  const found = [...numbers].sort((a, b) => a - b);
  const shown = found.map((k) => `{{${k}}}`).join(', ');
  if (zero) {
    out.parameterNumberingGaps.push(match(site, zero.start, zero.end, { found: shown, detail: 'numbering starts at {{1}}, not {{0}}' }));
    return;
  }
  const max = found[found.length - 1];
  if (numbers.size === max) return;
  const missing: number[] = [];
  // Stop after a few: a typo like {{100}} should not make a list of 99.
  for (let k = 1; k <= max && missing.length < 6; k++) if (!numbers.has(k)) missing.push(k);
  const after = positional.find((p) => p.index! > missing[0]) ?? positional[0];
  const names = missing.slice(0, 5).map((k) => `{{${k}}}`);
  const gap = max - numbers.size > 5 ? `${names.join(', ')} and ${max - numbers.size - 5} more are` : `${names.join(', ')} ${missing.length === 1 ? 'is' : 'are'}`;
  out.parameterNumberingGaps.push(match(site, after.start, after.end, { found: shown, detail: `${gap} missing` }));
}

function checkPositionalExamples(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  const positional = params.filter((p) => p.kind === 'positional');
  const { field, values, pointer } = positionalExamples(site);
  const expected = positional.reduce((m, p) => Math.max(m, p.index!), 0);
  const lacking = positional.filter((p) => p.index! >= 1 && !hasValue(values[p.index! - 1]));
  if (lacking.length > 0) {
    const uniq = [...new Map(lacking.map((p) => [p.index, p])).values()];
    const p = lacking[0];
    out.missingParameterExamples.push(match(site, p.start, p.end, { missing: list(uniq), field, count: values.length, expected }));
  }
  // Only where parameters are declared by number: a text without any gets no example list.
  if (values.length > expected && (expected > 0 || site.role !== 'button-url')) {
    for (let k = expected; k < values.length; k++) {
      out.extraParameterExamples.push(valueMatch(pointer(k), values[k], { where: siteLabel(site), field, count: values.length, expected }));
    }
  }
}

function checkNamedExamples(site: ParameterSite, params: readonly ParameterToken[], out: ParameterFacts): void {
  const field = namedExampleField(site);
  const example = isRecord(site.owner.example) ? site.owner.example : undefined;
  const entries = Array.isArray(example?.[field]) ? (example[field] as unknown[]) : [];
  const byName = new Map<string, unknown>();
  entries.forEach((e, k) => {
    if (!isRecord(e) || typeof e.param_name !== 'string') return;
    const pointer = `${site.ownerPath}/example/${field}/${k}/param_name`;
    if (byName.has(e.param_name)) {
      out.duplicateNamedExamples.push(valueMatch(pointer, e.param_name, { where: siteLabel(site), field }));
      return;
    }
    byName.set(e.param_name, e.example);
  });
  const named = params.filter((p) => p.kind === 'named');
  const used = new Set(named.map((p) => p.name!));
  const lacking = named.filter((p) => !hasValue(byName.get(p.name!)));
  if (lacking.length > 0) {
    const uniq = [...new Map(lacking.map((p) => [p.name, p])).values()];
    out.missingParameterExamples.push(match(site, lacking[0].start, lacking[0].end, { missing: list(uniq), field: `example.${field}`, count: byName.size, expected: used.size }));
  }
  entries.forEach((e, k) => {
    if (!isRecord(e) || typeof e.param_name !== 'string' || used.has(e.param_name)) return;
    out.extraParameterExamples.push(
      valueMatch(`${site.ownerPath}/example/${field}/${k}/param_name`, e.param_name, { where: siteLabel(site), field: `example.${field}`, count: entries.length, expected: used.size }),
    );
  });
}

export const templateParameters: FactProvider = {
  id: 'template-parameters',
  kinds: ['template'],
  facts: {
    parameterFormat: 'positional (the default) or named, from parameter_format',
    parameterCharacterProblems: 'parameters with spaces, special characters (#, $, %, …) or nothing between the braces',
    braceProblems: 'mismatched, single, tripled or unclosed braces ({{1}, {1}}, {{{1}}}, a lone {{)',
    headerExtraParameters: 'parameters of a text header after the first (a header takes one)',
    parameterNumberingGaps: 'positional parameters not numbered 1, 2, 3 … without gaps (one per text; detail names the gap)',
    danglingParameters: 'a parameter at the very start or end of the body (only whitespace before or after it)',
    adjacentParameters: 'two parameters with nothing but whitespace between them',
    missingParameterExamples: 'the first parameter of each text without an example value (missing lists them all)',
    extraParameterExamples: 'example values for parameters the text does not have',
    namedParameterProblems: 'named parameters that are not lowercase letters and underscores',
    duplicateNamedExamples: 'a param_name listed twice in the named-parameter examples',
    parameterFormatMismatches: 'named parameters in a positional template, or positional ones in a named template',
    urlParameterProblems: 'URL parameters that are not at the end of the URL, or more than one',
    footerParameters: 'parameters in the footer',
    bodyParameterCount: 'number of parameters in the body',
    bodyFixedWordCount: 'words of fixed text in the body (parameters removed)',
    bodyWordsPerParameter: 'words of fixed text per body parameter (null without parameters)',
  },
  compute(doc) {
    return { ...computeParameterFacts(doc) };
  },
};
