/**
 * Parses one cell's text into a typed value, by the page's language: thousands separators
 * and decimal commas from Intl, percentages, currencies, negatives in parentheses, dates
 * and times. Pure: no DOM.
 */

export type ParsedValue =
  | { kind: 'null' }
  | { kind: 'integer' | 'decimal'; value: number; lossy: boolean }
  | { kind: 'percent'; value: number; lossy: boolean }
  | { kind: 'currency'; value: number; currency: string; lossy: boolean }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'time'; value: string }
  | { kind: 'text'; value: string };

/** Cell texts that mean "no value". */
const NULLS = new Set(['', '-', '–', '—', '−', 'n/a', 'na', 'n.a.', 'null', 'none', '?', '…', '...', '—*']);

const CURRENCIES: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  CHF: 'CHF',
  A$: 'AUD',
  C$: 'CAD',
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  JPY: 'JPY',
};
const CURRENCY_RE = /^(US\$|A\$|C\$|USD|EUR|GBP|JPY|CHF|[$€£¥₹₩])\s*|\s*(US\$|USD|EUR|GBP|JPY|CHF|[$€£¥₹₩])$/;

export interface NumberFormat {
  group: string;
  decimal: string;
}

const formats = new Map<string, NumberFormat>();

/** Group and decimal separators of a language, from Intl (e.g. de → "." and ","). */
export function numberFormatFor(lang: string): NumberFormat {
  const key = lang || 'en';
  let format = formats.get(key);
  if (!format) {
    let parts: Intl.NumberFormatPart[];
    try {
      parts = new Intl.NumberFormat(key).formatToParts(1234567.5);
    } catch {
      parts = new Intl.NumberFormat('en').formatToParts(1234567.5);
    }
    format = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    formats.set(key, format);
  }
  return format;
}

/** A plain number in the page's format, or null. "1,234.5" (en), "1.234,5" (de), "1 234,5" (fr). */
/** Group separators a locale may use: its own, and spaces of all widths. */
function isGroupChar(ch: string, format: NumberFormat): boolean {
  return (
    ch !== format.decimal &&
    (ch === format.group || ch === ' ' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009')
  );
}

/**
 * A plain number in the page's format, or null. "1,234.5" (en), "1.234,5" (de), "1 234,5" (fr).
 * Scanned by hand, in one pass: a 100k-cell table calls this for most cells.
 */
export function parseNumber(text: string, format: NumberFormat): number | null {
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const sign = s[0];
  if (sign === '-' || sign === '\u2212' || sign === '\u2012' || sign === '\u2013') {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (sign === '+') {
    s = s.slice(1).trim();
  }
  let digits = '';
  let fraction: string | null = null;
  let group = -1; // digits since the last group separator; -1 before any separator
  let lead = 0; // digits before the first separator
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch >= '0' && ch <= '9') {
      if (fraction !== null) fraction += ch;
      else {
        digits += ch;
        if (group >= 0) group++;
        else lead++;
      }
    } else if (fraction === null && ch === format.decimal) {
      if (!digits || (group >= 0 && group !== 3)) return null;
      fraction = '';
    } else if (fraction === null && isGroupChar(ch, format)) {
      // Groups are exactly three digits, after one to three leading ones.
      if (!digits || (group < 0 ? lead > 3 : group !== 3)) return null;
      group = 0;
    } else {
      return null;
    }
  }
  if (!digits || (group >= 0 && group !== 3) || fraction === '') return null;
  const value = Number(fraction === null ? digits : `${digits}.${fraction}`);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A calendar date as YYYY-MM-DD, or null. Day/month order for numeric dates follows the language. */
export function parseDate(text: string, lang: string): string | null {
  const s = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\.? ([A-Za-z]{3,9})\.? (\d{4})$/.exec(s); // 12 March 2024
  if (m && monthIndex(m[2]!)) return isoDate(+m[3]!, monthIndex(m[2]!), +m[1]!);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}) (\d{4})$/.exec(s); // March 12 2024
  if (m && monthIndex(m[1]!)) return isoDate(+m[3]!, monthIndex(m[1]!), +m[2]!);
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (m) {
    const monthFirst = /^en-(US|PH)$/i.test(lang) || lang.toLowerCase() === 'en-us';
    return monthFirst ? isoDate(+m[3]!, +m[1]!, +m[2]!) : isoDate(+m[3]!, +m[2]!, +m[1]!);
  }
  return null;
}

