/**
 * A phrase that starts with a value or a number ("{V} off", "{N} ?% menos") is tried at every position of a text: V8
 * cannot skip ahead to a literal, and a value such as `[a-z0-9]{0,20}\d…` backtracks over every word. "{V} off" alone
 * cost more than the other 30 English discount phrases together. Such a phrase cannot match a text that lacks one of
 * its mandatory words, so the group's regex is compiled without it for those texts. Removing an alternative that
 * cannot match anywhere changes no match: the scan finds exactly what the full regex finds, only faster.
 * Phrases led by a code ({C}) are cheaper (about 1 µs a text) and sit in the largest groups (one-time codes), whose
 * extra compiled variants would cost a run more than they save, so they are not guarded.
 */

const LITERAL_CHAR = /[a-z0-9%\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f]/;
const QUANTIFIER = /^(?:[?*+]|\{\d)/;

/**
 * The longest word every match of a phrase led by a value or a number contains, or undefined (the phrase is not led
 * by one, or has no such word). Only words outside groups, classes, escapes and macros count, and a quantified last letter is dropped.
 */
export function requiredLiteral(phrase: string): string | undefined {
  if (!/^\{(?:V|N|D)\}/.test(phrase)) return undefined;
  let best = '';
  let depth = 0;
  let inClass = false;
  let run = '';
  const endRun = (next: string) => {
    const word = QUANTIFIER.test(next) ? run.slice(0, -1) : run;
    if (depth === 0 && word.length > best.length) best = word;
    run = '';
  };
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase[i];
    if (!inClass && depth === 0 && LITERAL_CHAR.test(c)) {
      run += c;
      continue;
    }
    endRun(phrase.slice(i, i + 2));
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '{') i = phrase.indexOf('}', i); // a macro or a bounded quantifier
    else if (c === '|' && depth === 0) return undefined; // an alternation at the top: no word is mandatory
  }
  endRun('');
  return best.length >= 2 || best === '%' ? best : undefined;
}

/** The regexes of one phrase group: all phrases, or without the macro-led ones a given text cannot match. */
export class GuardedPhrases {
  private readonly guards: { index: number; literal: string }[] = [];
  private readonly variants = new Map<number, RegExp | undefined>();

  constructor(
    private readonly phrases: readonly string[],
    private readonly build: (phrases: readonly string[]) => RegExp,
    readonly full: RegExp,
  ) {
    phrases.forEach((phrase, index) => {
      const literal = requiredLiteral(phrase);
      if (literal !== undefined && this.guards.length < 8) this.guards.push({ index, literal });
    });
    this.variants.set(0, full);
  }

  /** The regex to scan this lower-cased text with; undefined when no phrase of the group can match it. */
  regexFor(lower: string): RegExp | undefined {
    let mask = 0;
    for (let g = 0; g < this.guards.length; g++) if (!lower.includes(this.guards[g].literal)) mask |= 1 << g;
    if (this.variants.has(mask)) return this.variants.get(mask);
    const dropped = new Set(this.guards.filter((_, g) => mask & (1 << g)).map((guard) => guard.index));
    const kept = this.phrases.filter((_, i) => !dropped.has(i));
    const re = kept.length > 0 ? this.build(kept) : undefined;
    this.variants.set(mask, re);
    return re;
  }
}
