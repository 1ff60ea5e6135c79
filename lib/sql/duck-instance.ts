/**
 * One DuckDB instance and the slice of its API we use. The async (browser Worker) and blocking
 * (Node) builds both fit, so the sandbox, the limits and the tests run the same code on both.
 */
import type { Table } from 'apache-arrow';

type Maybe<T> = T | Promise<T>;

/** DuckDB-WASM's pending-query calls: a query runs in slices we can stop between. */
export interface DuckBindings {
  startPendingQuery(conn: number, text: string, allowStreamResult?: boolean): Maybe<Uint8Array | null>;
  pollPendingQuery(conn: number): Maybe<Uint8Array | null>;
  cancelPendingQuery(conn: number): Maybe<boolean>;
  fetchQueryResults(conn: number): Maybe<Uint8Array | null>;
}

export interface DuckConnection {
  query(sql: string): Maybe<Table>;
  prepare(sql: string): Maybe<{ close(): unknown }>;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): Maybe<void>;
  useUnsafe<R>(callback: (bindings: DuckBindings, conn: number) => R): R;
}

/** A whole database of its own: closing it frees its memory (and in the browser ends its Worker). */
export interface DuckInstance {
  connection: DuckConnection;
  close(): Promise<void>;
}

export type OpenDuckInstance = () => Promise<DuckInstance>;
