import { describe, expect, it, vi } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import { pdfPageContext, pdfPassages, pdfPagesText } from './pdf-context';
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
    const bridge = withPdfReading(page, {
      tabUrl: async () => 'http://127.0.0.1:1/r.pdf',
      read,
      open: vi.fn(),
    });
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
      open: vi.fn(),
    });
    await bridge.ask('page-context', {});
    expect(read).toHaveBeenCalledWith('http://127.0.0.1:1/linked.pdf');
  });

  it('leaves web pages, unknown addresses and every other request to the page', async () => {
    const page = pageBridge();
    const read = vi.fn(async () => PDF);
    const web = withPdfReading(page, {
      tabUrl: async () => 'https://example.com/a.html',
      read,
      open: vi.fn(),
    });
    expect((await web.ask('page-context', {})).title).toBe('Web page');
    const unknown = withPdfReading(page, {
      tabUrl: async () => {
        throw new Error('No tab with id 9.');
      },
      read,
      open: vi.fn(),
    });
    expect((await unknown.ask('page-context', {})).title).toBe('Web page');
    await web.ask('selection', {});
    expect(page.asked).toEqual(['page-context', 'page-context', 'selection']);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads the PDF a viewer tab names when the browser does not tell the tab’s address', async () => {
    const viewer: PageBridge = {
      scope: async () => 'tab-1',
      ask: async () => ({ url: 'https://example.com/r.pdf', title: '', text: '', source: 'none' }) as never,
    };
    const read = vi.fn(async () => PDF);
    const bridge = withPdfReading(viewer, { tabUrl: async () => undefined, read, open: vi.fn() });
    expect((await bridge.ask('page-context', {})).title).toBe('Water report');
    expect(read).toHaveBeenCalledWith('https://example.com/r.pdf');
    // A page with text of its own is the page, whatever its address says.
    const web = withPdfReading(pageBridge(), { tabUrl: async () => undefined, read, open: vi.fn() });
    expect((await web.ask('page-context', {})).title).toBe('Web page');
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe('citations of a PDF', () => {
  it('open the PDF at the cited passage’s page: in its tab, or beside a right-clicked link', async () => {
    const page = pageBridge();
    const open = vi.fn(async () => {});
    const inTab = withPdfReading(page, {
      tabUrl: async () => 'http://127.0.0.1:1/r.pdf',
      read: async () => PDF,
      open,
    });
    const context = await inTab.ask('page-context', {});
    const fact = context.passages!.find((p) => p.text === 'The fact.')!;
    expect(fact).toMatchObject({ id: '2', page: 2 });
    expect(await inTab.ask('show-passage', { id: fact.id, hash: fact.hash })).toEqual({ outcome: 'shown' });
    expect(open).toHaveBeenLastCalledWith('http://127.0.0.1:1/r.pdf#page=2', true);
    // A passage the PDF does not have (or whose text changed) is never shown.
    expect(await inTab.ask('show-passage', { id: fact.id, hash: '00000000' })).toEqual({ outcome: 'gone' });
    expect(open).toHaveBeenCalledTimes(1);

    const linked = withPdfReading(page, {
      pdfUrl: 'http://127.0.0.1:1/linked.pdf',
      tabUrl: async () => 'https://example.com/',
      read: async () => PDF,
      open,
    });
    const first = (await linked.ask('page-context', {})).passages![0]!;
    await linked.ask('show-passage', { id: first.id, hash: first.hash });
    expect(open).toHaveBeenLastCalledWith('http://127.0.0.1:1/linked.pdf#page=1', false);
    expect(page.asked).toEqual([]);
  });

  it('leave a web page’s citations to the page', async () => {
    const page = pageBridge();
    const web = withPdfReading(page, {
      tabUrl: async () => 'https://example.com/a.html',
      read: async () => PDF,
      open: vi.fn(),
    });
    await web.ask('page-context', {});
    await web.ask('show-passage', { id: '1', hash: '00000000' });
    expect(page.asked).toEqual(['page-context', 'show-passage']);
  });
});

describe('pdfPassages', () => {
  it('cuts pages into paragraphs and long paragraphs at line ends, numbered across the document', () => {
    const line = (n: number) =>
      `Line ${n} of a long paragraph about flow, storage and rainfall in the basin.`;
    const long = Array.from({ length: 20 }, (_, i) => line(i)).join('\n');
    const passages = pdfPassages({
      title: null,
      pageCount: 2,
      pages: [
        { page: 1, text: 'Heading\n\nFirst paragraph.\n\n\n' },
        { page: 2, text: long },
      ],
    });
    expect(passages.slice(0, 2).map((p) => [p.id, p.page, p.text])).toEqual([
      ['1', 1, 'Heading'],
      ['2', 1, 'First paragraph.'],
    ]);
    const pageTwo = passages.slice(2);
    expect(pageTwo.length).toBeGreaterThan(1);
    expect(pageTwo.every((p) => p.page === 2 && p.text.length <= 760)).toBe(true);
    expect(pageTwo.map((p) => p.text).join(' ')).toBe(long.replace(/\n/g, ' '));
    expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => String(i + 1)));
  });
});

describe('pdfPageContext', () => {
  it('cuts a text layer over the cap, like a web page, and says how much there was', () => {
    const big = { ...PDF, pages: [1, 2, 3].map((page) => ({ page, text: 'x'.repeat(400) })), pageCount: 3 };
    const context = pdfPageContext('http://127.0.0.1:1/big.pdf', big, 1000);
    expect(context.passages!.map((p) => [p.page, p.text.length])).toEqual([
      [1, 400],
      [2, 400],
      [3, 200],
    ]);
    expect(context.fullChars).toBeGreaterThan(context.text.length);
    expect(pdfPageContext('http://127.0.0.1:1/r.pdf', PDF).fullChars).toBe(
      pdfPageContext('http://127.0.0.1:1/r.pdf', PDF).text.length,
    );
  });
});

describe('pdfPagesText', () => {
  it('says when the page cap cut the PDF, and the title says it too', () => {
    const cut = { ...PDF, pageCount: 900 };
    expect(pdfPagesText(cut)).toMatch(/Only the first 2 of 900 pages were read/);
  });
});
