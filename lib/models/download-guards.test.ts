import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../tests/fixtures/model-server';
import type { ModelRef } from '../protocol';
import { planDownload, repositoryFile } from './download-plan';
import { Downloader } from './downloader';
import { isModelUrl } from './hosts';
import { memoryCaches } from './memory-caches';
import { IdbPartialStore } from './partial-store';

const servers: ModelServer[] = [];
async function serve(options: Parameters<typeof startModelServer>[0] = {}) {
  const s = await startModelServer(options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const mlc = (s: ModelServer): ModelRef => ({
  engine: 'webllm',
  id: 'Synthetic-q4f32_1-MLC',
  url: s.repo,
  modelLib: s.modelLib,
});

function downloader(
  options: { storage?: { estimate(): Promise<StorageEstimate> }; allowedUrl?: (u: string) => boolean } = {},
) {
  return new Downloader({
    fetch: (url, init) => fetch(url, init),
    caches: memoryCaches(),
    partials: new IdbPartialStore(`p-${Math.random()}`),
    onChange: () => {},
    backoffMs: 10,
    ...options,
  });
}

describe('downloads that cannot be abused (real HTTP against the local model server)', () => {
  it('stops a file at its declared size and fails it with a clear message, without retrying', async () => {
    const s = await serve({ shards: 2, shardBytes: 100_000 });
    s.misbehave('params_shard_1.bin', 'endless');
    const error = await downloader()
      .download(mlc(s))
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/params_shard_1\.bin sent more than its declared 100000 bytes/);
    // One request for the endless file, and far less than "without limit" served.
    expect(s.log().filter((l) => l.includes('params_shard_1.bin'))).toHaveLength(1);
    expect(s.bytesServed()).toBeLessThan(s.modelBytes + 8 * 1024 * 1024);
  });

  it('refuses a file whose size the server does not give, and an unsized GGUF, instead of counting 0 bytes', async () => {
    const s = await serve({ gguf: Buffer.concat([Buffer.from('GGUF'), randomBytes(2000)]) });
    s.misbehave('tokenizer.json', 'unsized');
    await expect(planDownload(mlc(s))).rejects.toThrow(/tokenizer\.json does not say how big it is/);
    s.misbehave('gguf', 'unsized');
    await expect(planDownload({ engine: 'wllama', id: 'g', url: s.ggufUrl })).rejects.toThrow(
      /tiny-llama\.gguf does not say how big it is/,
    );
  });

  it('checks the planned total against free storage before the first shard, saying what is needed and free', async () => {
    const s = await serve({ shards: 3, shardBytes: 1_000_000 });
    const d = downloader({ storage: { estimate: async () => ({ quota: 2_000_000, usage: 1_500_000 }) } });
    await expect(d.download(mlc(s))).rejects.toThrow(
      /needs 3\.\d MB more storage, but only 500 kB is free\. Delete a model/,
    );
    expect(s.log().filter((l) => l.includes('params_shard'))).toEqual([]);
    expect(s.bytesServed()).toBeLessThan(10_000);
  });

  it.each([
    'http://evil.example/x.bin',
    '//evil.example/x.bin',
    '/etc/passwd',
    '../../other-model/resolve/main/x.bin',
    'sub/../../../x.bin',
    '..%2F..%2Fx.bin',
    '..\\..\\x.bin',
    'https:x.bin',
    'data:,hello',
  ])('refuses a manifest path that leaves the repository: %s', async (dataPath) => {
    const s = await serve({ shards: 1, shardBytes: 1000 });
    s.setFile(
      'tensor-cache.json',
      Buffer.from(
        JSON.stringify({ records: [{ dataPath, nbytes: 1000, format: 'raw-shard', records: [] }] }),
      ),
    );
    await expect(planDownload(mlc(s))).rejects.toThrow(/names a file outside the model's repository/);
  });

  it('refuses tokenizer files outside the repository and shards without a size', async () => {
    const s = await serve({ shards: 1, shardBytes: 1000 });
    s.setFile(
      'mlc-chat-config.json',
      Buffer.from(JSON.stringify({ tokenizer_files: ['../../../secret/tokenizer.json'] })),
    );
    await expect(planDownload(mlc(s))).rejects.toThrow(/mlc-chat-config\.json names a file outside/);
    const t = await serve({ shards: 1, shardBytes: 1000 });
    t.setFile(
      'tensor-cache.json',
      Buffer.from(JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 'lots' }] })),
    );
    await expect(planDownload(mlc(t))).rejects.toThrow(/a shard without a valid size/);
    expect(repositoryFile('https://huggingface.co/o/m/resolve/main/', 'a/b.bin', 'x')).toBe(
      'https://huggingface.co/o/m/resolve/main/a/b.bin',
    );
  });

  it('follows a redirect only to a model host', async () => {
    const s = await serve({ shards: 2, shardBytes: 10_000 });
    const elsewhere = await serve({ shards: 2, shardBytes: 10_000 });
    s.misbehave('params_shard_0.bin', { redirect: `${elsewhere.repo}/resolve/main/params_shard_0.bin` });
    const onlyFirst = (u: string) => u.startsWith(s.origin);
    // Planning probes the size: the redirect is refused there already.
    await expect(downloader({ allowedUrl: onlyFirst }).download(mlc(s))).rejects.toThrow(
      /params_shard_0\.bin redirected to http:\/\/127\.0\.0\.1:\d+, which is not a model host/,
    );
  });

  it('sends nothing to a host that is not a model host, though the CSP would let it through', async () => {
    const s = await serve({ shards: 1, shardBytes: 1000 });
    // The server stands in for a LAN or cloud host a provider may live on: not a model host.
    const notHere = (u: string) => !u.startsWith(s.origin);
    await expect(downloader({ allowedUrl: notHere }).download(mlc(s))).rejects.toThrow(
      /http:\/\/127\.0\.0\.1:\d+ is not a model host: .*Nothing was downloaded/,
    );
    await expect(
      downloader({ allowedUrl: notHere }).download({ engine: 'wllama', id: 'g', url: `${s.origin}/m.gguf` }),
    ).rejects.toThrow(/is not a model host/);
    expect(s.log()).toEqual([]);
  });

  it('knows the model hosts', () => {
    expect(isModelUrl('https://huggingface.co/x')).toBe(true);
    expect(isModelUrl('https://cdn-lfs.hf.co/x')).toBe(true);
    expect(isModelUrl('https://cas-bridge.xethub.hf.co/x')).toBe(true);
    expect(isModelUrl('http://127.0.0.1:8080/x.gguf')).toBe(true);
    expect(isModelUrl('https://evilhuggingface.co/x')).toBe(false);
    expect(isModelUrl('http://huggingface.co/x')).toBe(false);
    expect(isModelUrl('https://huggingface.co.evil.example/x')).toBe(false);
    expect(isModelUrl('https://huggingface.co:8443/x')).toBe(false);
  });
});
