/**
 * What the storage manager lists: every downloaded model, its size on disk and when it was
 * last used, in IndexedDB (through idb). Deleting removes the model's files from every cache
 * it was written to, WebLLM's included.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ModelRef, StoredModel } from '../protocol';
import { modelKey, type DownloadPlan } from './download-plan';

interface RegistryDb extends DBSchema {
  models: { key: string; value: StoredModel };
  /** Downloads not finished yet: resumed when the host starts again (after a crash or a browser restart). */
  pending: { key: string; value: { key: string; model: ModelRef } };
}

export class ModelRegistry {
  private db: Promise<IDBPDatabase<RegistryDb>> | null = null;

  constructor(
    private readonly caches: CacheStorage,
    private readonly name = 'local-ai-models',
  ) {}

  private open(): Promise<IDBPDatabase<RegistryDb>> {
    this.db ??= openDB<RegistryDb>(this.name, 2, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) db.createObjectStore('models', { keyPath: 'key' });
        if (oldVersion < 2) db.createObjectStore('pending', { keyPath: 'key' });
      },
    });
    return this.db;
  }

  async add(plan: DownloadPlan): Promise<void> {
    const previous = await (await this.open()).get('models', plan.key);
    await (
      await this.open()
    ).put('models', {
      key: plan.key,
      model: plan.model,
      bytes: plan.totalBytes,
      files: plan.files.map(({ cache, url }) => ({ cache, url })),
      downloadedAt: Date.now(),
      lastUsed: previous?.lastUsed ?? null,
    });
  }

  async setPending(model: ModelRef, pending: boolean): Promise<void> {
    const db = await this.open();
    if (pending) await db.put('pending', { key: modelKey(model), model });
    else await db.delete('pending', modelKey(model));
  }

  async pending(): Promise<ModelRef[]> {
    return (await (await this.open()).getAll('pending')).map((p) => p.model);
  }

  async touch(model: ModelRef): Promise<void> {
    const db = await this.open();
    const entry = await db.get('models', modelKey(model));
    if (entry) await db.put('models', { ...entry, lastUsed: Date.now() });
  }

  /** Models whose files are all still there; entries whose files were cleared behind our back are dropped. */
  async list(): Promise<StoredModel[]> {
    const db = await this.open();
    const out: StoredModel[] = [];
    for (const entry of await db.getAll('models')) {
      const present = await Promise.all(
        entry.files.map(async (f) => Boolean(await (await this.caches.open(f.cache)).match(f.url))),
      );
      if (present.every(Boolean)) out.push(entry);
      else await db.delete('models', entry.key);
    }
    return out.sort((a, b) => (b.lastUsed ?? b.downloadedAt) - (a.lastUsed ?? a.downloadedAt));
  }

  async remove(model: ModelRef): Promise<void> {
    const db = await this.open();
    const entry = await db.get('models', modelKey(model));
    for (const f of entry?.files ?? []) await (await this.caches.open(f.cache)).delete(f.url);
    await db.delete('models', modelKey(model));
  }
}
