/**
 * Ten tabs and two panels on one host: each client's time to first token under contention.
 * That they share one engine and one model load is a fact, not a figure: tests/e2e/shared-host.spec.ts.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { bubble, runActionOnSelection, serviceWorkerOf } from '../../tests/e2e/fixtures';
import { contendedFirstTokens } from '../ext-client';
import { summarize, type Measure } from '../stats';
import { stopHostAndWorker } from './startup';

export async function measureTenTabs(
  context: BrowserContext,
  panel: Page,
  panelUrl: string,
  model: ModelRef,
  pageUrls: string[],
  tabCount = 10,
): Promise<Measure[]> {
  // A fresh host: every client below meets it cold, as after a browser start.
  await stopHostAndWorker(context, panel);
  await panel.evaluate((m) => chrome.storage.local.set({ activeModel: m }), model);
  const panel2 = await context.newPage();
  await panel2.goto(panelUrl);
  const tabs: Page[] = [];
  for (let i = 0; i < tabCount; i++) {
    const tab = await context.newPage();
    await tab.goto(pageUrls[i % pageUrls.length]!);
    tabs.push(tab);
  }
  const sw = await serviceWorkerOf(context);
  for (const tab of tabs) await runActionOnSelection(sw, tab, 'explain-selection');
  for (const tab of tabs)
    await bubble(tab).and(tab.locator('[data-state=done]')).waitFor({ timeout: 60_000 });

  const messages = [{ role: 'user', content: 'Hello there.' }];
  const ttfts = await contendedFirstTokens(panel2, { model, messages, max_tokens: 32, temperature: 0 }, 12);
  for (const tab of tabs) await tab.close();
  await panel2.close();
  return [
    summarize(
      'ttft_10_tabs_ms',
      "12 simultaneous clients: each one's time to first token (spread = min…max)",
      ttfts,
      'ms',
      '',
      'queued one after another by design: one engine, one model',
    ),
  ];
}
