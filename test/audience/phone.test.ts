import examples from 'libphonenumber-js/mobile/examples';
import metadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';

import { readPhone, readPhoneWithLibrary } from '../../src/audience/phone.js';

/** A small deterministic generator, so failures can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const callingCodes = Object.keys(metadata.country_calling_codes);
const countries = Object.keys(metadata.countries);

function same(text: string, country = ''): void {
  const fast = readPhone(text, country);
  const lib = readPhoneWithLibrary(text, country);
  expect({ input: text, home: country, ...fast }).toEqual({ input: text, home: country, ...lib });
}

describe('readPhone gives libphonenumber-js’s answer', () => {
  it('on every country’s example mobile number, in E.164 and national form', () => {
    let checked = 0;
    for (const [country, national] of Object.entries(examples as Record<string, string>)) {
      const code = (metadata.countries as Record<string, unknown[]>)[country][0] as string;
      same(`+${code}${national}`);
      same(`+${code} ${national.slice(0, 3)}-${national.slice(3)}`);
      same(national, country);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('on random mutations of example numbers (digits changed, added, removed)', () => {
    const random = rng(42);
    const entries = Object.entries(examples as Record<string, string>);
    for (let i = 0; i < 20_000; i++) {
      const [country, national] = entries[Math.floor(random() * entries.length)];
      const code = (metadata.countries as Record<string, unknown[]>)[country][0] as string;
      const digits = national.split('');
      const pos = Math.floor(random() * digits.length);
      const op = random();
      if (op < 0.5) digits[pos] = String(Math.floor(random() * 10));
      else if (op < 0.75) digits.splice(pos, 1);
      else digits.splice(pos, 0, String(Math.floor(random() * 10)));
      const mutated = digits.join('');
      same(`+${code}${mutated}`);
      same(mutated, country);
      same(mutated, countries[Math.floor(random() * countries.length)]);
    }
  });

  it('on random digit strings after a random calling code', () => {
    const random = rng(7);
    for (let i = 0; i < 20_000; i++) {
      const code = callingCodes[Math.floor(random() * callingCodes.length)];
      const length = 2 + Math.floor(random() * 14);
      let rest = '';
      for (let j = 0; j < length; j++) rest += String(Math.floor(random() * 10));
      same(`+${code}${rest}`);
      same(`+${rest}`);
    }
  });

  it('on shapes that go to libphonenumber-js (national prefix, IDD prefix, letters, extensions)', () => {
    for (const [text, country] of [
      ['07700 900123', 'GB'],
      ['+44 (0) 20 7946 0000', ''],
      ['0044 20 7946 0000', 'GB'],
      ['011 44 20 7946 0000', 'US'],
      ['+1 202-555-0143 ext. 12', ''],
      ['tel:+442079460000', ''],
      ['call me', ''],
      ['', ''],
      ['+', ''],
      ['+0123456789', ''],
      ['919876543210', 'IN'],
      ['09876543210', 'IN'],
    ]) same(text, country);
  });

  it('normalises to E.164 and names the country', () => {
    expect(readPhone('+44 20 7946 0000')).toMatchObject({ valid: true, e164: 442079460000, country: 'GB', callingCode: '44' });
    expect(readPhone('9876543210', 'IN')).toMatchObject({ valid: true, e164: 919876543210, country: 'IN' });
    expect(readPhone('(201) 555-0143', 'US')).toMatchObject({ valid: true, e164: 12015550143 });
    expect(readPhone('+1 201 555 0123')).toMatchObject({ valid: true, country: 'US' });
    expect(readPhone('+1 416 555 0123')).toMatchObject({ valid: true, country: 'CA' });
    expect(readPhone('+44 7700 900123').valid).toBe(false);
  });
});
