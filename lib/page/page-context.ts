/**
 * The page as context for a question: its readable text (Mozilla Readability, as in Firefox's
 * reader view), or its visible text where Readability finds no article, capped so that even a
 * 10 MB page cannot stall the tab; the selection with its surrounding paragraph.
 */
import { Readability } from '@mozilla/readability';

export const MAX_PAGE_CHARS = 1_000_000;

export interface PageContext {
  url: string;
  title: string;
  lang: string;
  text: string;
  source: 'readable' | 'visible' | 'none';
  /** Characters the page had before the cap, when it was cut. */
  fullChars: number;
  selection: { text: string; paragraph: string } | null;
}

function selectionIn(doc: Document): PageContext['selection'] {
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  // Text selected inside an input or textarea is not in the document selection.
  if (active && (active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && /^(text|search|url|email)?$/.test(active.type)))) {
    const { selectionStart: a, selectionEnd: b, value } = active;
    if (a !== null && b !== null && b > a) return { text: value.slice(a, b), paragraph: value.slice(0, 4000) };
  }
  const selection = doc.getSelection();
  const text = selection?.toString().trim() ?? '';
  if (!selection || !text || !selection.rangeCount) return null;
  const node = selection.getRangeAt(0).commonAncestorContainer;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const block = el?.closest('p, li, td, th, blockquote, pre, section, article, div') ?? el;
  return { text: text.slice(0, 20_000), paragraph: (block?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 4000) };
}

export function readPageContext(doc: Document = document, maxChars = MAX_PAGE_CHARS): PageContext {
  const base = {
    url: doc.location?.href ?? '',
    title: doc.title,
    lang: doc.documentElement.lang || 'en',
    selection: selectionIn(doc),
  };
  let text = '';
  let source: PageContext['source'] = 'none';
  try {
    const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();
    if (article?.textContent && article.textContent.trim().length >= 200) {
      text = article.textContent;
      source = 'readable';
    }
  } catch {
    // Readability gives up on some documents; the visible text still serves.
  }
  if (!text) {
    text = (doc.body as HTMLElement | null)?.innerText ?? doc.body?.textContent ?? '';
    source = text.trim() ? 'visible' : 'none';
  }
  const clean = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/[ \t]{2,}/g, ' ').trim();
  return { ...base, text: clean.slice(0, maxChars), source, fullChars: clean.length };
}
