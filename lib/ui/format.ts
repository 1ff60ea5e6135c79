/**
 * Numbers, sizes, durations and dates as the views show them, formatted with Intl in the
 * extension's UI language (lib/i18n/i18n.ts), so Arabic and German get their own digits and
 * separators while English reads as before.
 */
import { t, uiLanguage } from '../i18n/i18n';

/** `n` with the UI language's separators and at most (and at least) `digits` fraction digits. */
export function formatNumber(n: number, digits?: { min?: number; max?: number }): string {
  return new Intl.NumberFormat(uiLanguage(), {
    minimumFractionDigits: digits?.min,
    maximumFractionDigits: digits?.max ?? digits?.min,
  }).format(n);
}

const unit = (n: number, name: string, digits: number) =>
  new Intl.NumberFormat(uiLanguage(), {
    style: 'unit',
    unit: name,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);

/** A byte count as "12.5 MB" or "1.25 GB" (binary units, as the downloader counts). */
export function formatBytes(n: number): string {
  return n >= 1 << 30 ? unit(n / (1 << 30), 'gigabyte', 2) : unit(n / (1 << 20), 'megabyte', 1);
}

/** A size given in MB as "720 MB" or "1.4 GB" (decimal, as the catalog states it). */
export function formatMegabytes(mb: number): string {
  return mb >= 1000 ? unit(mb / 1000, 'gigabyte', 1) : unit(mb, 'megabyte', 0);
}

/** "42 s left", "3 min 5 s left", or '' when the time is not known. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return t('time_left_seconds', formatNumber(Math.ceil(seconds)));
  return t(
    'time_left_minutes',
    formatNumber(Math.floor(seconds / 60)),
    formatNumber(Math.ceil(seconds % 60)),
  );
}

/** A moment as a date and time in the UI language. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(uiLanguage());
}
