/**
 * PDFs: a 50-page PDF served from 127.0.0.1 open in a tab, then the side panel opened on it; the
 * time from the panel's navigation to the PDF's text being the chat page (the chip shows its
 * title). Includes the panel's own start and pdf.js loading, fetching and reading every page.
 */
import type { BrowserContext } from '@playwright/test';
import { longPdf } from '../../tests/fixtures/pdf/make-pdfs';
import { startStaticServer } from '../../tests/fixtures/static-server';
import { summarize, type Measure } from '../stats';

export async function measurePdf(
  context: BrowserContext,
  panelUrl: string,
  tabIdOfActive: () => Promise<number>,
  reps: number,
): Promise<Measure[]> {
  const server = await startStaticServer({
    '/long.pdf': { body: await longPdf(50), type: 'application/pdf' },
  });
  const values: number[] = [];
  try {
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/long.pdf`).catch(() => {}); // the viewer may report an aborted load
    await tab.bringToFront();
    const tabId = await tabIdOfActive();
    for (let i = 0; i < reps; i++) {
      const panel = await context.newPage();
      await panel.goto(`${panelUrl}?tab=${tabId}`);
      const chip = await panel.waitForFunction(
        () => {
          const text = document.querySelector('[data-testid=page-chip]')?.textContent ?? '';
          return text.includes('Long report') ? performance.now() : null;
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      values.push((await chip.jsonValue()) as number);
      await panel.close();
    }
    await tab.close();
  } finally {
    await server.close();
  }
  return [
    summarize(
      'pdf_text_50_pages_ms',
      'PDF of 50 pages → its text is the chat page (panel opened on the tab)',
      values,
      'ms',
      '≤ 1500',
      'includes the panel start-up and loading pdf.js',
    ),
  ];
}
