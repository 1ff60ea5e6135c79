/** What the chat says when it cannot have the page as its context. */
import { PageUnreadableError } from '../protocol';

/**
 * The user-facing reason for a failed page read: a document that was reached but gives no text
 * (a scanned or password-protected PDF) says why in its own words; anything else means Chrome
 * kept the extension out of the page.
 */
export function pageProblemOf(error: unknown): string {
  return error instanceof PageUnreadableError
    ? error.message
    : 'Chrome does not let extensions read this page (chrome:// pages, the Web Store). Ask without it, or open a regular web page.';
}
