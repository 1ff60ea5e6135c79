/**
 * Answers before the download ends: while the chosen model downloads slowly from the local model
 * server, Chrome's built-in model answers and the answer says so; once the download is done the
 * chosen model (the tiny GGUF) answers the next question. Headless Chromium has no built-in model:
 * the test build's seam puts the named `LanguageModel` test double in its place in the engine host.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TINY_MODEL_FILE, writeTinyModel } from '../fixtures/tiny-model/make-tiny-gguf';
import { startModelServer, type ModelServer } from '../fixtures/model-server';
import { DOUBLE_ANSWER, type DoubleMode } from '../../lib/engine/test-doubles/language-model-double';
import { expect, hostRequest, test } from './fixtures';

let server: ModelServer;
test.beforeEach(async () => {
  writeTinyModel(TINY_MODEL_FILE);
  server = await startModelServer({ gguf: readFileSync(TINY_MODEL_FILE) });
});
test.afterEach(async () => server.close());

async function useDouble(panel: Page, mode: DoubleMode): Promise<void> {
  const installed = await panel.evaluate(
    (mode) => chrome.runtime.sendMessage<object, unknown>({ method: 'test.builtin-model', params: { mode } }),
    mode,
  );
  expect(installed, 'this spec needs a test build: npm run build:test').toEqual({
    ok: true,
    data: { ok: true },
  });
}

async function ask(panel: Page, question: string): Promise<{ answer: string; run: string }> {
  const runs = panel.getByTestId('run');
  const before = await runs.count();
  await panel.locator('textarea[name=prompt]').fill(question);
  await panel.keyboard.press('Enter');
  // Each answer gets its label (who answered, where, how fast) when it is done.
  await expect(runs).toHaveCount(before + 1, { timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 60_000 });
  return {
    answer: ((await panel.getByTestId('answer').textContent()) ?? '').trim(),
    run: (await runs.last().textContent()) ?? '',
  };
}

test("while the chosen model downloads, Chrome's built-in model answers and says so; the chosen model takes over when ready", async ({
  panel,
}, testInfo) => {
  const chosen = { engine: 'wllama' as const, id: 'tiny-downloaded', url: server.ggufUrl };
  expect((await hostRequest(panel, 'status')).builtin.availability, 'no built-in model here').toBe(
    'unavailable',
  );
  await useDouble(panel, 'available');
  await expect.poll(async () => (await hostRequest(panel, 'status')).builtin.availability).toBe('available');

  // About 12 s for the tiny model's half megabyte: slow enough to ask while it downloads.
  server.setBandwidth(40_000);
  await panel.evaluate((m) => chrome.storage.local.set({ activeModel: m }), chosen);
  const downloaded = hostRequest(panel, 'models.download', chosen);
  await expect(panel.getByTestId('status-download')).toBeVisible();

  const first = await ask(panel, 'What can you do?');
  expect(first.answer).toBe(DOUBLE_ANSWER);
  expect(first.run).toMatch(
    /^Answered by Chrome's built-in model while tiny-downloaded downloads · first token/,
  );
  // It answered before the download ended, and nothing of the chosen model was loaded for it.
  const during = await hostRequest(panel, 'status');
  expect(during.downloads.map((d) => d.state)).toEqual(['downloading']);
  expect(during.loaded?.id).not.toBe('tiny-downloaded');
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.screenshot({ path: testInfo.outputPath('answered-by-builtin.png'), fullPage: true });

  server.setBandwidth(0);
  await downloaded;
  await expect(panel.getByTestId('status-download')).toHaveCount(0);
  const second = await ask(panel, 'And now?');
  expect(second.answer.length).toBeGreaterThan(0);
  expect(second.answer).not.toBe(DOUBLE_ANSWER);
  expect(second.run).toMatch(/^tiny-downloaded · on this device \(llama\.cpp\) · first token/);
  expect((await hostRequest(panel, 'status')).loaded?.id).toBe('tiny-downloaded');
});
