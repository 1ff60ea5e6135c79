import { describe, expect, it, vi } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import { pdfPagesText } from './pdf-context';
import { withPdfReading } from './pdf-page-bridge';
import type { PdfText } from './read-pdf';

const PDF: PdfText = {
  title: 'Water report',
  pageCount: 2,
  pages: [
    { page: 1, text: 'Intro.' },
    { page: 2, text: 'The fact.' },
  ],
};

/** A test double for the page's content script: answers as a web page would. */
function pageBridge(): PageBridge & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    scope: async () => 'tab-1',
    ask: async (method) => {
      asked.push(method);
      return { url: 'https://example.com/', title: 'Web page', text: 'web', source: 'readable' } as never;
    },
  };
}

describe('withPdfReading', () => {
  it('answers the page context from the PDF when the tab shows one', async () => {
    const page = pageBridge();
    const read = vi.fn(async () => PDF);
    const bridge = withPdfReading(page, { tabUrl: async () => 'http://127.0.0.1:1/r.pdf', read });
    const context = await bridge.ask('page-context', {});
    expect(read).toHaveBeenCalledWith('http://127.0.0.1:1/r.pdf');
    expect(context).toMatchObject({
      title: 'Water report',
      url: 'http://127.0.0.1:1/r.pdf',
      source: 'readable',
    });
    expect(context.text).toBe('[Page 1]\nIntro.\n\n[Page 2]\nThe fact.');
    expect(page.asked).toEqual([]);
  });

  it('reads a right-clicked PDF link instead of the tab', async () => {
    const read = vi.fn(async () => PDF);
    const bridge = withPdfReading(pageBridge(), {
      pdfUrl: 'http://127.0.0.1:1/linked.pdf',
      tabUrl: async () => 'https://example.com/',
      read,
    });
    await bridge.ask('page-context', {});
    expect(read).toHaveBeenCalledWith('http://127.0.0.1:1/linked.pdf');
  });

  it('leaves web pages, unknown addresses and every other request to the page', async () => {
    const page = pageBridge();
    const read = vi.fn(async () => PDF);
    const web = withPdfReading(page, { tabUrl: async () => 'https://example.com/a.html', read });
    expect((await web.ask('page-context', {})).title).toBe('Web page');
    const unknown = withPdfReading(page, {
      tabUrl: async () => {
        throw new Error('No tab with id 9.');
      },
      read,
    });
    expect((await unknown.ask('page-context', {})).title).toBe('Web page');
    await web.ask('selection', {});
    expect(page.asked).toEqual(['page-context', 'page-context', 'selection']);
    expect(read).not.toHaveBeenCalled();
  });
});

describe('pdfPagesText', () => {
  it('says when the page cap cut the PDF, and the title says it too', () => {
    const cut = { ...PDF, pageCount: 900 };
    expect(pdfPagesText(cut)).toMatch(/Only the first 2 of 900 pages were read/);
  });
});
