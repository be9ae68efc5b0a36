import { EMPTY_WORDS, isWordBoundaryMatch, KIND_LABELS, lowerCaseSameLength, phraseGroupsFor, type CategoryName, type EvidenceKind, type PhraseGroup } from './lexicon.js';
import type { TextMatch } from '../../types.js';
import type { TemplateText } from '../template/components.js';

/** A located phrase that says what category a template reads as. */
export interface EvidenceMatch extends TextMatch {
  kind: EvidenceKind;
  /** Every kind of phrase merged into this span ("20% off your next order": discount and next-purchase). */
  kinds: EvidenceKind[];
  category: CategoryName;
  /** What the phrase is, in words (`coupon code`, `renewal nudge`). */
  label: string;
}

export type UnclearReason = '' | 'only-parameters' | 'only-greeting' | 'vague-teaser';

export interface CategoryEvidence {
  marketing: EvidenceMatch[];
  utility: EvidenceMatch[];
  otp: EvidenceMatch[];
  /** Content too unclear to be utility: Meta treats it as MARKETING. */
  unclear: UnclearReason;
  unclearMatches: TextMatch[];
}

/** A piece of text to scan, with its role and where it sits. */
export type ScannedText = Pick<TemplateText, 'role' | 'path' | 'text'>;

/** Texts longer than a body, header, footer and buttons together are cut: evidence is in the first few thousand characters. */
const MAX_SCANNED_CHARS = 8_192;

const PARAM_RE = /\{\{[^{}]{0,60}\}\}/gu;
const WORD_RE = /[\p{L}\p{M}]+/gu;

/** Joins texts for one scan per phrase group; a match that spans a separator is discarded. */
const SEPARATOR = '\u0000';

/**
 * Scans every text with the phrase groups of the template's language and keeps the matches, without overlaps within a
 * category. `otp` is the template's one-time-code evidence when it is already known (`collectOtpEvidence`): its groups
 * are then not scanned again.
 */
export function collectEvidence(texts: readonly ScannedText[], language: string, otp?: EvidenceMatch[]): CategoryEvidence {
  const all = scan(texts, otp ? (g) => g.category !== 'AUTHENTICATION' : () => true, language);
  const source = new Map(texts.map((t) => [t.path, t.text]));
  const otpMatches = otp ?? merged(all.filter((e) => e.category === 'AUTHENTICATION'), source);
  const utility = merged(all.filter((e) => e.category === 'UTILITY'), source);
  let marketing = all.filter((e) => e.category === 'MARKETING');
  // "Use code 123456 to sign in" is a one-time code, not a coupon.
  marketing = marketing.filter((e) => e.kind !== 'coupon' || !otpMatches.some((o) => overlaps(o, e)));
  // A survey about this user's order, stay or conversation is utility; only a generic survey is marketing.
  if (utility.some((e) => e.kind === 'interaction')) marketing = marketing.filter((e) => e.kind !== 'survey');
  marketing = merged(marketing, source);
  const { reason, matches } = unclearContent(texts, marketing, utility, otpMatches);
  return { marketing, utility, otp: otpMatches, unclear: reason, unclearMatches: matches };
}

/**
 * The one-time-code evidence alone (what `collectEvidence` returns as `otp`), from the two or three OTP groups instead of
 * all of them: the one-time-code rule needs only this for most templates.
 */
export function collectOtpEvidence(texts: readonly ScannedText[], language: string): EvidenceMatch[] {
  return merged(scan(texts, (g) => g.category === 'AUTHENTICATION', language), new Map(texts.map((t) => [t.path, t.text])));
}

