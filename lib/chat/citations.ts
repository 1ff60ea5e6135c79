/**
 * Citations in an answer: "[3]" names passage 3 of the page, "[B3]" passage 3 of another tab
 * added as context (its letter, see ./tab-context.ts). Model output is data: only the
 * ids of passages the answer's prompt really carried become buttons (anything else that looks
 * like a citation is dropped), and the buttons are made here, after sanitising, from an optional capital letter and digits only.
 */

/** Private-use characters that mark a citation through markdown and the sanitiser. */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** "[3]", "[3, 5]", "[3][B5]" — but not a markdown link "[3](…)" or a reference "[3]: …". */
const CITATION = /\[([A-Za-z]?\d{1,7}(?:\s*,\s*[A-Za-z]?\d{1,7})*)\](?![(:])/g;

/** The markdown with valid citations marked and every other one dropped. */
import { t } from '../i18n/i18n';
export function markCitations(markdown: string, valid: ReadonlySet<string>): string {
  return stripMarkers(markdown).replace(CITATION, (_, ids: string) =>
    ids
      .split(',')
      .map((id) => id.trim().toUpperCase())
      .filter((id) => valid.has(id))
      .map((id) => `${OPEN}${id}${CLOSE}`)
      .join(''),
  );
}

/** `text` without citation markers: what attribute values keep (see renderMarkdown's hook). */
export const stripMarkers = (text: string): string => text.replace(/[\uE000\uE001]/g, '');

/** Sanitised HTML with each marked citation as a button (its id is [A-Z]?digits: nothing to escape). */
export function citationButtons(html: string): string {
  return html.replace(
    /\uE000([A-Z]?\d{1,7})\uE001/g,
    (_, id: string) =>
      `<button type="button" class="cite" data-cite="${id}" title="${attribute(t('chat_cite_title', id))}">[${id}]</button>`,
  );
}

/** Text for a double-quoted HTML attribute (a translation may hold quotes or ampersands). */
function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
