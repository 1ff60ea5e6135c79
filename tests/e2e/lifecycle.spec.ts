/**
 * Lifecycle: the service worker stopping, and an asker going away, mid-stream. These use the
 * synthetic engine (a named test double emitting numbered words at a fixed, slow rate) so
 * that "mid-stream" lasts long enough to act in; the path under test is the extension's own.
 */
import { bubble, chooseModel, expect, hostRequest, runActionOnSelection, test } from './fixtures';

const SLOW = { engine: 'synthetic', id: 'synthetic-100' }; // 100 tokens/s

test('stopping the service worker mid-stream does not cut the stream', async ({ context, panel }) => {
  await chooseModel(panel, SLOW);
  await panel.locator('textarea[name=prompt]').fill('Count for me.');
  await panel.locator('textarea[name=prompt]').press('Enter');
  const answer = panel.getByTestId('answer');
  await expect(answer).toContainText('w20 ');

  const cdp = await context.newCDPSession(panel);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v: { runningStatus: string }) => v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  const atStop = ((await answer.textContent()) ?? '').trim().split(' ').length;
  expect(atStop).toBeLessThan(512);

  // The panel's max_tokens is 512: the whole stream arrives, in order, after the stop.
  await expect(answer).toContainText(/\bw511\b/, { timeout: 20_000 });
  const words = ((await answer.textContent()) ?? '').trim().split(' ');
  expect(words).toEqual(Array.from({ length: 512 }, (_, i) => `w${i}`));

  // And the extension still works afterwards: the next request wakes the worker again.
  await panel.locator('textarea[name=prompt]').fill('Again.');
  await panel.locator('textarea[name=prompt]').press('Enter');
  await expect(answer).toContainText('w3 ');
});

test('closing a tab mid-stream frees the engine for the next request', async ({
  context,
  sw,
  panel,
  pages,
}) => {
  await chooseModel(panel, SLOW);
  const tab = await context.newPage();
  await tab.goto(pages.a);
  await runActionOnSelection(sw, tab, 'explain-selection');
  await expect(bubble(tab)).toHaveAttribute('data-state', 'streaming');
  await expect(tab.locator('local-ai-bubble .answer')).toContainText('w5 ');

  await tab.close();
  // The host drops the closed tab's request at once: nothing runs, the tab's client is gone.
  await expect.poll(async () => (await hostRequest(panel, 'status')).running, { timeout: 5_000 }).toBe(0);

  await panel.locator('textarea[name=prompt]').fill('Are you free?');
  await panel.locator('textarea[name=prompt]').press('Enter');
  // The next request starts streaming at once instead of waiting behind 256 tokens (2.5 s).
  await expect(panel.getByTestId('answer')).toContainText('w0 ', { timeout: 1_500 });
});
