/**
 * A PDF's text, page by page, read with pdf.js inside the extension. Bounded: at most `maxPages`
 * pages are read (a 2,000-page report would otherwise take minutes and far more text than any
 * model's window), and every way a PDF can fail to give text becomes a PageUnreadableError whose
 * message says what happened and what the user can do.
 */
import type { getDocument as GetDocument } from 'pdfjs-dist';
import { PageUnreadableError } from '../protocol';

/** One page's text; pages are numbered from 1 as the viewer numbers them. */
export interface PdfPage {
  page: number;
  text: string;
}

export interface PdfText {
  /** The document's own title, when it has one. */
  title: string | null;
  pages: PdfPage[];
  /** Pages in the document; more than `pages.length` when the page cap cut it. */
  pageCount: number;
}

export const MAX_PDF_PAGES = 300;

/** The part of pdf.js this module uses: the browser passes the bundled build, tests the Node one. */
export type PdfJs = { getDocument: typeof GetDocument };

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** Joins a page's text runs, keeping the line breaks pdf.js reports and collapsing runs of spaces. */
function pageText(items: TextItemLike[]): string {
  let text = '';
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    text += item.str;
    text += item.hasEOL ? '\n' : '';
  }
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function unreadable(error: unknown): PageUnreadableError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException')
    return new PageUnreadableError(
      'This PDF is protected by a password, so Local AI cannot read it. Open it in a PDF reader that knows the password, save an unprotected copy, and ask about that.',
    );
  if (name === 'InvalidPDFException')
    return new PageUnreadableError('This file is not a valid PDF (it may be damaged or incomplete).');
  const detail = error instanceof Error ? error.message : String(error);
  return new PageUnreadableError(`Local AI could not read this PDF: ${detail}`);
}

/**
 * Reads the text of every page (up to `maxPages`).
 * @throws {PageUnreadableError} password-protected, damaged, or no text layer at all (scanned).
 */
export async function readPdfText(
  pdfjs: PdfJs,
  data: Uint8Array,
  { maxPages = MAX_PDF_PAGES }: { maxPages?: number } = {},
): Promise<PdfText> {
  // pdf.js is told not to use eval, fonts or a network of its own: only the bytes we fetched.
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0, // errors only: missing standard-font data does not matter for text
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw unreadable(error);
    });
    const pageCount = doc.numPages;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= Math.min(pageCount, maxPages); n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push({ page: n, text: pageText(content.items as TextItemLike[]) });
      page.cleanup();
    }
    if (!pages.some((p) => p.text))
      throw new PageUnreadableError(
        'This PDF has no text layer: it looks scanned (its pages are images), and Local AI cannot read text in images. Ask without it, or open a version of the PDF with selectable text.',
      );
    const info = (await doc.getMetadata().catch(() => null))?.info ?? {};
    // pdf.js types the info dictionary as a bare Object: read the one key we use, checked.
    const raw: unknown = Reflect.get(info, 'Title');
    const title = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
    return { title, pages, pageCount };
  } finally {
    void task.destroy();
  }
}
