import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fill, t, uiDirection, uiLanguage } from './i18n';

const LOCALES = 'public/_locales';
const read = (lang: string): Record<string, { message: string; placeholders?: object }> =>
  JSON.parse(readFileSync(`${LOCALES}/${lang}/messages.json`, 'utf8')) as Record<
    string,
    { message: string; placeholders?: object }
  >;
const en = read('en');
const slots = (message: string) => [...message.matchAll(/\$(\d|[a-z0-9_]+\$)/gi)].map((m) => m[0]).sort();

describe('locales', () => {
  it('ships English, German and a right-to-left language', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['ar', 'de', 'en']);
  });

  it('each locale names its own language and direction (Arabic right to left)', () => {
    const own = (lang: string) => [read(lang).ui_lang!.message, read(lang).ui_dir!.message];
    expect([own('en'), own('de'), own('ar')]).toEqual([
      ['en', 'ltr'],
      ['de', 'ltr'],
      ['ar', 'rtl'],
    ]);
  });

  for (const lang of ['de', 'ar']) {
    it(`${lang} has every English key, with the same substitutions, and no key English lacks`, () => {
      const other = read(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        expect(slots(other[key]!.message), key).toEqual(slots(entry.message));
        expect(other[key]!.placeholders ?? entry.placeholders, key).toEqual(entry.placeholders);
        expect(other[key]!.message.trim(), key).not.toBe('');
      }
    });
  }
});

describe('t', () => {
  it('falls back to the bundled English where chrome.i18n is missing', () => {
    expect(t('ext_name')).toBe('Local AI');
    expect([uiLanguage(), uiDirection()]).toEqual(['en', 'ltr']);
  });

  it('fills numbered and named substitutions as chrome.i18n does', () => {
    expect(fill({ message: 'Get $1 ($2)' }, ['Qwen', '400 MB'])).toBe('Get Qwen (400 MB)');
    const named = { message: 'Allow $HOST$?', placeholders: { host: { content: '$1' } } };
    expect(fill(named, ['example.com'])).toBe('Allow example.com?');
    expect(fill({ message: 'Costs $$5' }, [])).toBe('Costs $5');
  });
});
