/**
 * Streams one file into the partial store, resuming where the last attempt stopped (HTTP
 * Range), never past the size its manifest declared, and only from a model host.
 */
import { LocalAiError } from '../protocol';
import { notAModelHost, type DownloadFile, type Fetch } from './download-plan';
import type { PartialStore } from './partial-store';

const FLUSH_BYTES = 1 << 20;

/** A failure worth trying again after a pause (network, 5xx, a corrupted transfer). */
export class RetryableError extends Error {}

export interface TransferDeps {
  fetch: Fetch;
  partials: PartialStore;
  signal: AbortSignal;
  /** Bytes of this file stored so far, as they arrive. */
  onBytes: (bytes: number) => void;
  /** Where a response may come from after redirects. */
  allowedUrl: (url: string) => boolean;
}

/**
 * @throws {RetryableError} for what a retry may fix; {LocalAiError} 'model-load-failed' for
 * what it will not (a 4xx, a redirect off the model hosts, more bytes than declared).
 */
export async function transferFile(deps: TransferDeps, file: DownloadFile): Promise<Blob> {
  const { partials, signal } = deps;
  let start = await partials.received(file.url);
  if (start > file.size) {
    await partials.remove(file.url);
    start = 0;
  }
  deps.onBytes(start);
  if (start === file.size) return partials.blob(file.url);
  if (!deps.allowedUrl(file.url)) throw notAModelHost(file.url);
  let res: Response;
  try {
    res = await deps.fetch(file.url, {
      headers: start ? { Range: `bytes=${start}-` } : {},
      signal,
      credentials: 'omit',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RetryableError(`Network error fetching ${file.url}`);
  }
  if (res.url && !deps.allowedUrl(res.url)) {
    await res.body?.cancel();
    throw new LocalAiError(
      'model-load-failed',
      `${file.url} redirected to ${new URL(res.url).origin}, which is not a model host; the download was stopped.`,
    );
  }
  if (res.status >= 500 || res.status === 429 || res.status === 408)
    throw new RetryableError(`${file.url} answered ${res.status}`);
  if (!res.ok)
    throw new LocalAiError(
      'model-load-failed',
      `${file.url} answered ${res.status}; the model may have moved.`,
    );
  if (start && res.status !== 206) {
    // The server ignored the Range: it sends the whole file, so start over.
    await partials.remove(file.url);
    start = 0;
  }
  const reader = res.body!.getReader();
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let received = start;
  const flush = async () => {
    if (!heldBytes) return;
    await partials.append(file.url, new Blob(held as BlobPart[]));
    held = [];
    heldBytes = 0;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > file.size) {
        // Never store a byte past the declared size: a server cannot fill the disk this way.
        await reader.cancel();
        await partials.remove(file.url);
        throw new LocalAiError(
          'model-load-failed',
          `${file.url} sent more than its declared ${file.size} bytes; the download was stopped there. The model's files do not match its manifest: try another model.`,
        );
      }
      held.push(value);
      heldBytes += value.length;
      received += value.length;
      deps.onBytes(received);
      if (heldBytes >= FLUSH_BYTES) await flush();
    }
  } catch (error) {
    if (error instanceof LocalAiError) throw error;
    await flush();
    if (signal.aborted) throw error;
    throw new RetryableError(`The connection dropped while fetching ${file.url}`);
  }
  await flush();
  return partials.blob(file.url);
}
