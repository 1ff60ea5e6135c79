/**
 * A PDF's page-numbered text as the chat's page context: every page marked "[Page N]" so answers
 * can say where a fact is, and a note when the page cap cut the document.
 */
import type { PageContext } from '../protocol';
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

/** The page context for the PDF at `url`. */
export function pdfPageContext(url: string, pdf: PdfText): PageContext {
  const text = pdfPagesText(pdf);
  return {
    url,
    // The chip shows the title, so a cut document says so where the user looks.
    title: `${pdf.title ?? pdfFileName(url)}${pdf.pageCount > pdf.pages.length ? ` (first ${pdf.pages.length} of ${pdf.pageCount} pages)` : ''}`,
    lang: '',
    text,
    source: 'readable',
    fullChars: text.length,
    selection: null,
  };
}
