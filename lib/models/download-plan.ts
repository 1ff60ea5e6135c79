/**
 * Which files a model needs, where each one goes, and how big it is — known before any large
 * byte moves. WebLLM models are laid out exactly as WebLLM caches them (cache names
 * webllm/config, webllm/model, webllm/wasm; keys are the full file URLs), so WebLLM loads what
 * we downloaded without fetching again. GGUF files go to our own cache for llama.cpp.
 */
import { LocalAiError, type ModelRef, errorMessage } from '../protocol';
import { GGUF_CACHE } from './cache-names';

export interface DownloadFile {
  url: string;
  cache: string;
  /** Exact size where the manifest or the server says it; null if unknown until it arrives. */
  size: number | null;
  /** Hex SHA-256 from the tensor manifest, where given. */
  sha256?: string;
  /** Subresource Integrity ("sha256-…") from the model record, where given. */
  integrity?: string;
  /** Already fetched while planning (small files). */
  body?: Uint8Array;
}

export interface DownloadPlan {
  key: string;
  model: ModelRef;
  files: DownloadFile[];
  /** Sum of known sizes. */
  totalBytes: number;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export function modelKey(model: ModelRef): string {
  return `${model.engine}:${model.id}:${model.url ?? ''}`;
}

/** WebLLM's own rule: a repository URL gets "resolve/main/" unless it names a revision. */
export function modelBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return url;
}

async function fetchSmall(fetchFn: Fetch, url: string, what: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFn(url, { credentials: 'omit' });
  } catch (error) {
    throw new LocalAiError(
      'model-load-failed',
      `Could not reach ${url} (${errorMessage(error)}). Check the connection and try again.`,
    );
  }
  if (!res.ok)
    throw new LocalAiError(
      'model-load-failed',
      `${url} answered ${res.status}: this is not a model ${what} we can use.`,
    );
  return new Uint8Array(await res.arrayBuffer());
}

function parseJson<T>(bytes: Uint8Array, url: string, what: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new LocalAiError(
      'model-load-failed',
      `${url} is not valid JSON, so this is not an MLC model (${what}).`,
    );
  }
}

/** Asks the server for a file's size without downloading it (a one-byte Range request). */
async function remoteSize(fetchFn: Fetch, url: string): Promise<number | null> {
  const res = await fetchFn(url, { headers: { Range: 'bytes=0-0' }, credentials: 'omit' });
  if (res.status === 206) {
    const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
    await res.body?.cancel();
    return total ? Number(total[1]) : null;
  }
  if (!res.ok) throw new LocalAiError('model-load-failed', `${url} answered ${res.status}.`);
  const length = Number(res.headers.get('content-length'));
  await res.body?.cancel();
  return Number.isFinite(length) && length > 0 ? length : null;
}

/**
 * The files of `model`, with sizes.
 * @throws {LocalAiError} 'model-load-failed' when the URL does not lead to a usable model.
 */
export async function planDownload(model: ModelRef, fetchFn: Fetch = fetch): Promise<DownloadPlan> {
  const files: DownloadFile[] = [];
  if (model.engine === 'wllama') {
    if (!model.url)
      throw new LocalAiError('model-load-failed', 'A llama.cpp model needs the URL of its .gguf file.');
    const head = await fetchFn(model.url, { headers: { Range: 'bytes=0-3' }, credentials: 'omit' }).catch(
      () => null,
    );
    const magic = head?.ok
      ? new TextDecoder().decode(new Uint8Array(await head.arrayBuffer()).slice(0, 4))
      : '';
    if (magic !== 'GGUF')
      throw new LocalAiError(
        'model-load-failed',
        `${model.url} is not a GGUF file (it does not start with "GGUF").`,
      );
    files.push({ url: model.url, cache: GGUF_CACHE, size: await remoteSize(fetchFn, model.url) });
  } else if (model.engine === 'webllm') {
    // Loaded only when a WebLLM model is planned: WebLLM is large and the host starts without it.
    const { buildAppConfig } = await import('./webllm-config');
    const record = buildAppConfig(model).model_list[0]!;
    const base = modelBaseUrl(record.model);
    const configUrl = `${base}mlc-chat-config.json`;
    const configBytes = await fetchSmall(fetchFn, configUrl, 'configuration');
    const config = parseJson<{ tokenizer_files?: string[] }>(configBytes, configUrl, 'mlc-chat-config.json');
    files.push({
      url: configUrl,
      cache: 'webllm/config',
      size: configBytes.length,
      body: configBytes,
      integrity: record.integrity?.config,
    });
    for (const name of config.tokenizer_files ?? ['tokenizer.json']) {
      const url = `${base}${name}`;
      files.push({
        url,
        cache: 'webllm/model',
        size: await remoteSize(fetchFn, url),
        integrity: record.integrity?.tokenizer?.[name],
      });
    }
    // Installed WebLLM reads tensor-cache.json; older repositories carry the same manifest as
    // ndarray-cache.json only. Either is stored under the name WebLLM reads.
    const manifestUrl = `${base}tensor-cache.json`;
    const manifestBytes = await fetchSmall(fetchFn, manifestUrl, 'weights manifest').catch(
      async (error: unknown) => {
        const older = await fetchFn(`${base}ndarray-cache.json`, { credentials: 'omit' }).catch(() => null);
        if (!older?.ok) throw error;
        return new Uint8Array(await older.arrayBuffer());
      },
    );
    const manifest = parseJson<{ records?: { dataPath: string; nbytes: number; sha256?: string }[] }>(
      manifestBytes,
      manifestUrl,
      'tensor-cache.json',
    );
    if (!Array.isArray(manifest.records) || !manifest.records.length) {
      throw new LocalAiError(
        'model-load-failed',
        `${manifestUrl} lists no weight shards: this is not an MLC model.`,
      );
    }
    files.push({ url: manifestUrl, cache: 'webllm/model', size: manifestBytes.length, body: manifestBytes });
    for (const r of manifest.records) {
      files.push({
        url: new URL(r.dataPath, base).href,
        cache: 'webllm/model',
        size: r.nbytes,
        sha256: r.sha256,
      });
    }
    // A model library shipped inside the extension needs no download.
    if (!record.model_lib.startsWith(globalThis.location?.origin ?? '\u0000')) {
      files.push({
        url: record.model_lib,
        cache: 'webllm/wasm',
        size: await remoteSize(fetchFn, record.model_lib),
        integrity: record.integrity?.model_lib,
      });
    }
  } else {
    throw new LocalAiError('model-load-failed', 'The synthetic engine has nothing to download.');
  }
  return { key: modelKey(model), model, files, totalBytes: files.reduce((n, f) => n + (f.size ?? 0), 0) };
}
