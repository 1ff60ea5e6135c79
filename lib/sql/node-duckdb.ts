/**
 * Real DuckDB-WASM (the same eh WebAssembly build the extension ships) in Node, through its
 * blocking bindings: for unit tests and the benchmark. The extension uses duckdb-browser.ts.
 */
import { createRequire } from 'node:module';
import { NODE_RUNTIME, VoidLogger, createDuckDB } from '@duckdb/duckdb-wasm/blocking';
import type { DuckInstance } from './duck-instance';

/** A new, empty DuckDB instance of its own. */
export async function openNodeDuckDb(): Promise<DuckInstance> {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
  const db = await createDuckDB(
    {
      mvp: { mainModule: `${dir}duckdb-mvp.wasm`, mainWorker: `${dir}duckdb-node-mvp.worker.cjs` },
      eh: { mainModule: `${dir}duckdb-eh.wasm`, mainWorker: `${dir}duckdb-node-eh.worker.cjs` },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const connection = db.connect();
  return {
    connection,
    close: async () => {
      connection.close();
    },
  };
}
