/**
 * Links in template text: where they are (original offsets), their scheme and host, and the ways a
 * link hides where it goes (public shorteners, plain http, raw IP addresses, a shown domain that is
 * not the real one).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { packageRoot } from '../../package-root.js';

export interface FoundLink {
  /** [start, end) in the text it was found in. */
  start: number;
  end: number;
  /** The link as written (trailing sentence punctuation removed). */
  url: string;
  /** Lower-case scheme (`http`, `https`), or '' when written without one (www.acme.com, bit.ly/x). */
  scheme: string;
  /** Lower-case host without user info, port or trailing dot. */
  host: string;
  /** What stood before an `@` in the authority (https://acme.com@evil.example), if anything. */
  userinfo?: string;
}

/** Top-level domains accepted for links written without scheme or www (acme.com, bit.ly/x). */
const BARE_TLDS = new Set(
  (
    'com net org info biz io co me ly gl gd cc ws to tk ml ga cf gq xyz top click link site online app dev ai shop store ' +
    'live life club vip win bid loan work today news email tech space website fun icu buzz cam rest monster best lol su ' +
    'us uk in id br mx es pt fr de it nl ru cn au ca za ng ke gh sg my ph vn th ar cl pe ve ec uy bo py pk bd lk np ae sa ' +
    'eg ma tn tr pl cz sk hu ro bg gr ch at be dk se no fi ie nz hk tw kr jp im gp st gs vc tt tc re mp gy is do la sh ' +
    'ps fm tv am ac af ag ai al cx cy gg je mu mn mobi pro page ink one pw'
  ).split(/\s+/),
);

/** Second-level public suffixes: the registrable domain of news.bbc.co.uk is bbc.co.uk. */
const SECOND_LEVEL = new Set(
  ('co.uk org.uk ac.uk gov.uk me.uk ltd.uk plc.uk com.br net.br org.br gov.br com.au net.au org.au co.nz co.za co.in net.in ' +
    'org.in gov.in co.id or.id go.id web.id my.id com.mx org.mx gob.mx com.ar com.co com.pe com.ve com.ec com.uy com.py ' +
    'com.bo com.sg com.my com.ph com.vn co.th com.tr com.pk com.bd com.ng com.gh co.ke com.eg co.jp co.kr com.tw com.hk ' +
    'com.cn com.es com.pt co.il com.sa ae.org').split(/\s+/),
);

// Scheme links, www links, bare domains (checked against BARE_TLDS), and bare IPv4 addresses with a port or path.
// Every alternative is anchored at a word start, so the scan stays linear.
const LINK_RE =
  /\b(?:https?|ftp):\/\/[^\s<>"'`{}|\\^]+|(?<![\p{L}\p{N}@.-])www\.[^\s<>"'`{}|\\^]+|(?<![\p{L}\p{N}@.\-/])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-])(?:[/?#][^\s<>"'`{}|\\^]*)?|(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\/[^\s<>"'`{}|\\^]*/giu;

const TRAILING = /[.,;:!?'"»)\]}>*_~]+$/u;

/**
 * What every match of LINK_RE contains (same flags, so the same letters and case folding): "://", "www.",
 * a dot before a letter (the last label of a domain), or the dots of an IPv4 address. Most copy has none,
 * and this test is much cheaper than LINK_RE, whose look-behinds run at every word start.
 */
const LINK_HINT = /:\/\/|www\.|\.\p{L}|\d\.\d{1,3}\.\d/iu;

/** Every link in `text`, in order. */
export function findLinks(text: string): FoundLink[] {
  if (!LINK_HINT.test(text)) return [];
  const out: FoundLink[] = [];
  LINK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINK_RE.exec(text)) !== null) {
    let url = m[0];
    const trimmed = url.replace(TRAILING, '');
    // Keep a closing parenthesis that closes one opened inside the link (Wikipedia-style paths).
    url = trimmed + (url.slice(trimmed.length).startsWith(')') && count(trimmed, '(') > count(trimmed, ')') ? ')' : '');
    if (url.length === 0) continue;
    const parsed = parseLink(url);
    if (!parsed) continue;
    if (parsed.scheme === '' && !url.toLowerCase().startsWith('www.') && !isIpHost(parsed.host)) {
      const tld = parsed.host.slice(parsed.host.lastIndexOf('.') + 1);
      if (!BARE_TLDS.has(tld) && !isShortenerHost(parsed.host)) continue;
      // "e.g" / "i.e" / "a.m" style abbreviations: one-letter labels are not domains unless listed.
      if (/^[^.]\./u.test(parsed.host) && !isShortenerHost(parsed.host)) continue;
    }
    out.push({ start: m.index, end: m.index + url.length, url, ...parsed });
  }
  return out;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

