/**
 * A PDF's page-numbered text as the chat's page context: every page marked "[Page N]" so answers
 * can say where a fact is, and a note when the page cap cut the document. Its passages carry their
 * page number, so a citation opens the PDF at that page (see ./pdf-page-bridge.ts).
 */
import type { Passage, PageContext } from '../protocol';
import { passageOf } from '../page/passages';
import { MAX_PAGE_CHARS } from '../page/page-context';
import { pdfFileName } from './pdf-source';
import type { PdfText } from './read-pdf';

/** The text the model sees: pages in order, each headed by its number. */
export function pdfPagesText(pdf: PdfText): string {
  const body = pdf.pages.map((p) => `[Page ${p.page}]\n${p.text}`).join('\n\n');
  const cut = pdf.pageCount > pdf.pages.length;
  return cut
    ? `${body}\n\n[Only the first ${pdf.pages.length} of ${pdf.pageCount} pages were read: the rest of this PDF is not included.]`
    : body;
}

/** A passage's size, in characters, where a page's paragraphs are longer: about a paragraph of prose. */
const PASSAGE_CHARS = 700;

/**
 * The PDF as passages in page order: each page's paragraphs (blank lines, as pdf.js reports them),
 * long ones cut at line ends into pieces of about PASSAGE_CHARS. Ids count from 1 across the
 * document, like a web page's blocks; every passage knows its page.
 */
export function pdfPassages(pdf: PdfText): Passage[] {
  const passages: Passage[] = [];
  const add = (text: string, page: number) => {
    if (text.trim()) passages.push(passageOf(passages.length + 1, text, page));
  };
  for (const { page, text } of pdf.pages)
    for (const paragraph of text.split(/\n\s*\n/)) {
      let piece = '';
      for (const line of paragraph.split('\n')) {
        if (piece && piece.length + line.length > PASSAGE_CHARS) {
          add(piece, page);
          piece = '';
        }
        piece = piece ? `${piece}\n${line}` : line;
      }
      add(piece, page);
    }
  return passages;
}

/** The PDF's pages up to `maxChars` of text in all (the last one cut), like a web page's cap. */
export function pdfWithin(pdf: PdfText, maxChars: number): PdfText {
  let left = maxChars;
  const pages = [];
  for (const page of pdf.pages) {
    if (left <= 0) break;
    pages.push(page.text.length > left ? { ...page, text: page.text.slice(0, left) } : page);
    left -= page.text.length;
  }
  return { ...pdf, pages };
}

/** The page context for the PDF at `url`; a text layer over `maxChars` is cut, and says so. */
export function pdfPageContext(url: string, whole: PdfText, maxChars = MAX_PAGE_CHARS): PageContext {
  const pdf = pdfWithin(whole, maxChars);
  const text = pdfPagesText(pdf);
  return {
    url,
    // The chip shows the title, so a cut document says so where the user looks.
    title: `${pdf.title ?? pdfFileName(url)}${pdf.pageCount > pdf.pages.length ? ` (first ${pdf.pages.length} of ${pdf.pageCount} pages)` : ''}`,
    lang: '',
    text,
    source: 'readable',
    fullChars: Math.max(text.length, pdfPagesText(whole).length),
    selection: null,
    passages: pdfPassages(pdf),
  };
}
