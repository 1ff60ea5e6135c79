/**
 * Runs one query within a time limit and a result-size cap. DuckDB-WASM executes a "pending"
 * query a slice at a time when polled, so we poll, yield to the event loop between slices,
 * and cancel once the deadline passes; the result is fetched batch by batch and fetching
 * stops once the byte cap is reached. Rows are capped by the caller's LIMIT.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { SqlError, errorMessage } from '../protocol';
import type { DuckBindings, DuckConnection } from './duck-instance';

export interface QueryLimits {
  /** Stop the query after this long. */
  timeoutMs: number;
  /** Stop reading the result after this many bytes (Arrow IPC, close to the data's own size). */
  maxBytes: number;
}

export interface BoundedResult {
  table: Table;
  /** The result was larger than `maxBytes`: only the batches before the cap are in `table`. */
  cappedBytes: boolean;
}

/** The end-of-stream marker of the Arrow IPC stream format, for a stream we stop reading early. */
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * @throws {SqlError} with DuckDB's message when the query fails, or saying the time limit
 * stopped it.
 */
export async function boundedQuery(
  connection: DuckConnection,
  sql: string,
  limits: QueryLimits,
): Promise<BoundedResult> {
  return connection.useUnsafe(async (bindings: DuckBindings, conn: number) => {
    const deadline = performance.now() + limits.timeoutMs;
    const tooLong = async () => {
      await bindings.cancelPendingQuery(conn);
      return new SqlError(
        `The query ran longer than ${seconds(limits.timeoutMs)} and was stopped. Ask for something smaller (filter, aggregate or LIMIT).`,
      );
    };
    let header: Uint8Array | null;
    try {
      header = await bindings.startPendingQuery(conn, sql, false);
      while (header === null) {
        if (performance.now() > deadline) throw await tooLong();
        await yieldToEventLoop();
        header = await bindings.pollPendingQuery(conn);
      }
    } catch (error) {
      throw error instanceof SqlError ? error : new SqlError(errorMessage(error));
    }
    const parts: Uint8Array[] = [header];
    let bytes = header.length;
    let cappedBytes = false;
    for (;;) {
      const chunk = await bindings.fetchQueryResults(conn);
      if (chunk === null) {
        if (performance.now() > deadline) throw await tooLong();
        await yieldToEventLoop();
        continue;
      }
      if (chunk.length === 0) break;
      if (bytes + chunk.length > limits.maxBytes) {
        // The next query on this connection discards what is left of this result.
        cappedBytes = true;
        parts.push(END_OF_STREAM);
        break;
      }
      parts.push(chunk);
      bytes += chunk.length;
    }
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    return { table: tableFromIPC(all), cappedBytes };
  });
}
