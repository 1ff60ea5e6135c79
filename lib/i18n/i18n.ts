/**
 * The extension's strings, from chrome.i18n (public/_locales/<lang>/messages.json): English,
 * German and Arabic (right to left). English is also bundled, so a context without chrome.i18n
 * (unit tests, a worker) still shows words instead of keys; its keys type every call, so a
 * misspelt or removed key fails the type check. Every locale must hold every key
 * (lib/i18n/i18n.test.ts).
 */
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
type Entry = { message: string; placeholders?: Record<string, { content: string }> };

/** The message `key` in the browser's language, with `$1`…`$9` (or named placeholders) filled. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const args = subs.map(String);
  const fromBrowser = browserMessage(key, args);
  return fromBrowser || fill(en[key], args);
}

/**
 * The language the extension's words are in ('en', 'de', 'ar'), from the locale file chrome.i18n
 * picked. Not chrome.i18n.getUILanguage(): Chromium started with `--lang=ar` (headless here) gives
 * Arabic messages while getUILanguage() and @@bidi_dir still say en-US/ltr, so lang and direction
 * come from the same file as the words and can never disagree with them.
 */
export function uiLanguage(): string {
  return t('ui_lang');
}

/** 'rtl' where the extension's words are in a right-to-left language (Arabic). */
export function uiDirection(): 'ltr' | 'rtl' {
  return t('ui_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** Sets `lang` and `dir` of an extension page to the extension's UI language (Arabic: rtl). */
export function applyDocumentLocale(doc: Document): void {
  doc.documentElement.lang = uiLanguage();
  doc.documentElement.dir = uiDirection();
}

function browserMessage(key: string, args: string[]): string {
  try {
    return chromeI18n()?.getMessage(key, args) ?? '';
  } catch {
    return '';
  }
}

function chromeI18n(): typeof chrome.i18n | undefined {
  const c = (globalThis as { chrome?: typeof chrome }).chrome;
  return typeof c?.i18n?.getMessage === 'function' ? c.i18n : undefined;
}

/** chrome.i18n's substitution rules, for the bundled English: `$name$` → its content → `$n`. */
export function fill(entry: Entry, args: string[]): string {
  const named = entry.message.replace(/\$([a-z0-9_]+)\$/gi, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    return content ?? whole;
  });
  return named.replace(/\$(\$|\d)/g, (_, c: string) => (c === '$' ? '$' : (args[Number(c) - 1] ?? '')));
}
