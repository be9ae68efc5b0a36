import type { TextMatch } from '../../types.js';
import type { TemplateText } from '../template/components.js';

/** Every match of a global regular expression in each text, as located matches. */
export function findAll(texts: readonly TemplateText[], re: RegExp, extra: (m: RegExpExecArray, t: TemplateText) => Record<string, unknown> = () => ({})): TextMatch[] {
  if (!re.global) throw new Error('findAll needs a global regular expression');
  const out: TextMatch[] = [];
  for (const t of texts) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t.text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ path: t.path, start: m.index, end: m.index + m[0].length, text: m[0], role: t.role, ...extra(m, t) });
    }
  }
  return out;
}

export function quoteList(matches: readonly { text: string }[], max = 3): string {
  const uniq = [...new Set(matches.map((m) => `'${m.text}'`))];
  return uniq.length > max ? `${uniq.slice(0, max).join(', ')} and ${uniq.length - max} more` : uniq.join(', ');
}
