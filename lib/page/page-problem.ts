/** What the chat says when it cannot have the page as its context. */
import { t } from '../i18n/i18n';
import { PageUnreadableError } from '../protocol';

/**
 * The user-facing reason for a failed page read: a document that was reached but gives no text
 * (a scanned or password-protected PDF) says why in its own words; anything else means Chrome
 * kept the extension out of the page.
 */
export function pageProblemOf(error: unknown): string {
  return error instanceof PageUnreadableError ? error.message : t('page_not_readable');
}
