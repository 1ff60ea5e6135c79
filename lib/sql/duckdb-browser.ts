/**
 * DuckDB-WASM in the engine host: the `eh` build shipped inside the extension (never a CDN),
 * each instance in a Worker of its own, so closing one (a page evicted, a query that will not
 * stop) ends its Worker and frees its memory without touching another page's tables.
 */
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { DuckConnection, DuckInstance } from './duck-instance';

/** A new, empty DuckDB instance. */
export async function openBrowserDuckDb(): Promise<DuckInstance> {
  const worker = new Worker(ehWorker);
  try {
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    await db.instantiate(ehWasm);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const connection: DuckConnection = await db.connect();
    return { connection, close: () => db.terminate() };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}
