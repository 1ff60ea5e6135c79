import { describe, expect, it } from 'vitest';
import { PageUnreadableError } from '../protocol';
import { fetchPdf, isPdfUrl, pdfFileName, pdfPageUrl } from './pdf-source';

const PDF = new TextEncoder().encode('%PDF-1.7\n...');
const respond = (body: Uint8Array, init: ResponseInit = {}) =>
  (async () => new Response(body.slice().buffer, init)) as typeof fetch;

describe('PDF addresses', () => {
  it('knows a PDF by its path, with or without a query or a fragment', () => {
    expect(isPdfUrl('https://example.com/a/report.pdf')).toBe(true);
    expect(isPdfUrl('http://127.0.0.1:8000/REPORT.PDF?download=1#page=2')).toBe(true);
    expect(isPdfUrl('https://example.com/report.pdf.html')).toBe(false);
    expect(isPdfUrl('file:///home/me/report.pdf')).toBe(false);
    expect(isPdfUrl('not a url')).toBe(false);
    expect(isPdfUrl(undefined)).toBe(false);
  });

  it('builds the viewer address that opens a page, replacing any fragment', () => {
    expect(pdfPageUrl('https://example.com/report.pdf', 2)).toBe('https://example.com/report.pdf#page=2');
    expect(pdfPageUrl('https://example.com/r.pdf?x=1#page=9', 3)).toBe(
      'https://example.com/r.pdf?x=1#page=3',
    );
    expect(pdfPageUrl('https://example.com/r.pdf', 0)).toBe('https://example.com/r.pdf#page=1');
  });

  it('names a PDF by its file when it has no title', () => {
    expect(pdfFileName('https://example.com/docs/annual%20report.pdf')).toBe('annual report.pdf');
  });
});

describe('fetchPdf', () => {
  it('returns the bytes of a PDF on this machine', async () => {
    expect(await fetchPdf('http://127.0.0.1:9/a.pdf', respond(PDF))).toEqual(PDF);
  });

  it('refuses an origin the extension may not fetch from, saying which', async () => {
    const fetching = fetchPdf('https://example.com/a.pdf', respond(PDF));
    await expect(fetching).rejects.toBeInstanceOf(PageUnreadableError);
    await expect(fetching).rejects.toThrow(/example\.com.*only from this computer/);
  });

  it('says so for an HTTP error, a file that is not a PDF, and one over the size cap', async () => {
    await expect(fetchPdf('http://127.0.0.1:9/a.pdf', respond(PDF, { status: 404 }))).rejects.toThrow(/404/);
    await expect(
      fetchPdf('http://127.0.0.1:9/a.pdf', respond(new TextEncoder().encode('<html>'))),
    ).rejects.toThrow(/does not serve a PDF/);
    await expect(fetchPdf('http://127.0.0.1:9/a.pdf', respond(PDF), 4)).rejects.toThrow(/larger than/);
  });

  it('says the PDF could not be downloaded when the network fails', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchPdf('http://localhost:9/a.pdf', failing)).rejects.toThrow(/could not download/);
  });
});
