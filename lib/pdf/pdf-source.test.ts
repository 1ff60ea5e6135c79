import { describe, expect, it, vi } from 'vitest';
import { PageAccessNeededError } from '../protocol';
import { fetchPdf, isPdfUrl, pdfFileName, pdfPageUrl, type PdfFetch } from './pdf-source';

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
  const none = { granted: async () => false };
  const opts = (fetchFn: typeof fetch, more: Partial<PdfFetch> = {}): PdfFetch => ({
    ...none,
    fetchFn,
    ...more,
  });

  it('returns the bytes of a PDF on this machine', async () => {
    expect(await fetchPdf('http://127.0.0.1:9/a.pdf', opts(respond(PDF)))).toEqual(PDF);
  });

  it('asks for an origin the user has not granted, fetching nothing; fetches once it is granted', async () => {
    const fetchFn = vi.fn(respond(PDF));
    const fetching = fetchPdf('https://example.com/a.pdf', opts(fetchFn));
    await expect(fetching).rejects.toBeInstanceOf(PageAccessNeededError);
    await expect(fetching).rejects.toMatchObject({ origin: 'https://example.com', code: 'page-unreadable' });
    await expect(fetching).rejects.toThrow(/example\.com.*permission/);
    // A loopback name over https, or a permission check that fails, is not this machine's grant.
    await expect(fetchPdf('https://127.0.0.1:9/a.pdf', opts(fetchFn))).rejects.toThrow(/permission/);
    const broken = async () => Promise.reject(new Error('No permissions API'));
    await expect(fetchPdf('https://example.com/a.pdf', opts(fetchFn, { granted: broken }))).rejects.toThrow(
      /permission/,
    );
    expect(fetchFn).not.toHaveBeenCalled();
    const granted = vi.fn(async (origin: string) => origin === 'https://example.com');
    expect(await fetchPdf('https://example.com/a.pdf', opts(fetchFn, { granted }))).toEqual(PDF);
    expect(granted).toHaveBeenCalledWith('https://example.com');
  });

  it('says so for an HTTP error, a file that is not a PDF, and one over the size cap', async () => {
    await expect(fetchPdf('http://127.0.0.1:9/a.pdf', opts(respond(PDF, { status: 404 })))).rejects.toThrow(
      /404/,
    );
    await expect(
      fetchPdf('http://127.0.0.1:9/a.pdf', opts(respond(new TextEncoder().encode('<html>')))),
    ).rejects.toThrow(/does not serve a PDF/);
    await expect(fetchPdf('http://127.0.0.1:9/a.pdf', opts(respond(PDF), { maxBytes: 4 }))).rejects.toThrow(
      /larger than/,
    );
  });

  it('refuses a redirect instead of following it, and stops reading a body that passes the cap', async () => {
    const redirect = (async () =>
      new Response(null, { status: 302, headers: { location: 'http://192.168.1.1/' } })) as typeof fetch;
    await expect(fetchPdf('http://127.0.0.1:9/a.pdf', opts(redirect))).rejects.toThrow(/redirects/);
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled++;
        controller.enqueue(pulled === 1 ? PDF : new Uint8Array(1024));
      },
      cancel: () => void (cancelled = true),
    });
    // No Content-Length: only reading tells the size.
    const streaming = (async () => new Response(endless)) as typeof fetch;
    await expect(
      fetchPdf('http://127.0.0.1:9/a.pdf', opts(streaming, { maxBytes: 10 * 1024 })),
    ).rejects.toThrow(/larger than/);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
  });

  it('says the PDF could not be downloaded when the network fails', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchPdf('http://localhost:9/a.pdf', opts(failing))).rejects.toThrow(/could not download/);
  });
});
