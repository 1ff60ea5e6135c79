/**
 * Bytes of files still downloading, kept in IndexedDB (through idb) in pieces as they arrive,
 * so a download interrupted by a crash, a closed browser or a dropped network resumes from
 * the last stored byte with an HTTP Range request instead of starting over.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

interface PartialDb extends DBSchema {
  pieces: { key: [string, number]; value: { url: string; index: number; data: Blob } };
}

export interface PartialStore {
  /** Bytes stored for `url` so far. */
  received(url: string): Promise<number>;
  append(url: string, data: Blob): Promise<void>;
  /** Everything stored for `url`, as one Blob. */
  blob(url: string): Promise<Blob>;
  remove(url: string): Promise<void>;
}

export class IdbPartialStore implements PartialStore {
  private db: Promise<IDBPDatabase<PartialDb>> | null = null;

  constructor(private readonly name = 'local-ai-partials') {}

  private open(): Promise<IDBPDatabase<PartialDb>> {
    this.db ??= openDB<PartialDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('pieces', { keyPath: ['url', 'index'] });
      },
    });
    return this.db;
  }

  private async pieces(url: string) {
    return (await this.open()).getAll('pieces', IDBKeyRange.bound([url, 0], [url, Number.MAX_SAFE_INTEGER]));
  }

  async received(url: string): Promise<number> {
    return (await this.pieces(url)).reduce((n, p) => n + p.data.size, 0);
  }

  async append(url: string, data: Blob): Promise<void> {
    const db = await this.open();
    const keys = await db.getAllKeys('pieces', IDBKeyRange.bound([url, 0], [url, Number.MAX_SAFE_INTEGER]));
    await db.put('pieces', { url, index: keys.length, data });
  }

  async blob(url: string): Promise<Blob> {
    return new Blob((await this.pieces(url)).sort((a, b) => a.index - b.index).map((p) => p.data));
  }

  async remove(url: string): Promise<void> {
    await (await this.open()).delete('pieces', IDBKeyRange.bound([url, 0], [url, Number.MAX_SAFE_INTEGER]));
  }
}