function parseTime(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let h = +m[1]!;
  if (m[4]) h = (h % 12) + (/^p/i.test(m[4]) ? 12 : 0);
  if (h > 23 || +m[2]! > 59 || +(m[3] ?? 0) > 59) return null;
  return `${pad(h)}:${m[2]}:${m[3] ?? '00'}`;
}

/**
 * Parses one cell. `sortValue` (data-sort-value, <time datetime>, <data value>) is preferred
 * when it parses, as the page's own machine-readable value.
 */
export function parseCell(text: string, lang: string, sortValue?: string | null): ParsedValue {
  if (sortValue != null && sortValue.trim() !== '') {
    const fromSort = parseMachineValue(sortValue.trim());
    if (fromSort) return fromSort;
  }
  const s = text.trim();
  if (NULLS.has(s.toLowerCase())) return { kind: 'null' };
  // Without a digit nothing but text is possible: skip every numeric and date pattern.
  if (!/\d/.test(s)) return { kind: 'text', value: s };
  const format = numberFormatFor(lang);
  // A trailing note such as "12,345 (est.)" or "1,234*": parse the number, keep the raw text.
  const noted = /^(.*?\d)\s*(\*+|†|‡|\((?:est|approx|e|p)\.?\))$/i.exec(s);
  const core = noted ? noted[1]! : s;
  const lossy = Boolean(noted);
  // The common cases first: digits only, then a plain number in the page's format.
  if (/^\d{1,15}$/.test(core)) return { kind: 'integer', value: Number(core), lossy };
  if (/^[-+(]?\d[\d.,\s\u00a0\u202f]*\)?$/.test(core)) {
    const n = parseNumber(core, format);
    if (n !== null)
      return {
        kind: Number.isInteger(n) && !core.includes(format.decimal) ? 'integer' : 'decimal',
        value: n,
        lossy,
      };
  }
  if (/%$/.test(core)) {
    const n = parseNumber(core.slice(0, -1).trim(), format);
    if (n !== null) return { kind: 'percent', value: n, lossy };
  }
  const cur = CURRENCY_RE.exec(core.replace(/^\((.*)\)$/, '$1').replace(/^-/, ''));
  if (cur) {
    const symbol = (cur[1] ?? cur[2])!;
    const negative = /^\(.*\)$/.test(core) || /^[-\u2212]/.test(core);
    const n = parseNumber(
      core
        .replace(/^\((.*)\)$/, '$1')
        .replace(/^[-\u2212]/, '')
        .replace(CURRENCY_RE, '')
        .trim(),
      format,
    );
    if (n !== null)
      return { kind: 'currency', value: negative ? -n : n, currency: CURRENCIES[symbol] ?? symbol, lossy };
  }
  const n = parseNumber(core, format);
  if (n !== null)
    return {
      kind: Number.isInteger(n) && !core.includes(format.decimal) ? 'integer' : 'decimal',
      value: n,
      lossy,
    };
  const date = parseDate(s, lang);
  if (date) return { kind: 'date', value: date };
  const dt = /^(.+?)[ T](\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)$/i.exec(s);
  if (dt) {
    const d = parseDate(dt[1]!, lang);
    const t = parseTime(dt[2]!);
    if (d && t) return { kind: 'datetime', value: `${d}T${t}` };
  }
  const time = parseTime(s);
  if (time) return { kind: 'time', value: time };
  return { kind: 'text', value: s };
}

/** Machine-readable values: ISO dates/times and plain numbers with "." decimals. */
function parseMachineValue(v: string): ParsedValue | null {
  if (/^-?\d+$/.test(v)) return { kind: 'integer', value: Number(v), lossy: false };
  if (/^-?\d*\.\d+(e[-+]?\d+)?$/i.test(v)) return { kind: 'decimal', value: Number(v), lossy: false };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const d = isoDate(+m[1]!, +m[2]!, +m[3]!);
    return d ? { kind: 'date', value: d } : null;
  }
  m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(v);
  if (m) return { kind: 'datetime', value: `${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}` };
  const t = /^\d{2}:\d{2}(:\d{2})?$/.test(v) ? parseTime(v) : null;
  return t ? { kind: 'time', value: t } : null;
}