/** Scheme, host and user info of a link as written; null when it has no host. */
export function parseLink(url: string): { scheme: string; host: string; userinfo?: string } | null {
  const sm = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const scheme = sm ? sm[1].toLowerCase() : '';
  const rest = sm ? url.slice(sm[0].length) : url;
  const authorityEnd = rest.search(/[/?#]/);
  let authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  let userinfo: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
  }
  let host = authority;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close > 0 ? host.slice(0, close + 1) : host;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  host = host.toLowerCase().replace(/\.+$/, '');
  if (host === '') return null;
  return userinfo !== undefined ? { scheme, host, userinfo } : { scheme, host };
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Dotted IPv4, bracketed IPv6, or the decimal/hex forms browsers also accept (http://3232235777/). */
export function isIpHost(host: string): boolean {
  if (IPV4.test(host)) return true;
  if (host.startsWith('[') && host.endsWith(']') && host.includes(':')) return true;
  if (/^\d{8,10}$/.test(host)) return Number(host) > 16_777_215 && Number(host) <= 4_294_967_295;
  return /^0x[0-9a-f]{6,8}$/i.test(host);
}

/** The domain a person or company registered: acme.com for shop.acme.com, bbc.co.uk for news.bbc.co.uk. */
export function registrableDomain(host: string): string {
  if (isIpHost(host)) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join('.');
  return SECOND_LEVEL.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

let shorteners: ReadonlySet<string> | undefined;

/** The public shortener domains of rules/phrasing/shorteners.txt, read once. */
export function shortenerDomains(): ReadonlySet<string> {
  if (shorteners) return shorteners;
  let text = '';
  try {
    text = readFileSync(path.join(packageRoot(), 'rules', 'phrasing', 'shorteners.txt'), 'utf8');
  } catch {
    text = '';
  }
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.replace(/#.*/, '').trim().toLowerCase();
    if (entry) set.add(entry);
  }
  return (shorteners = set);
}

/** The listed shortener domain a host belongs to (go.bit.ly → bit.ly), or undefined. */
export function shortenerOf(host: string): string | undefined {
  const list = shortenerDomains();
  let h = host.replace(/^www\./, '');
  for (;;) {
    if (list.has(h)) return h;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

function isShortenerHost(host: string): boolean {
  return shortenerOf(host) !== undefined;
}

/** Labels of a host that spell out another site in front of the real one: acme.com.login-check.example → acme.com. */
export function domainInSubdomain(host: string): string | undefined {
  if (isIpHost(host)) return undefined;
  const reg = registrableDomain(host);
  if (reg === host) return undefined;
  const sub = host.slice(0, host.length - reg.length - 1).split('.');
  for (let i = sub.length - 1; i >= 1; i--) {
    const last = sub[i];
    if (['com', 'net', 'org', 'gov', 'edu', 'bank'].includes(last) || SECOND_LEVEL.has(`${sub[i - 1]}.${last}`)) {
      const shown = sub.slice(Math.max(0, i - 1), i + 1).join('.');
      return shown.replace(/^www\./, '');
    }
  }
  return undefined;
}
