import { describe, expect, it } from 'vitest';

import { maskNumbersInText, maskPhone } from '../../src/audience/index.js';

describe('maskPhone', () => {
  it('shows the calling code, the first two and the last three digits', () => {
    expect(maskPhone('+447700900123')).toBe('+44 77•• •••123');
    expect(maskPhone(447700900123)).toBe('+44 77•• •••123');
    expect(maskPhone('+1 (201) 555-0123')).toBe('+1 20•• •••123');
    expect(maskPhone('+5511961234567')).toBe('+55 11•• ••••567');
  });

  it('shows less of short numbers and none of text', () => {
    expect(maskPhone('+4477009')).toBe('+44 7••09');
    expect(maskPhone('12345')).toBe('1••45');
    expect(maskPhone('123')).toBe('•••');
    expect(maskPhone('')).toBe('no number');
    expect(maskPhone('Alice Smith')).toBe('••••••••');
  });

  it('never shows more than five digits of any input', () => {
    for (const input of ['+919876543210', '00919876543210', '9876543210', '+1 201 555 0123 ext 99', '4474001234567890123456789']) {
      const digits = maskPhone(input).replace(/^\+\d{1,3} /, '').replace(/\D/g, '');
      expect(digits.length).toBeLessThanOrEqual(5);
    }
  });
});

describe('maskNumbersInText', () => {
  it('masks phone numbers inside free text and leaves short numbers', () => {
    expect(maskNumbersInText('call +44 7700 900123 or 0044 20 7946 0000 before 18:00 on 2026-11-27')).toBe('call +44 77•• •••123 or 00•• •••••••000 before 18:00 on 2026-11-27');
  });
});
