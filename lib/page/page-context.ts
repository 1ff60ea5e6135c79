/**
 * The page as context for a question: its readable text (Mozilla Readability, as in Firefox's
 * reader view), or its visible text where Readability finds no article, capped so that even a
 * 10 MB page cannot stall the tab; the same text as passages (./read-passages.ts); the selection
 * with its surrounding paragraph.
 */
import { Readability } from '@mozilla/readability';
import type { PageContext } from '../protocol';
import { readSelection } from './selection';
import { articleTexts, readPassages } from './read-passages';

export const MAX_PAGE_CHARS = 1_000_000;

/** Its shape is declared with the content messages that carry it. */
export type { PageContext };

/** The selection as the page context carries it: text and surrounding paragraph, or none. */
export function selectionOf(doc: Document = document): PageContext['selection'] {
  const { text, paragraph } = readSelection(doc);
  return text ? { text, paragraph: paragraph ?? '' } : null;
}

export function readPageContext(doc: Document = document, maxChars = MAX_PAGE_CHARS): PageContext {
  const base = {
    url: doc.location?.href ?? '',
    title: doc.title,
    lang: doc.documentElement.lang || 'en',
    selection: selectionOf(doc),
  };
  let text = '';
  let source: PageContext['source'] = 'none';
  let article: Set<string> | undefined;
  try {
    const parsed = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();
    if (parsed?.textContent && parsed.textContent.trim().length >= 200) {
      text = parsed.textContent;
      source = 'readable';
      article = articleTexts(parsed.content ?? '');
    }
  } catch {
    // Readability gives up on some documents; the visible text still serves.
  }
  if (!text) {
    text = (doc.body as HTMLElement | null)?.innerText ?? doc.body?.textContent ?? '';
    source = text.trim() ? 'visible' : 'none';
  }
  const clean = tidy(text);
  // Passages come from the live page (not Readability's copy), so a citation can be shown there.
  const passages = source === 'none' ? [] : readPassages(doc.body, { keep: article, maxChars });
  return { ...base, text: clean.slice(0, maxChars), source, fullChars: clean.length, passages };
}

/** One element the user picked (lib/page/element-picker.ts) as the whole context: its visible text. */
export function readElementContext(
  element: Element,
  doc: Document = document,
  maxChars = MAX_PAGE_CHARS,
): PageContext {
  const text = tidy((element as HTMLElement).innerText ?? element.textContent ?? '');
  return {
    url: doc.location?.href ?? '',
    title: doc.title,
    lang: doc.documentElement.lang || 'en',
    selection: null,
    text: text.slice(0, maxChars),
    source: text ? 'picked' : 'none',
    fullChars: text.length,
    // Numbered as in the whole page, so a citation is shown where it is.
    passages: text ? readPassages(doc.body, { within: element, maxChars }) : [],
  };
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
