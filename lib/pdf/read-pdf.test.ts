import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PageUnreadableError } from '../protocol';
import {
  longPdf,
  PAGE_TWO_FACT,
  passwordPdf,
  reportPdf,
  scannedPdf,
} from '../../tests/fixtures/pdf/make-pdfs';
import { readPdfText } from './read-pdf';

describe('readPdfText', () => {
  it('reads every page of a PDF as page-numbered text', async () => {
    const pdf = await readPdfText(pdfjs, await reportPdf());
    expect(pdf.title).toBe('Water report');
    expect(pdf.pageCount).toBe(3);
    expect(pdf.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pdf.pages[1]!.text).toContain(PAGE_TWO_FACT);
    expect(pdf.pages[0]!.text).not.toContain('Kestrel');
    expect(pdf.pages[1]!.text.split('\n')).toEqual([
      'Reservoirs',
      PAGE_TWO_FACT,
      'Levels were measured in March.',
    ]);
  });

  it('says plainly that a scanned PDF has no text layer', async () => {
    const reading = readPdfText(pdfjs, await scannedPdf());
    await expect(reading).rejects.toBeInstanceOf(PageUnreadableError);
    await expect(reading).rejects.toThrow(/no text layer.*scanned/);
  });

  it('says that a password-protected PDF cannot be read, without crashing', async () => {
    const reading = readPdfText(pdfjs, await passwordPdf());
    await expect(reading).rejects.toBeInstanceOf(PageUnreadableError);
    await expect(reading).rejects.toThrow(/protected by a password/);
  });

  it('says a damaged file is not a valid PDF', async () => {
    const reading = readPdfText(pdfjs, new TextEncoder().encode('<html>not a pdf</html>'));
    await expect(reading).rejects.toThrow(/not a valid PDF/);
  });

  it('reads at most maxPages pages and reports how many there are', async () => {
    const pdf = await readPdfText(pdfjs, await longPdf(12), { maxPages: 5 });
    expect(pdf.pages).toHaveLength(5);
    expect(pdf.pageCount).toBe(12);
    expect(pdf.pages[4]!.text).toContain('Page 5, line 1');
  });
});
