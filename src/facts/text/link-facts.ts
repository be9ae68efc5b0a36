/**
 * Link facts of a template: every link in the copy and in URL buttons, and the ones that hide where
 * they go. Sources: policy-facts.md section 10 (carrier and Twilio rules on public shorteners,
 * non-HTTPS links and domains that do not match the sender; SpamAssassin's URL shortener list).
 */
import { findLinks, domainInSubdomain, isIpHost, parseLink, registrableDomain, shortenerOf, type FoundLink } from './links.js';
import { normalizeText } from './normalize.js';
import { registerStringCache } from './string-caches.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import { templateShape, type TemplateText } from '../template/components.js';
import type { FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

export interface LinkMatch extends TextMatch {
  url: string;
  host: string;
  scheme: string;
}

function asMatch(t: TemplateText, l: FoundLink, extra: Record<string, unknown> = {}): LinkMatch {
  return { path: t.path, start: l.start, end: l.end, text: t.text.slice(l.start, l.end), role: t.role, url: l.url, host: l.host, scheme: l.scheme, ...extra };
}

// [acme.com](https://evil.example): markdown-style link text, which WhatsApp shows as written.
const MARKDOWN_LINK = /\[([^[\]\n]{1,300})\]\(\s*([^()\s]{1,2000})\s*\)/g;
// "acme.com (https://evil.example)", "acme.com: https://…", "acme.com → https://…"
const SHOWN_THEN_REAL = /^[\s(:\-–—→>»|]{0,4}$/u;

/** A look-alike host (Cyrillic 'а' in аcme.com) and the ASCII domain it imitates. */
function lookAlike(host: string): string | undefined {
  if (!/[^\p{ASCII}]/u.test(host)) return undefined;
  const mapped = normalizeText(host).folded;
  return /^[a-z0-9.-]+$/.test(mapped) && mapped !== host ? mapped : undefined;
}

interface HiddenDomain extends TextMatch {
  shown: string;
  host: string;
  how: string;
}

function hiddenIn(t: TemplateText, links: readonly FoundLink[]): HiddenDomain[] {
  const out: HiddenDomain[] = [];
  const text = t.text;
  const covered: [number, number][] = [];
  const push = (start: number, end: number, shown: string, host: string, how: string) => {
    if (covered.some(([a, b]) => start < b && end > a)) return;
    covered.push([start, end]);
    out.push({ path: t.path, start, end, text: text.slice(start, end), role: t.role, shown, host, how });
  };
  if (text.includes('](')) {
    MARKDOWN_LINK.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MARKDOWN_LINK.exec(text)) !== null) {
      const target = parseLink(m[2]);
      const shownLink = findLinks(m[1])[0];
      if (!target || !shownLink) continue;
      if (registrableDomain(shownLink.host) !== registrableDomain(target.host)) {
        push(m.index, m.index + m[0].length, shownLink.host, target.host, 'link text shows another domain');
      }
    }
  }
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    if (l.userinfo !== undefined && l.userinfo !== '') {
      push(l.start, l.end, l.userinfo, l.host, `everything before "@" is ignored; the link goes to ${l.host}`);
      continue;
    }
    const inSub = domainInSubdomain(l.host);
    if (inSub && registrableDomain(inSub) !== registrableDomain(l.host)) {
      push(l.start, l.end, inSub, l.host, `${inSub} is only a subdomain label; the site is ${registrableDomain(l.host)}`);
      continue;
    }
    const alike = lookAlike(l.host);
    if (alike) {
      push(l.start, l.end, alike, l.host, 'the domain uses look-alike letters from another alphabet');
      continue;
    }
    const next = links[i + 1];
    if (l.scheme === '' && next && next.scheme !== '' && SHOWN_THEN_REAL.test(text.slice(l.end, next.start)) && registrableDomain(l.host) !== registrableDomain(next.host)) {
      const gap = text.slice(l.end, next.start);
      const end = gap.includes('(') && text[next.end] === ')' ? next.end + 1 : next.end;
      push(l.start, end, l.host, next.host, 'a domain is shown, and a link to another one follows');
    }
  }
  return out;
}

export const linkFacts: FactProvider = {
  id: 'text-links',
  kinds: ['template'],
  facts: {
    links: 'every link in the copy and in URL buttons, with host and scheme',
    linkHosts: 'the distinct hosts linked to',
    shortenerLinks: 'links through a public shortener (rules/phrasing/shorteners.txt), with the shortener domain',
    insecureLinks: 'links with plain http:// (not https)',
    ipLinks: 'links to a raw IP address instead of a domain',
    hiddenLinkDomains: 'links whose shown domain is not where they go (markdown text, user@host, domain-in-subdomain, look-alike letters, URL button text)',
  },
  compute(doc) {
    return { ...linkSignals(doc) };
  },
};

export interface LinkSignals {
  links: LinkMatch[];
  linkHosts: string[];
  shortenerLinks: LinkMatch[];
  insecureLinks: LinkMatch[];
  ipLinks: LinkMatch[];
  hiddenLinkDomains: HiddenDomain[];
}

const cache = new ObjectCache<object, LinkSignals>();
/** Links and hidden domains per distinct string (the same footer or button is analysed once). */
const byString = new Map<string, { found: FoundLink[]; hidden: HiddenDomain[] }>();
registerStringCache(() => byString.clear());

/** The link facts of a template, computed once per document. */
export function linkSignals(doc: LintDocument): LinkSignals {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  {
    const shape = templateShape(doc);
    const links: LinkMatch[] = [];
    const hidden: HiddenDomain[] = [];
    for (const t of shape.texts) {
      let per = byString.get(t.text);
      if (!per) {
        const found = findLinks(t.text);
        per = { found, hidden: hiddenIn(t, found) };
        if (byString.size >= 50_000) byString.clear();
        byString.set(t.text, per);
      }
      for (const l of per.found) links.push(asMatch(t, l));
      for (const h of per.hidden) hidden.push(h.path === t.path && h.role === t.role ? h : { ...h, path: t.path, role: t.role });
    }
    // A URL button whose label shows a domain other than the one its URL opens.
    for (const b of shape.buttons) {
      if (typeof b.raw.text !== 'string' || typeof b.raw.url !== 'string') continue;
      const shown = findLinks(b.raw.text)[0];
      if (!shown) continue; // most labels ("Open", "Track order") show no domain: no URL to parse
      const target = parseLink(b.raw.url.trim());
      if (!target || registrableDomain(shown.host) === registrableDomain(target.host)) continue;
      hidden.push({
        path: `${b.path}/text`,
        start: shown.start,
        end: shown.end,
        text: b.raw.text.slice(shown.start, shown.end),
        role: 'button',
        shown: shown.host,
        host: target.host,
        how: 'a URL button labelled with another domain',
      });
    }
    const result: LinkSignals = {
      links,
      linkHosts: [...new Set(links.map((l) => l.host))],
      shortenerLinks: links.flatMap((l) => {
        const s = shortenerOf(l.host);
        return s ? [{ ...l, shortener: s }] : [];
      }),
      insecureLinks: links.filter((l) => l.scheme === 'http'),
      ipLinks: links.filter((l) => isIpHost(l.host)),
      hiddenLinkDomains: hidden,
    };
    cache.set(doc.data, result);
    return result;
  }
}
