/**
 * The data the protocol carries, owned here so that lib/protocol depends on nothing else:
 * the implementations (lib/sql, lib/models) import these types; lib/tables keeps its own pure
 * domain types, and the page side checks at compile time that what it extracts fits the wire.
 */
import type * as v from 'valibot';
import type { ExtractedTableSchema } from './schema';
import type { ModelRef } from './messages';

/** A page table as it crosses a Port: the shape `ExtractedTableSchema` accepts. */
export type ExtractedTable = v.InferOutput<typeof ExtractedTableSchema>;
export type TableColumn = ExtractedTable['columns'][number];
export type ColumnType = TableColumn['type'];

/** Rows a read-only query returned, as plain JSON values. */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: (number | string | boolean | null)[][];
  rowCount: number;
  truncated: boolean;
  /** Why the result is shorter than asked, where a cap cut it. */
  note?: string;
  /** Time the query took in the host, where measured. */
  elapsedMs?: number;
}

export type DownloadState = 'planning' | 'downloading' | 'paused' | 'ready' | 'failed' | 'cancelled';

/** One model download as every open panel sees it. */
export interface DownloadProgress {
  key: string;
  model: ModelRef;
  state: DownloadState;
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft: number | null;
  filesDone: number;
  files: number;
  error: string | null;
}

/** A model on disk, as the storage manager lists it. */
export interface StoredModel {
  key: string;
  model: ModelRef;
  bytes: number;
  /** Where each file lives: cache name and URL key. */
  files: { cache: string; url: string }[];
  downloadedAt: number;
  lastUsed: number | null;
}

export interface StorageReport {
  models: StoredModel[];
  usedBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean;
}
