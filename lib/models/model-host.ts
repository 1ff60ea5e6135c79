/**
 * The host's model service: downloads (one per model, progress to every client), the storage
 * manager (models on disk, usage and quota, delete), persistent storage.
 */
import type { ModelRef, StorageReport } from '../protocol';
import { Downloader, type DownloadProgress } from './downloader';
import { ModelRegistry } from './model-registry';
import { IdbPartialStore, type PartialStore } from './partial-store';
import type { Fetch } from './download-plan';

export class ModelHost {
  readonly downloader: Downloader;
  private readonly registry: ModelRegistry;
  private persistAsked = false;

  constructor(
    private readonly deps: {
      caches: CacheStorage;
      fetch: Fetch;
      onChange: () => void;
      partials?: PartialStore;
      storage?: StorageManager;
    },
  ) {
    this.registry = new ModelRegistry(deps.caches);
    this.downloader = new Downloader({
      fetch: deps.fetch,
      caches: deps.caches,
      partials: deps.partials ?? new IdbPartialStore(),
      storage: deps.storage,
      onChange: () => deps.onChange(),
      onReady: async (plan) => {
        await this.registry.add(plan);
        await this.registry.setPending(plan.model, false);
      },
    });
    void this.resumePending();
  }

  /** Picks up downloads a crash or a browser restart interrupted, from their last stored byte. */
  private async resumePending(): Promise<void> {
    for (const model of await this.registry.pending().catch(() => []))
      void this.downloader.download(model).catch(() => {});
  }

  downloads(): DownloadProgress[] {
    return this.downloader.list();
  }

  touch(model: ModelRef): void {
    void this.registry.touch(model).catch(() => {});
  }

  async storageReport(): Promise<StorageReport> {
    const estimate = await this.deps.storage?.estimate().catch(() => null);
    return {
      models: await this.registry.list(),
      usedBytes: estimate?.usage ?? null,
      quotaBytes: estimate?.quota ?? null,
      persisted: (await this.deps.storage?.persisted().catch(() => false)) ?? false,
    };
  }

  /** Deletes a model's files, and whatever WebLLM stored for it itself. */
  private async remove(model: ModelRef): Promise<void> {
    await this.registry.remove(model);
    await this.registry.setPending(model, false);
    if (model.engine === 'webllm') {
      const [{ deleteModelAllInfoInCache }, { buildAppConfig }] = await Promise.all([
        import('@mlc-ai/web-llm'),
        import('./webllm-config'),
      ]);
      await deleteModelAllInfoInCache(model.id, buildAppConfig(model)).catch(() => {});
    }
  }

  /** Downloads `model` (or joins its running download); resolves when it is verified and cached. */
  async download(model: ModelRef): Promise<{ ok: true }> {
    if (!this.persistAsked) {
      // Ask once that the browser keep our storage under pressure (granted silently to extensions).
      this.persistAsked = true;
      void this.deps.storage?.persist().catch(() => false);
    }
    void this.registry.setPending(model, true);
    await this.downloader.download(model);
    return { ok: true };
  }

  pause(key: string): { ok: true } {
    this.downloader.pause(key);
    return { ok: true };
  }

  async resume(key: string): Promise<{ ok: true }> {
    await this.downloader.resume(key);
    return { ok: true };
  }

  async cancel(key: string): Promise<{ ok: true }> {
    const job = this.downloader.list().find((d) => d.key === key);
    if (job) void this.registry.setPending(job.model, false);
    await this.downloader.cancel(key);
    return { ok: true };
  }

  async delete(model: ModelRef): Promise<{ ok: true }> {
    await this.remove(model);
    return { ok: true };
  }
}
