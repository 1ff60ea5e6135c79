/**
 * A page asking for a model that is not on this device: its create() waits while the user is
 * asked in the side panel, follows the download the user starts (progress to its monitor, one
 * direction only), and is refused when the user says not now or does not answer. The real router,
 * ModelHost and downloader over real HTTP (the local model server); the synthetic engine (a test
 * double) loads the model.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../tests/fixtures/model-server';
import { PAGE_API_PORT, type ModelRef } from '../protocol';
import { ModelHost } from '../models/model-host';
import { memoryCaches } from '../models/memory-caches';
import { IdbPartialStore } from '../models/partial-store';
import type { TrustedSettings } from './page-policy';
import { SiteDownloads } from './site-downloads';
import { PANEL, pageSender, testRouter } from './test-router';

const A = 'https://a.example';
const B = 'https://b.example';
let server: ModelServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(bandwidth = 2_000_000) {
  server = await startModelServer({ shards: 4, shardBytes: 250_000, bandwidth });
  const model: ModelRef = {
    engine: 'webllm',
    id: 'Synthetic-q4f32_1-MLC',
    url: server.repo,
    modelLib: server.modelLib,
  };
  let router: ReturnType<typeof testRouter>['router'] | null = null;
  const models = new ModelHost({
    caches: memoryCaches(),
    fetch: (u, i) => fetch(u, i),
    partials: new IdbPartialStore(`p-${Math.random()}`),
    onChange: () => router?.statusChanged(),
  });
  const onDisk = async (m: ModelRef) =>
    (await models.storageReport()).models.some((s) => s.model.id === m.id);
  const settings: TrustedSettings = {
    chosenModels: async () => [],
    consented: async () => false,
    pageAccess: async () => ({ access: 'allowed', providers: false, model }),
  };
  const t = testRouter({ settings, models }, onDisk);
  router = t.router;
  const panel = t.connect(PANEL).client;
  const page = (origin: string) => t.connect(pageSender(origin), PAGE_API_PORT).client;
  const waiting = () => t.router.status().siteDownloads.map((d) => d.origin);
  return { model, models, panel, page, waiting, router: t.router, server };
}

describe('a page asking for a model that is not on this device', () => {
  it('waits for the user, then follows the download they start, with progress in one direction', async () => {
    const { panel, page, waiting, model, server } = await setup();
    const client = page(A);
    await expect(client.request('page.availability', {})).resolves.toEqual({ availability: 'downloadable' });
    const progress: number[] = [];
    const created = client.request('page.create', {}, { onChunk: (c) => progress.push(c.progress) });
    await expect.poll(waiting).toEqual([A]);
    // Nothing is fetched while the user has not answered.
    expect(server.bytesServed()).toBe(0);
    // The panel sees which site waits for which model; pages never see this.
    expect((await panel.request('status', {})).siteDownloads).toEqual([{ origin: A, model }]);
    await panel.request('site.download', { origin: A, download: true });
    const info = await created;
    expect(info.sessionId).toBeTruthy();
    expect(waiting()).toEqual([]);
    expect(server.bytesServed()).toBeGreaterThanOrEqual(server.modelBytes);
    // The download's share first (several steps below 0.9), then the load, ending at 1.
    expect(progress.filter((p) => p > 0 && p < 0.9).length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    await expect(client.request('page.availability', {})).resolves.toEqual({ availability: 'available' });
  }, 20_000);

  it('joins a download the user already runs without asking again', async () => {
    const { models, page, waiting, model } = await setup(1_000_000);
    const running = models.download(model);
    await expect.poll(() => models.downloads()[0]?.state).toBe('downloading');
    const progress: number[] = [];
    await page(B).request('page.create', {}, { onChunk: (c) => progress.push(c.progress) });
    await running;
    expect(waiting()).toEqual([]);
    expect(progress.some((p) => p > 0 && p < 0.9)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  }, 20_000);

  it('is refused when the user says not now, and stops waiting when the page aborts', async () => {
    const { panel, page, waiting, server } = await setup();
    const refused = page(A).request('page.create', {});
    await expect.poll(waiting).toEqual([A]);
    await panel.request('site.download', { origin: A, download: false });
    await expect(refused).rejects.toMatchObject({
      code: 'consent-required',
      message: expect.stringContaining('chose not to download'),
    });
    const controller = new AbortController();
    const aborted = page(B).request('page.create', {}, { signal: controller.signal });
    await expect.poll(waiting).toEqual([B]);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    await expect.poll(waiting).toEqual([]);
    expect(server.bytesServed()).toBe(0);
  });

  it("takes the answer from Local AI's own pages only", async () => {
    const { page, waiting } = await setup();
    const client = page(A);
    void client.request('page.create', {}).catch(() => undefined);
    await expect.poll(waiting).toEqual([A]);
    await expect(client.request('site.download', { origin: A, download: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(waiting()).toEqual([A]);
  });
});

describe('SiteDownloads', () => {
  const model: ModelRef = { engine: 'webllm', id: 'M' };
  it('refuses a request nobody answers in time, and caps how many sites wait', async () => {
    const timers: (() => void)[] = [];
    const requests = new SiteDownloads({
      onChange: () => undefined,
      setTimer: (run) => (timers.push(run), () => undefined),
    });
    const signal = new AbortController().signal;
    const first = requests.wait('https://0.example', model, signal);
    for (let i = 1; i < 8; i++)
      void requests.wait(`https://${i}.example`, model, signal).catch(() => undefined);
    await expect(requests.wait('https://9.example', model, signal)).rejects.toMatchObject({
      code: 'rate-limited',
    });
    timers[0]!();
    await expect(first).rejects.toMatchObject({ code: 'consent-required' });
    expect(requests.list()).toHaveLength(7);
    expect(requests.answer('https://nobody.example', true)).toBeNull();
  });

  it('asks about the newest model when the model changes while a site waits, refusing the old wait', async () => {
    const requests = new SiteDownloads({ onChange: () => undefined });
    const signal = new AbortController().signal;
    const old = requests.wait(A, model, signal);
    const other: ModelRef = { engine: 'wllama', id: 'N', url: 'https://huggingface.co/n.gguf' };
    const current = requests.wait(A, other, signal);
    await expect(old).rejects.toMatchObject({
      code: 'consent-required',
      message: expect.stringContaining('N'),
    });
    expect(requests.list()).toEqual([{ origin: A, model: other }]);
    expect(requests.answer(A, true)).toEqual(other);
    await expect(current).resolves.toBeUndefined();
  });
});
