import { describe, expect, it } from 'vitest';
import { formatBytes, formatMegabytes, formatNumber, formatTimeLeft } from './format';

// Unit tests run without chrome.i18n: the bundled English is the UI language.
describe('format', () => {
  it('sizes read as before in English', () => {
    expect(formatBytes(5 * (1 << 20))).toBe('5.0 MB');
    expect(formatBytes(3 * (1 << 30))).toBe('3.00 GB');
    expect(formatMegabytes(720)).toBe('720 MB');
    expect(formatMegabytes(1400)).toBe('1.4 GB');
  });

  it('numbers get the language’s separators', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(2.345, { min: 2 })).toBe('2.35');
  });

  it('says how long is left, or nothing when it is not known', () => {
    expect(formatTimeLeft(41.2)).toBe('42 s left');
    expect(formatTimeLeft(185)).toBe('3 min 5 s left');
    expect(formatTimeLeft(null)).toBe('');
    expect(formatTimeLeft(Infinity)).toBe('');
  });
});
