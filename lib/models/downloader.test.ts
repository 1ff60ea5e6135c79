import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../tests/fixtures/model-server';
import type { ModelRef } from '../protocol';
import { planDownload } from './download-plan';
import { Downloader, type DownloadProgress } from './downloader';
import { memoryCaches } from './memory-caches';
import { IdbPartialStore } from './partial-store';

let server: ModelServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const mlc = (s: ModelServer): ModelRef => ({
  engine: 'webllm',
  id: 'Synthetic-q4f32_1-MLC',
  url: s.repo,
  modelLib: s.modelLib,
});

function setup(s: ModelServer, options: { retries?: number; backoffMs?: number } = {}) {
  const caches = memoryCaches();
  const seen: DownloadProgress[][] = [];
  const downloader = new Downloader({
    fetch: (url, init) => fetch(url, init),
    caches,
    partials: new IdbPartialStore(`p-${Math.random()}`),
    onChange: (d) => seen.push(d),
    backoffMs: options.backoffMs ?? 20,
    retries: options.retries,
  });
  return { downloader, caches, seen };
}

describe('Downloader (real HTTP, IndexedDB via idb and fake-indexeddb, in-memory Cache API)', () => {
  it('knows every file and the exact size before fetching a shard, laid out as WebLLM caches it', async () => {
    server = await startModelServer({ shards: 3, shardBytes: 100_000 });
    const plan = await planDownload(mlc(server));
    expect(plan.totalBytes).toBe(server.modelBytes);
    expect(plan.files.map((f) => [f.cache, f.url.replace(server!.origin, '')])).toEqual([
      ['webllm/config', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/mlc-chat-config.json'],
      ['webllm/model', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/tokenizer.json'],
      ['webllm/model', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/tensor-cache.json'],
      ['webllm/model', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/params_shard_0.bin'],
      ['webllm/model', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/params_shard_1.bin'],
      ['webllm/model', '/test-org/Synthetic-q4f32_1-MLC/resolve/main/params_shard_2.bin'],
      ['webllm/wasm', '/test-org/libs/resolve/main/Synthetic-webgpu.wasm'],
    ]);
    expect(server.bytesServed()).toBeLessThan(5_000);
  });

  it('accepts a repository with only the older ndarray-cache.json, stored under the name WebLLM reads', async () => {
    server = await startModelServer({ shards: 2, shardBytes: 50_000, manifestName: 'ndarray-cache.json' });
    const { downloader, caches } = setup(server);
    const plan = await planDownload(mlc(server));
    expect(plan.totalBytes).toBe(server.modelBytes);
    await downloader.download(mlc(server));
    const model = await caches.open('webllm/model');
    const stored = await model.match(`${server.repo}/resolve/main/tensor-cache.json`);
    expect(((await stored!.json()) as { records: unknown[] }).records).toHaveLength(2);
    expect(await model.match(`${server.repo}/resolve/main/ndarray-cache.json`)).toBeUndefined();
  });

  it('downloads, verifies and caches every file once, with monotonic progress to 100%', async () => {
    server = await startModelServer({ shards: 4, shardBytes: 200_000 });
    const { downloader, caches, seen } = setup(server);
    await Promise.all([downloader.download(mlc(server)), downloader.download(mlc(server))]);
    const progress = seen.map((d) => d[0]!).filter((p) => p.state !== 'planning');
    const received = progress.map((p) => p.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      state: 'ready',
      receivedBytes: server.modelBytes,
      totalBytes: server.modelBytes,
    });
    expect([...caches.dump().get('webllm/model')!.keys()]).toHaveLength(6);
    // Two panels asked at once: one download.
    expect(server.bytesServed()).toBeLessThan(server.modelBytes * 1.02);
  });

  it('resumes from the last stored byte after the server dies mid-download', async () => {
    server = await startModelServer({ shards: 4, shardBytes: 1_500_000, bandwidth: 6_000_000 });
    const s = server;
    const { downloader } = setup(s, { backoffMs: 300, retries: 6 });
    const done = downloader.download(mlc(s));
    await expect
      .poll(() => s.bytesServed(), { interval: 20, timeout: 10_000 })
      .toBeGreaterThan(s.modelBytes * 0.5);
    s.kill();
    setTimeout(() => s.revive(), 400);
    await done;
    expect(s.bytesServed()).toBeLessThanOrEqual(s.modelBytes * 1.05);
  }, 30_000);

  it('detects a corrupted shard by its SHA-256 and fetches it again', async () => {
    server = await startModelServer({ shards: 2, shardBytes: 100_000 });
    server.corruptOnce('params_shard_1.bin');
    const { downloader, caches } = setup(server);
    await downloader.download(mlc(server));
    const stored = caches.dump().get('webllm/model')!.get(`${server.repo}/resolve/main/params_shard_1.bin`)!;
    const fresh = await (await fetch(`${server.repo}/resolve/main/params_shard_1.bin`)).arrayBuffer();
    expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(fresh))).toBe(true);
  });

  it('pauses, resumes and cancels', async () => {
    server = await startModelServer({ shards: 4, shardBytes: 500_000, bandwidth: 2_000_000 });
    const s = server;
    const { downloader, caches } = setup(s);
    const first = downloader.download(mlc(s)).catch((e: Error) => e);
    await expect
      .poll(() => downloader.list()[0]?.receivedBytes ?? 0, { interval: 20 })
      .toBeGreaterThan(200_000);
    downloader.pause(downloader.list()[0]!.key);
    expect((await first) as Error).toHaveProperty('message', 'The download is paused.');
    expect(downloader.list()[0]!.state).toBe('paused');
    s.setBandwidth(0);
    await downloader.resume(downloader.list()[0]!.key);
    expect(downloader.list()[0]!.state).toBe('ready');
    expect(s.bytesServed()).toBeLessThanOrEqual(s.modelBytes * 1.05);
    await downloader.cancel(downloader.list()[0]!.key);
    expect(downloader.list()).toEqual([]);
    expect(caches.dump().get('webllm/model')!.size).toBe(6);
  }, 30_000);

  it('refuses URLs that are not models, saying why', async () => {
    server = await startModelServer();
    await expect(
      planDownload({ engine: 'wllama', id: 'x', url: `${server.repo}/resolve/main/tokenizer.json` }),
    ).rejects.toThrow(/not a GGUF file/);
    await expect(
      planDownload({ engine: 'webllm', id: 'x', url: `${server.origin}/nothing`, modelLib: server.modelLib }),
    ).rejects.toThrow(/answered 404/);
  });
});

describe('matchesIntegrity', () => {
  it('checks SRI hashes', async () => {
    const { matchesIntegrity } = await import('./downloader');
    const data = new TextEncoder().encode('hello').buffer;
    expect(await matchesIntegrity(data, 'sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=')).toBe(true);
    expect(await matchesIntegrity(data, 'sha256-AAAANul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=')).toBe(false);
    expect(await matchesIntegrity(data, 'md5-abc sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=')).toBe(
      true,
    );
  });
});

describe('ModelHost', () => {
  it('resumes a download a restart interrupted, from its stored bytes', async () => {
    server = await startModelServer({ shards: 4, shardBytes: 1_000_000, bandwidth: 4_000_000 });
    const s = server;
    const { ModelHost } = await import('./model-host');
    const caches = memoryCaches();
    const partials = new IdbPartialStore(`p-${Math.random()}`);
    const first = new ModelHost({ caches, fetch: (u, i) => fetch(u, i), partials, onChange: () => {} });
    const running = first.download(mlc(s)).catch(() => {});
    await expect.poll(() => s.bytesServed(), { interval: 20 }).toBeGreaterThan(s.modelBytes * 0.4);
    // The "browser closes": the first host stops; a new one starts and carries on by itself.
    first.downloader.pause(first.downloads()[0]!.key);
    await running;
    const second = new ModelHost({ caches, fetch: (u, i) => fetch(u, i), partials, onChange: () => {} });
    await expect.poll(() => second.downloads()[0]?.state, { timeout: 10_000 }).toBe('ready');
    expect(s.bytesServed()).toBeLessThanOrEqual(s.modelBytes * 1.05);
    expect((await second.storageReport()).models.map((m) => m.model.id)).toEqual(['Synthetic-q4f32_1-MLC']);
  }, 20_000);
});
