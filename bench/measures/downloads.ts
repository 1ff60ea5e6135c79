/**
 * Downloads: time against the ideal at a throttled bandwidth, bytes when the model is used from
 * pages on three origins, and bytes fetched again after the host dies at about 50%.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  PAGE_HTML,
  bubble,
  hostRequest,
  runActionOnSelection,
  serviceWorkerOf,
} from '../../tests/e2e/fixtures';
import { startModelServer } from '../../tests/fixtures/model-server';
import { startStaticServer } from '../../tests/fixtures/static-server';
import { TINY_MODEL_FILE } from '../../tests/fixtures/tiny-model/make-tiny-gguf';
import { timedHostCall } from '../ext-client';
import { summarize, type Measure } from '../stats';

const BANDWIDTH = 16_000_000; // bytes per second, shared by every connection

export async function measureDownloads(
  context: BrowserContext,
  panel: Page,
  reps: number,
): Promise<Measure[]> {
  const server = await startModelServer({
    shards: 12,
    shardBytes: 2_000_000,
    bandwidth: BANDWIDTH,
    gguf: readFileSync(TINY_MODEL_FILE),
  });
  const mlc = {
    engine: 'webllm' as const,
    id: 'Synthetic-q4f32_1-MLC',
    url: server.repo,
    modelLib: server.modelLib,
  };
  const origins = await Promise.all(
    ['127.0.0.1', 'localhost', '127.0.0.2'].map((host) =>
      startStaticServer({ '/page.html': { body: PAGE_HTML } }, host),
    ),
  );
  try {
    const efficiency: number[] = [];
    for (let i = 0; i < Math.min(reps, 5); i++) {
      await hostRequest(panel, 'models.delete', mlc);
      server.resetBytes();
      const ms = await timedHostCall(panel, 'models.download', mlc);
      efficiency.push(ms / ((server.bytesServed() / BANDWIDTH) * 1000));
    }

    // Three origins use the tiny GGUF: it is fetched once, however many sites use it.
    const gguf = { engine: 'wllama' as const, id: 'tiny-3-origins', url: server.ggufUrl };
    server.setBandwidth(0);
    server.resetBytes();
    await timedHostCall(panel, 'models.download', gguf);
    await panel.evaluate((m) => chrome.storage.local.set({ activeModel: m }), gguf);
    const sw = await serviceWorkerOf(context);
    for (const origin of origins) {
      const tab = await context.newPage();
      await tab.goto(`${origin.origin}/page.html`);
      await runActionOnSelection(sw, tab, 'explain-selection');
      await bubble(tab).and(tab.locator('[data-state=done]')).waitFor({ timeout: 60_000 });
      await tab.close();
    }
    const ggufBytes = readFileSync(TINY_MODEL_FILE).length;
    const threeOrigins = server.bytesServed() / ggufBytes;

    // Kill the host at about half way, bring it back: how much is fetched twice?
    const refetch: number[] = [];
    for (let i = 0; i < Math.min(reps, 3); i++) {
      await hostRequest(panel, 'models.delete', mlc);
      server.setBandwidth(BANDWIDTH);
      server.resetBytes();
      const done = timedHostCall(panel, 'models.download', mlc);
      while (server.bytesServed() < server.modelBytes * 0.5) await new Promise((r) => setTimeout(r, 10));
      server.kill();
      await new Promise((r) => setTimeout(r, 500));
      server.revive();
      await done;
      refetch.push(Math.max(0, server.bytesServed() - server.modelBytes) / server.modelBytes);
    }
    return [
      summarize(
        'download_efficiency',
        `download time ÷ (bytes ÷ ${BANDWIDTH / 1e6} MB/s throttled bandwidth), ${(server.modelBytes / 1e6).toFixed(1)} MB model`,
        efficiency,
        'ratio',
        '≤ 1.10',
      ),
      summarize(
        'bytes_3_origins_ratio',
        'bytes fetched when pages on 3 origins use the model ÷ model size',
        [threeOrigins],
        'ratio',
        '= 1',
      ),
      summarize(
        'refetch_after_kill_ratio',
        'bytes fetched again after the model host dies at ~50% ÷ model size',
        refetch,
        'ratio',
        '≤ 0.05',
      ),
    ];
  } finally {
    await server.close();
    await Promise.all(origins.map((o) => o.close()));
  }
}
