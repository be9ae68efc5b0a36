import { describe, expect, it } from 'vitest';

import { findLinks } from '../../../src/facts/text/links.js';
import { moneyFacts } from '../../../src/facts/text/money.js';
import { isShouted } from '../../../src/facts/text/spam-phrases.js';
import { bodyTemplate, compute, list } from './helpers.js';

// The cheap tests that skip the expensive scans (links, charges, phone numbers, case) must never skip a match:
// these inputs sit on the edges of what each one lets through.
describe('pre-checks before the expensive scans', () => {
  it('links: "://", "www." before any character, a dot before a letter, and IPv4 dots are all scanned', () => {
    const hosts = (text: string) => findLinks(text).map((l) => l.host);
    expect(hosts('go to WWW.-acme now')).toEqual(['www.-acme']);
    expect(hosts('http://localhost:8080/x')).toEqual(['localhost']);
    expect(hosts('FTP://files.acme.io')).toEqual(['files.acme.io']);
    expect(hosts('open 10.0.0.1/login')).toEqual(['10.0.0.1']);
    expect(hosts('see 10.0.0.1:80/x.')).toEqual(['10.0.0.1']);
    expect(hosts('WWW.ACME.COM')).toEqual(['www.acme.com']);
    expect(hosts('xn--80ak6aa92e.com')).toEqual(['xn--80ak6aa92e.com']);
    expect(hosts('Visit acme.com.')).toEqual(['acme.com']);
    // Sentence ends, decimals and abbreviations are not links (and need no scan).
    for (const text of ['ok. bye.', 'price 4.99 only', 'e.g. this', '1.2.3.4', 'www.']) expect(hosts(text), text).toEqual([]);
  });

  it('charges: units in any case, "ppm" and "p/" are scanned', () => {
    const charges = (body: string) => list(compute(moneyFacts, bodyTemplate(body, 'en_GB')).premiumNumbers).map((m) => m.text);
    expect(charges('Msgs 150P/WK to claim')).toEqual(['150P/WK']);
    expect(charges('Calls 25ppm from landlines')).toEqual(['25ppm']);
    expect(charges('only £1.50 per MSG')).toEqual(['£1.50 per MSG']);
    expect(charges('Order 2 pizzas, 10 min delivery')).toEqual([]);
  });

  it('phone numbers need seven digits, separators between them allowed', () => {
    const numbers = (body: string) => list(compute(moneyFacts, bodyTemplate(body, 'en_GB')).premiumNumbers).map((m) => m.text);
    expect(numbers('Call 09061 701 461 now')).toEqual(['09061 701 461']);
    expect(numbers('Call 0-9-0-6-1-7-0-1-4-6-1 now')).toEqual(['0-9-0-6-1-7-0-1-4-6-1']);
    expect(numbers('Call 090 617 now')).toEqual([]);
  });

  it('isShouted reads ASCII and other alphabets alike', () => {
    for (const s of ['FREE', 'FRÉE', 'ÉTÉ', 'A1B', 'ΑΒΓ', 'FREE!', 'ǅX']) expect(isShouted(s), s).toBe(true);
    for (const s of ['Free', 'F', 'ABé', '𝐅𝐑𝐄𝐄', '123']) expect(isShouted(s), s).toBe(false);
  });
});
