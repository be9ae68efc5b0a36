/**
 * Training of the token model read by spam-bayes.ts: counts, per feature, the spam messages and the messages of
 * each ham set that contain it (a message counts a feature once, as SpamAssassin's Bayes does). Deterministic:
 * the same examples give the same file, byte for byte.
 */
import { bayesFeaturesOfText, type SpamBayesModelFile } from './spam-bayes.js';

export interface SpamExample {
  text: string;
  /** Spam, or the name of the ham set it belongs to ("sms", "templates"). */
  label: 'spam' | string;
}

export const DEFAULT_ROBINSON = { s: 1, x: 0.5, minStrength: 0.3, maxTokens: 150 };

/**
 * Features seen in fewer than `minCount` messages are dropped: with Robinson's s = 1 and x = 0.5 a feature seen
 * once rates 0.75 at most, inside minStrength, so it would never count anyway.
 */
export function trainSpamBayes(examples: readonly SpamExample[], hamSets: readonly string[], corpus: Record<string, unknown>, robinson = DEFAULT_ROBINSON, minCount = 2): SpamBayesModelFile {
  const counts = new Map<string, number[]>();
  const messages = new Array<number>(hamSets.length + 1).fill(0);
  for (const e of examples) {
    const k = e.label === 'spam' ? 0 : hamSets.indexOf(e.label) + 1;
    if (k === 0 && e.label !== 'spam') throw new Error(`unknown ham set '${e.label}'`);
    messages[k]++;
    for (const f of new Set(bayesFeaturesOfText(e.text))) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = new Array<number>(hamSets.length + 1).fill(0)));
      c[k]++;
    }
  }
  const total = (c: number[]) => c.reduce((a, b) => a + b, 0);
  const tokens = [...counts.keys()].filter((f) => total(counts.get(f)!) >= minCount).sort();
  return {
    format: 'msglint-spam-bayes',
    version: 1,
    language: 'en',
    corpus,
    robinson,
    spamMessages: messages[0],
    hamSets: hamSets.map((name, k) => ({ name, messages: messages[k + 1] })),
    tokens,
    spam: tokens.map((f) => counts.get(f)![0]),
    ham: hamSets.map((_, k) => tokens.map((f) => counts.get(f)![k + 1])),
  };
}

/** The model file as committed: one feature per line, so a retrained model diffs readably. */
export function serializeSpamBayes(model: SpamBayesModelFile): string {
  const { tokens, spam, ham, ...head } = model;
  const header = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const rows = tokens.map((t, i) => `    [${[JSON.stringify(t), spam[i], ...ham.map((h) => h[i])].join(', ')}]`);
  return `${header},\n  "table": [\n${rows.join(',\n')}\n  ]\n}\n`;
}
