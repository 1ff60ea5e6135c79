/**
 * Downloads: a synthetic MLC model and the tiny GGUF from a local model host with throttling,
 * a kill switch and corruption on demand, counting every byte it serves.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TINY_MODEL_FILE, writeTinyModel } from '../fixtures/tiny-model/make-tiny-gguf';
import { startModelServer, type ModelServer } from '../fixtures/model-server';
import { bubble, expect, hostRequest, runActionOnSelection, test } from './fixtures';

let server: ModelServer;
test.beforeEach(async () => {
  writeTinyModel(TINY_MODEL_FILE);
  server = await startModelServer({ shards: 4, shardBytes: 1_500_000, gguf: readFileSync(TINY_MODEL_FILE) });
});
test.afterEach(async () => server.close());

const mlc = () => ({
  engine: 'webllm' as const,
  id: 'Synthetic-q4f32_1-MLC',
  url: server.repo,
  modelLib: server.modelLib,
});
const gguf = () => ({ engine: 'wllama' as const, id: 'tiny-downloaded', url: server.ggufUrl });

async function openPanel(panelPage: Page, extensionId: string): Promise<Page> {
  const panel = await panelPage.context().newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return panel;
}

test('a model added by URL downloads with monotonic progress shown in every panel, and WebLLM finds it cached', async ({
  panel,
  extensionId,
}, testInfo) => {
  server.setBandwidth(3_000_000);
  const second = await openPanel(panel, extensionId);
  await panel.getByRole('tab', { name: 'Models' }).click();
  await panel.locator('.custom-model > summary').click();
  const form = panel.locator('.custom-model');
  await form.locator('.model-picker summary').click();
  await form.locator('select[name=engine]').selectOption('webllm');
  await form.locator('input[name=model-id]').fill('Synthetic-q4f32_1-MLC');
  await form.locator('input[name=model-url]').fill(server.repo);
  await form.locator('input[name=model-lib]').fill(server.modelLib);
  await form.getByRole('button', { name: 'Use this model' }).click();

  // The other panel, on another view, shows the same download and watches it grow.
  const seen: number[] = [];
  const details: string[] = [];
  await expect(second.getByTestId('status-download')).toBeVisible();
  // Until the download leaves the status line, or shows a failure (then the test says which).
  const deadline = Date.now() + 60_000;
  while ((await second.getByTestId('status-download').count()) > 0 && Date.now() < deadline) {
    const text =
      (await second
        .getByTestId('status-download')
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    const pct = /(\d+)%/.exec(text);
    details.push(text);
    if (pct) seen.push(Number(pct[1]));
    if (/fail|error|could not/i.test(text)) break;
    await second.waitForTimeout(50);
  }
  expect(details.at(-1) ?? '', 'the last download status shown').not.toMatch(/fail|error|could not/i);
  await expect(second.getByTestId('status-download')).toHaveCount(0);
  expect(seen.length).toBeGreaterThan(5);
  expect(details.some((t) => /MB of [\d.]+ MB · [\d.]+ MB\/s · \d+ s left/.test(t))).toBe(true);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  await panel.setViewportSize({ width: 360, height: 900 });
  await expect(panel.getByTestId('stored-model')).toContainText('Synthetic-q4f32_1-MLC');
  await panel.screenshot({ path: testInfo.outputPath('models.png'), fullPage: true });
  expect(server.bytesServed()).toBeLessThanOrEqual(server.modelBytes * 1.01);
  expect(await hostRequest(panel, 'cached', mlc())).toEqual({ cached: true });
});

test('a download killed at about 50% resumes from where it stopped', async ({ panel }) => {
  server.setBandwidth(4_000_000);
  const done = hostRequest(panel, 'models.download', mlc());
  await expect.poll(() => server.bytesServed(), { intervals: [20] }).toBeGreaterThan(server.modelBytes * 0.5);
  server.kill();
  await panel.waitForTimeout(700);
  server.revive();
  await done;
  expect(server.bytesServed()).toBeLessThanOrEqual(server.modelBytes * 1.05);
  expect(await hostRequest(panel, 'cached', mlc())).toEqual({ cached: true });
});

test('a corrupted shard is caught and fetched again; two panels asking at once share one download', async ({
  panel,
  extensionId,
}) => {
  server.corruptOnce('params_shard_2.bin');
  const second = await openPanel(panel, extensionId);
  await Promise.all([
    hostRequest(panel, 'models.download', mlc()),
    hostRequest(second, 'models.download', mlc()),
  ]);
  const served = server.bytesServed();
  const shardGets = server.log().filter((l) => l.startsWith('GET params_shard_2.bin'));
  const shard = `${server.repo}/resolve/main/params_shard_2.bin`;
  const [stored, fresh] = await Promise.all([
    panel.evaluate(
      async (url) =>
        Array.from(
          new Uint8Array(await (await (await caches.open('webllm/model')).match(url))!.arrayBuffer()).slice(
            0,
            4000,
          ),
        ),
      shard,
    ),
    fetch(shard).then(async (r) => Array.from(new Uint8Array(await r.arrayBuffer()).slice(0, 4000))),
  ]);
  expect(stored).toEqual(fresh);
  // One download plus the one shard fetched again, not two downloads.
  expect(shardGets).toHaveLength(2);
  expect(served).toBeLessThan(server.modelBytes * 1.3);
  expect(await hostRequest(panel, 'cached', mlc())).toEqual({ cached: true });
});

test('the tiny GGUF downloaded this way answers from pages on two more origins without fetching again', async ({
  context,
  sw,
  panel,
  pages,
}) => {
  await hostRequest(panel, 'models.download', gguf());
  const afterDownload = server.bytesServed();
  expect(afterDownload).toBeLessThanOrEqual(readFileSync(TINY_MODEL_FILE).length * 1.01 + 1000);
  await panel.evaluate((m) => chrome.storage.local.set({ activeModel: m }), gguf());
  for (const url of [pages.a, pages.b]) {
    const tab = await context.newPage();
    await tab.goto(url);
    await runActionOnSelection(sw, tab, 'explain-selection');
    await expect(bubble(tab)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect(
      ((await tab.locator('local-ai-bubble .answer').textContent()) ?? '').trim().length,
    ).toBeGreaterThan(10);
  }
  expect(server.bytesServed()).toBe(afterDownload);

  const storage = await hostRequest(panel, 'models.storage');
  expect(storage.models).toEqual([
    expect.objectContaining({
      model: expect.objectContaining({ id: 'tiny-downloaded' }),
      lastUsed: expect.any(Number),
    }),
  ]);
  await hostRequest(panel, 'models.delete', gguf());
  expect(await hostRequest(panel, 'cached', gguf())).toEqual({ cached: false });
});

test('URLs that are not models get a clear message, and nothing is kept', async ({ panel }) => {
  await expect(
    hostRequest(panel, 'models.download', {
      engine: 'wllama',
      id: 'x',
      url: `${server.repo}/resolve/main/tokenizer.json`,
    }),
  ).rejects.toThrow(/not a GGUF file/);
  await expect(
    hostRequest(panel, 'models.download', {
      engine: 'webllm',
      id: 'y',
      url: `${server.origin}/nope`,
      modelLib: server.modelLib,
    }),
  ).rejects.toThrow(/404/);
  expect((await hostRequest(panel, 'models.storage')).models).toEqual([]);
});