/** The located matches of the phrase groups that `wanted` selects, group by group in lexicon order. */
function scan(texts: readonly ScannedText[], wanted: (g: PhraseGroup) => boolean, language: string): EvidenceMatch[] {
  // One string for all texts (header, body, footer, buttons): each regex runs once per template, not once per text.
  const starts: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const t of texts) {
    const text = t.text.length > MAX_SCANNED_CHARS ? t.text.slice(0, MAX_SCANNED_CHARS) : t.text;
    starts.push(offset);
    parts.push(text);
    offset += text.length + SEPARATOR.length;
  }
  const joined = parts.join(SEPARATOR);
  const lower = lowerCaseSameLength(joined);
  const all: EvidenceMatch[] = [];
  for (const g of phraseGroupsFor(language)) {
    if (!wanted(g)) continue;
    const re = g.regexFor(lower);
    if (!re) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lower)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (m[0].includes(SEPARATOR) || !isWordBoundaryMatch(joined, m.index, m.index + m[0].length)) {
        re.lastIndex = m.index + 1;
        continue;
      }
      const i = textIndexAt(starts, m.index);
      const t = texts[i];
      const start = m.index - starts[i];
      all.push({ path: t.path, start, end: start + m[0].length, text: joined.slice(m.index, m.index + m[0].length), role: t.role, kind: g.kind, kinds: [g.kind], category: g.category, label: KIND_LABELS[g.kind] });
    }
  }
  return all;
}

/** Which text an offset of the joined string falls in (texts are few: a linear scan from the end). */
function textIndexAt(starts: readonly number[], offset: number): number {
  let i = starts.length - 1;
  while (i > 0 && starts[i] > offset) i--;
  return i;
}

function overlaps(a: TextMatch, b: TextMatch): boolean {
  return a.path === b.path && a.start < b.end && b.start < a.end;
}

/** In reading order; overlapping matches become one span that keeps every kind ("20% off" + "off your next order"). */
function merged(matches: EvidenceMatch[], source: ReadonlyMap<string, string>): EvidenceMatch[] {
  if (matches.length < 2) return matches;
  const sorted = matches.sort(comparePosition);
  const out: EvidenceMatch[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && last.path === m.path && m.start < last.end) {
      if (m.end > last.end) {
        last.end = m.end;
        last.text = (source.get(m.path) ?? '').slice(last.start, last.end);
      }
      for (const k of m.kinds) if (!last.kinds.includes(k)) last.kinds.push(k);
      last.label = last.kinds.map((k) => KIND_LABELS[k]).join(' + ');
      continue;
    }
    out.push(m);
  }
  return out;
}

export function comparePosition(a: TextMatch, b: TextMatch): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start || a.end - b.end;
}

/**
 * Meta: "a template whose content is unclear (e.g. the body is only {{1}} or only 'Congratulations!') is marketing".
 * The body is unclear when nothing but parameters, emoji and punctuation is left, when every word is a greeting or
 * courtesy, or when it only teases ("we have an update for you") without anything specific to the user.
 */
function unclearContent(texts: readonly ScannedText[], marketing: EvidenceMatch[], utility: EvidenceMatch[], otp: EvidenceMatch[]): { reason: UnclearReason; matches: TextMatch[] } {
  const body = texts.find((t) => t.role === 'body');
  if (!body || body.text.trim() === '') return { reason: '', matches: [] };
  const whole: TextMatch = { path: body.path, start: 0, end: body.text.length, text: body.text, role: 'body' };
  const words = wordsOf(body.text.replace(PARAM_RE, ' '), otp.length === 0);
  if (words === 'none') return { reason: 'only-parameters', matches: [trimmed(whole)] };
  if (words === 'empty') return { reason: 'only-greeting', matches: [trimmed(whole)] };
  const vague = marketing.filter((e) => e.kind === 'vague');
  if (vague.length > 0 && utility.length === 0 && otp.length === 0) return { reason: 'vague-teaser', matches: vague };
  return { reason: '', matches: [] };
}

/**
 * Whether a text has no words, only greetings and courtesies (looked at only when `checkEmpty`), or some other word.
 * Stops at the first word that decides, instead of listing every word of a long body.
 */
function wordsOf(text: string, checkEmpty: boolean): 'none' | 'empty' | 'content' {
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = WORD_RE.exec(text)) !== null) {
    if (!checkEmpty || !EMPTY_WORDS.has(m[0].toLowerCase().normalize('NFC'))) return 'content';
    any = true;
  }
  return any ? 'empty' : 'none';
}

/** The whole body without its leading and trailing whitespace (so a block scalar's finding starts at its first character). */
function trimmed(m: TextMatch): TextMatch {
  const lead = m.text.length - m.text.trimStart().length;
  const text = m.text.trim();
  return { ...m, start: m.start + lead, end: m.start + lead + text.length, text };
}
