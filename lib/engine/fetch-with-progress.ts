import { ModelLoadError, errorMessage } from '../protocol';

/**
 * Fetches a whole file into a Blob, reporting bytes as they arrive.
 * @throws {ModelLoadError} on network errors and non-2xx answers, with the status in words.
 */
export async function fetchWithProgress(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'omit' });
  } catch (error) {
    throw new ModelLoadError(`Could not reach ${url}: ${errorMessage(error)}`);
  }
  if (!response.ok) {
    throw new ModelLoadError(`${url} answered ${response.status} ${response.statusText}`.trim());
  }
  const header = Number(response.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  if (total !== null && loaded !== total) {
    throw new ModelLoadError(`${url} was cut off after ${loaded} of ${total} bytes.`);
  }
  return new Blob(parts as BlobPart[]);
}
