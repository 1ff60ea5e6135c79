import { describe, expect, it } from 'vitest';
import { numberFormatFor, parseCell, parseDate, parseNumber } from './parse-value';

const en = numberFormatFor('en');
const de = numberFormatFor('de');
const fr = numberFormatFor('fr');

describe('parseNumber', () => {
  it.each([
    ['1,234.5', en, 1234.5],
    ['1,234,567', en, 1234567],
    ['0.25', en, 0.25],
    ['(1,234)', en, -1234],
    ['−5', en, -5],
    ['+7', en, 7],
    ['1.234,5', de, 1234.5],
    ['3.677.472', de, 3677472],
    ['891,12', de, 891.12],
    ['1 234,5', fr, 1234.5],
    ['1\u202f234', fr, 1234],
  ])('reads %s', (text, format, value) => {
    expect(parseNumber(text, format)).toBe(value);
  });

  it.each([
    ['12,34', en],
    ['1,2345', en],
    [',5', en],
    ['5.', en],
    ['1e5', en],
    ['1.234.5', en],
    ['', en],
    ['12a', en],
    ['1234,567', en],
  ])('refuses %s', (text, format) => {
    expect(parseNumber(text, format)).toBeNull();
  });
});

describe('parseCell', () => {
  it('types percentages, currencies, dates, times and blanks', () => {
    expect(parseCell('12.5%', 'en')).toEqual({ kind: 'percent', value: 12.5, lossy: false });
    expect(parseCell('€1.234,50', 'de')).toEqual({
      kind: 'currency',
      value: 1234.5,
      currency: 'EUR',
      lossy: false,
    });
    expect(parseCell('($45)', 'en')).toEqual({ kind: 'currency', value: -45, currency: 'USD', lossy: false });
    expect(parseCell('3/4/2024', 'en-US')).toEqual({ kind: 'date', value: '2024-03-04' });
    expect(parseCell('3/4/2024', 'en-GB')).toEqual({ kind: 'date', value: '2024-04-03' });
    expect(parseCell('31.02.2024', 'de')).toEqual({ kind: 'text', value: '31.02.2024' });
    expect(parseCell('7:05 pm', 'en')).toEqual({ kind: 'time', value: '19:05:00' });
    expect(parseCell('—', 'en')).toEqual({ kind: 'null' });
    expect(parseCell('n/a', 'en')).toEqual({ kind: 'null' });
    expect(parseCell('1,200 (est.)', 'en')).toEqual({ kind: 'integer', value: 1200, lossy: true });
    expect(parseCell('Display text', 'en', '2024-05-06')).toEqual({ kind: 'date', value: '2024-05-06' });
  });

  it('rejects impossible dates', () => {
    expect(parseDate('2023-02-29', 'en')).toBeNull();
    expect(parseDate('2024-02-29', 'en')).toBe('2024-02-29');
  });
});
