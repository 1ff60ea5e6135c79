/**
 * The page API's own cost: time to first token through `localAI.LanguageModel` in a web page
 * (main world → MessageChannel → content script → Port → host, plus the consent read) minus time
 * to first token through the side panel's path (an extension page's Port straight to the host),
 * same model, same prompt, same run, pairs alternating.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { median } from '../../lib/measure/median';
import { streamThroughExtension } from '../ext-client';
import { summarize, type Measure } from '../stats';

const PROMPT = 'Say hello to the world and tell me about this page.';
const TOKENS = 32;

/** One streamed prompt in the page, timed where the page sees it; the session is made beforehand. */
function pageTtft(page: Page): Promise<number> {
  return page.evaluate(async (prompt) => {
    const api = (window as unknown as { localAI: { LanguageModel: PageLanguageModel } }).localAI;
    const session = await api.LanguageModel.create({ temperature: 0 });
    const start = performance.now();
    const reader = session.promptStreaming(prompt).getReader();
    await reader.read();
    const ttft = performance.now() - start;
    while (!(await reader.read()).done);
    session.destroy();
    return ttft;
  }, PROMPT);
}

interface PageLanguageModel {
  create(options: { temperature: number }): Promise<{
    promptStreaming(input: string): ReadableStream<string>;
    destroy(): void;
  }>;
}

export async function measurePageApi(
  context: BrowserContext,
  panel: Page,
  model: ModelRef,
  pageUrl: string,
  reps: number,
): Promise<Measure[]> {
  const origin = new URL(pageUrl).origin;
  // The user's choices, made in an extension page: this model for chat, and this site allowed.
  await panel.evaluate(
    ([m, o]) =>
      chrome.storage.local.set({
        activeModel: m,
        pageApiSites: { [o]: { decision: 'always', providers: false, decidedAt: Date.now() } },
      }),
    [model, origin] as const,
  );
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'localAI' in window);
  const params = { model, messages: [{ role: 'user', content: PROMPT }], max_tokens: TOKENS, temperature: 0 };
  const run = {
    page: async () => {
      await page.bringToFront();
      return pageTtft(page);
    },
    panel: async () => {
      await panel.bringToFront();
      return (await streamThroughExtension(panel, params)).ttftMs;
    },
  };
  for (let i = 0; i < 2; i++) {
    await run.page();
    await run.panel();
  }
  const pairs: { page: number; panel: number }[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which side goes first; pause so a page's three calls a turn stay inside its rate limit.
    if (i % 2) pairs.push({ panel: await run.panel(), page: await run.page() });
    else pairs.push({ page: await run.page(), panel: await run.panel() });
    await page.waitForTimeout(400);
  }
  await page.close();
  const side = (key: 'page' | 'panel') => median(pairs.map((p) => p[key])).toFixed(1);
  return [
    summarize(
      'page_api_ttft_extra_ms',
      'extra time to first token through the page API over the side panel path (llama.cpp, warm)',
      pairs.map((p) => p.page - p.panel),
      'ms',
      '≤ 5',
      `n=${pairs.length}; page API ${side('page')} ms, side panel ${side('panel')} ms`,
    ),
  ];
}
