/**
 * DuckDB-WASM in the engine host: the `eh` build shipped inside the extension (never a CDN),
 * in DuckDB's own Worker, opened on first use only.
 */
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { DuckConnection } from './table-database';

let opening: Promise<AsyncDuckDB> | null = null;

function database(): Promise<AsyncDuckDB> {
  opening ??= (async () => {
    const db = new AsyncDuckDB(new VoidLogger(), new Worker(ehWorker));
    await db.instantiate(ehWasm);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    return db;
  })();
  return opening;
}

/** A new connection to the shared database. */
export async function connectBrowserDuckDb(): Promise<DuckConnection> {
  return (await database()).connect();
}
