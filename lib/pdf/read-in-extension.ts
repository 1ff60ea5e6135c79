/**
 * pdf.js as the extension runs it: the legacy build (it carries the polyfills Chrome 116 needs),
 * its worker bundled into the extension by Vite (no remote worker URL; the CSP allows workers
 * from the extension only), loaded on first use so panels that never see a PDF never load it.
 */
import type * as PdfJsLib from 'pdfjs-dist/legacy/build/pdf.mjs';
import { browser } from 'wxt/browser';
import { originPattern } from '../providers/provider-policy';
import { fetchPdf } from './pdf-source';
import { readPdfText, type PdfText } from './read-pdf';

let loading: Promise<typeof PdfJsLib> | null = null;

function pdfjs() {
  loading ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.mjs?worker'),
  ]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerPort = new worker.default();
    return lib;
  });
  return loading;
}

/**
 * Fetches the PDF at `url` and reads its text, page by page.
 * @throws {PageAccessNeededError} see fetchPdf.
 * @throws {PageUnreadableError} see fetchPdf and readPdfText.
 */
export async function readPdfInExtension(url: string): Promise<PdfText> {
  const granted = (origin: string) => browser.permissions.contains({ origins: [originPattern(origin)] });
  const [bytes, lib] = await Promise.all([fetchPdf(url, { granted }), pdfjs()]);
  return readPdfText(lib, bytes);
}
