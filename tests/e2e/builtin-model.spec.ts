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
import { startOpenAiServer } from '../fixtures/openai-server';
import { startStaticServer } from '../fixtures/static-server';
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

  await expect(panel.getByTestId('status-download')).toContainText(
    "Chrome's built-in model answers meanwhile",
  );
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

test("Chrome's model failing mid-answer hands over to the provider the user allowed, never with page text they did not allow", async ({
  context,
  sw,
  extensionId,
}) => {
  const api = await startOpenAiServer({ apiKey: 'sk-local' });
  const site = await startStaticServer({
    '/notes.html': {
      body: '<!doctype html><title>Notes</title><article><h1>Notes</h1><p>SECRET-PAGE-MARKER in a paragraph long enough to read.</p></article>',
    },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/notes.html`);
    const tabId = await sw.evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
    );
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    const provider = { engine: 'remote' as const, id: 'echo', url: api.baseUrl };
    // The user added the test server and let it answer while models download (Settings → Providers).
    await panel.evaluate(
      ([provider, baseUrl]) =>
        chrome.storage.local.set({
          providers: [
            { id: 'p1', name: 'Test server', kind: 'openai', baseUrl, apiKey: 'sk-local', models: ['echo'] },
          ],
          fallback: { model: provider, whenNoWebGpu: false, whenDownloading: true, whenTooLong: false },
        }),
      [provider, api.baseUrl] as const,
    );
    // The status line shows once the panel has started the engine host, where the double goes.
    await expect(panel.getByTestId('status')).toBeVisible();
    await useDouble(panel, 'failing');
    const chosen = { engine: 'wllama' as const, id: 'tiny-downloaded', url: server.ggufUrl };
    server.setBandwidth(20_000);
    await panel.evaluate((m) => chrome.storage.local.set({ activeModel: m }), chosen);
    void hostRequest(panel, 'models.download', chosen).catch(() => undefined);
    await expect(panel.getByTestId('status-download')).toBeVisible();
    await expect(panel.getByTestId('page-chip')).toContainText('Notes');

    // With the page attached and no consent for this site, the provider is no stand-in: Chrome's
    // model fails, nothing else is here, and its error says what to do.
    await panel.locator('textarea[name=prompt]').fill('Is the page safe?');
    await panel.keyboard.press('Enter');
    await expect(panel.getByRole('alert')).toContainText("Chrome's built-in model stopped mid-answer", {
      timeout: 30_000,
    });
    await expect(panel.getByRole('alert')).toContainText('Ask again, or pick another model');
    expect(api.requests().filter((r) => r.path.endsWith('/chat/completions'))).toEqual([]);

    // Without the page, the provider takes over from the failed start, and the answer says so.
    await panel.getByTestId('page-chip').locator('input[type=checkbox]').uncheck();
    const answer = await ask(panel, 'Are you there?');
    expect(answer.answer).toBe('Are you there?');
    expect(answer.run).toMatch(
      /^Answered by echo on a server on this machine \(127\.0\.0\.1:\d+\) while tiny-downloaded downloads/,
    );
    const chats = api.requests().filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(1);
    expect(chats[0]!.body).not.toContain('SECRET-PAGE-MARKER');
  } finally {
    await api.close();
    await site.close();
  }
});
