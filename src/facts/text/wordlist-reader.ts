/**
 * Fast readers for the two word-list layouts in rules/ (flow-style lexicon entries, category blocks with
 * a flow list of double-quoted terms). A full YAML parse of the lists costs more than everything else
 * msglint does for one template; these readers take the common layout in a few milliseconds and return
 * undefined for anything else, so the caller falls back to the YAML parser and never reads a list wrongly.
 */

const ENTRY = /^\s*-\s*\{\s*phrase:\s*("(?:[^"\\]|\\.)*")\s*,\s*category:\s*([\w-]+)\s*,\s*weight:\s*(\d+(?:\.\d+)?)\s*\}\s*(?:#.*)?$/;

/** `{language, entries}` of a lexicon written one flow mapping per line, or undefined. */
export function readLexiconText(text: string): { language: string; entries: { phrase: string; category: string; weight: number }[] } | undefined {
  let language: string | undefined;
  let inEntries = false;
  const entries: { phrase: string; category: string; weight: number }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const lang = /^language:\s*([\w-]+)\s*(?:#.*)?$/.exec(line);
    if (lang) {
      language = lang[1];
      continue;
    }
    if (/^entries:\s*(?:#.*)?$/.test(line)) {
      inEntries = true;
      continue;
    }
    if (!inEntries) return undefined;
    const m = ENTRY.exec(line);
    if (!m) return undefined;
    const phrase = jsonString(m[1]);
    if (phrase === undefined) return undefined;
    entries.push({ phrase, category: m[2], weight: Number(m[3]) });
  }
  return language !== undefined && inEntries ? { language, entries } : undefined;
}

interface TermBlock {
  id: string;
  policy: string;
  title?: string;
  source?: string;
  terms: string[];
}

/** `{language, categories}` of a term list in the usual layout, or undefined. */
export function readTermsText(text: string): { language: string; categories: TermBlock[] } | undefined {
  const lines = text.split(/\r?\n/);
  let language: string | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const lang = /^language:\s*([\w-]+)\s*(?:#.*)?$/.exec(line);
    if (lang) {
      language = lang[1];
      continue;
    }
    if (/^categories:\s*(?:#.*)?$/.test(line)) {
      i++;
      break;
    }
    return undefined;
  }
  const categories: TermBlock[] = [];
  let block: Partial<TermBlock> | undefined;
  const close = (): boolean => {
    if (!block) return true;
    if (typeof block.id !== 'string' || typeof block.policy !== 'string' || !Array.isArray(block.terms)) return false;
    categories.push(block as TermBlock);
    block = undefined;
    return true;
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const start = /^ {2}- id:\s*([\w-]+)\s*(?:#.*)?$/.exec(line);
    if (start) {
      if (!close()) return undefined;
      block = { id: start[1] };
      continue;
    }
    if (!block || !/^ {4}\S/.test(line)) return undefined;
    const field = /^ {4}(\w+):\s*(.*)$/.exec(line);
    if (!field) return undefined;
    const [, key, rest] = field;
    if (key === 'policy') block.policy = rest.replace(/\s+#.*$/, '').trim();
    else if (key === 'title') block.title = rest.startsWith('"') ? jsonString(rest.trim()) : rest.trim();
    else if (key === 'source') block.source = rest.replace(/\s+#.*$/, '').trim();
    else if (key === 'terms') {
      // A flow list of double-quoted strings, possibly over several lines: valid JSON once joined.
      let list = rest;
      while (!/\]\s*(?:#.*)?$/.test(list) && i + 1 < lines.length) list += `\n${lines[++i]}`;
      list = list.replace(/\]\s*#.*$/, ']');
      try {
        const parsed: unknown = JSON.parse(list);
        if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string')) return undefined;
        block.terms = parsed as string[];
      } catch {
        return undefined;
      }
    } else if (rest.trim() === '>-' || rest.trim() === '>' || rest.trim() === '|' || rest.trim() === '|-') {
      // A block scalar (a note): skip its more-indented lines.
      while (i + 1 < lines.length && (/^ {6}/.test(lines[i + 1]) || /^\s*$/.test(lines[i + 1]))) i++;
    } else if (rest.trim().startsWith('[') || rest.trim().startsWith('{')) {
      return undefined;
    }
  }
  if (!close()) return undefined;
  return language !== undefined ? { language, categories } : undefined;
}

function jsonString(quoted: string): string | undefined {
  try {
    const s: unknown = JSON.parse(quoted);
    return typeof s === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}
