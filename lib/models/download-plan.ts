/**
 * Which files a model needs, where each one goes, and how big it is — known before any large
 * byte moves. WebLLM models are laid out exactly as WebLLM caches them (cache names
 * webllm/config, webllm/model, webllm/wasm; keys are the full file URLs), so WebLLM loads what
 * we downloaded without fetching again. GGUF files go to our own cache for llama.cpp.
 */
import { LocalAiError, type ModelRef, errorMessage } from '../protocol';
import { GGUF_CACHE } from './cache-names';
import { isModelUrl } from './hosts';

export interface DownloadFile {
  url: string;
  cache: string;
  /** Exact size, from the manifest or the server, known before the download starts. */
  size: number;
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
  /** Sum of the files' sizes. */
  totalBytes: number;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface PlanOptions {
  /** Where a response may come from after redirects (model hosts and this machine by default). */
  allowedUrl?: (url: string) => boolean;
}

/**
 * Fetches from a model host only: a URL elsewhere is refused before anything is sent (the CSP
 * allows any http(s) host, for providers), and so is a response a redirect brought from elsewhere.
 */
async function fetchFrom(fetchFn: Fetch, url: string, init: RequestInit, options: PlanOptions) {
  const allowed = options.allowedUrl ?? isModelUrl;
  if (!allowed(url)) throw notAModelHost(url);
  const res = await fetchFn(url, { ...init, credentials: 'omit' });
  if (res.url && !allowed(res.url)) {
    await res.body?.cancel();
    throw new LocalAiError(
      'model-load-failed',
      `${url} redirected to ${new URL(res.url).origin}, which is not a model host; nothing was downloaded.`,
    );
  }
  return res;
}

/** Models come from the model hosts (Hugging Face, GitHub) or this machine, nowhere else. */
export function notAModelHost(url: string): LocalAiError {
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // Not a URL at all: named as it was given.
  }
  return new LocalAiError(
    'model-load-failed',
    `${origin} is not a model host: Local AI downloads models from Hugging Face, GitHub or this machine only. Nothing was downloaded.`,
  );
}

/**
 * A file named in a model's manifest, as a URL inside the model's repository: a relative path
 * with no `..` and no scheme, host or leading slash. A manifest cannot send us elsewhere.
 * @throws {LocalAiError} 'model-load-failed' for a path that leaves the repository.
 */
export function repositoryFile(base: string, path: unknown, manifest: string): string {
  const bad = (why: string) =>
    new LocalAiError(
      'model-load-failed',
      `${manifest} names a file outside the model's repository (${JSON.stringify(String(path)).slice(0, 120)}: ${why}); this model cannot be used.`,
    );
  if (typeof path !== 'string' || !path) throw bad('not a file name');
  // Backslashes count as slashes in URLs; percent-escapes could hide dots or slashes.
  const decoded = path.replace(/\\/g, '/');
  if (/%2e|%2f|%5c/i.test(decoded)) throw bad('escaped dots or slashes');
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith('/')) throw bad('an absolute URL or path');
  if (decoded.split('/').some((part) => part === '..' || part === '.')) throw bad('a ".." or "." segment');
  const url = new URL(decoded, base).href;
  if (!url.startsWith(base)) throw bad('resolves outside');
  return url;
}

export function modelKey(model: ModelRef): string {
  return `${model.engine}:${model.id}:${model.url ?? ''}`;
}

/** WebLLM's own rule: a repository URL gets "resolve/main/" unless it names a revision. */
export function modelBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return url;
}

async function fetchSmall(
  fetchFn: Fetch,
  url: string,
  what: string,
  options: PlanOptions,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFrom(fetchFn, url, {}, options);
  } catch (error) {
    if (error instanceof LocalAiError) throw error;
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

/**
 * Asks the server for a file's size without downloading it (a one-byte Range request).
 * @throws {LocalAiError} when the server does not say: a file of unknown size could not be
 * checked against free space or cut off where it should end.
 */
async function remoteSize(fetchFn: Fetch, url: string, options: PlanOptions): Promise<number> {
  const res = await fetchFrom(fetchFn, url, { headers: { Range: 'bytes=0-0' } }, options);
  let size = NaN;
  if (res.status === 206) {
    size = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN);
  } else if (res.ok) {
    size = Number(res.headers.get('content-length') ?? NaN);
  }
  await res.body?.cancel();
  if (!res.ok) throw new LocalAiError('model-load-failed', `${url} answered ${res.status}.`);
  if (!Number.isSafeInteger(size) || size <= 0)
    throw new LocalAiError(
      'model-load-failed',
      `${url} does not say how big it is (no Content-Length or Content-Range), so it cannot be checked against free space; it was not downloaded. Use a server that sends file sizes.`,
    );
  return size;
}

/**
 * The files of `model`, with sizes.
 * @throws {LocalAiError} 'model-load-failed' when the URL does not lead to a usable model.
 */
export async function planDownload(
  model: ModelRef,
  fetchFn: Fetch = fetch,
  options: PlanOptions = {},
): Promise<DownloadPlan> {
  const files: DownloadFile[] = [];
  if (model.engine === 'wllama') {
    if (!model.url)
      throw new LocalAiError('model-load-failed', 'A llama.cpp model needs the URL of its .gguf file.');
    const head = await fetchFrom(fetchFn, model.url, { headers: { Range: 'bytes=0-3' } }, options).catch(
      (error: unknown) => {
        if (error instanceof LocalAiError) throw error;
        return null;
      },
    );
    const magic = head?.ok
      ? new TextDecoder().decode(new Uint8Array(await head.arrayBuffer()).slice(0, 4))
      : '';
    if (magic !== 'GGUF')
      throw new LocalAiError(
        'model-load-failed',
        `${model.url} is not a GGUF file (it does not start with "GGUF").`,
      );
    files.push({ url: model.url, cache: GGUF_CACHE, size: await remoteSize(fetchFn, model.url, options) });
  } else if (model.engine === 'webllm') {
    // Loaded only when a WebLLM model is planned: WebLLM is large and the host starts without it.
    const { buildAppConfig } = await import('./webllm-config');
    const record = buildAppConfig(model).model_list[0]!;
    const base = modelBaseUrl(record.model);
    const configUrl = `${base}mlc-chat-config.json`;
    const configBytes = await fetchSmall(fetchFn, configUrl, 'configuration', options);
    const config = parseJson<{ tokenizer_files?: string[] }>(configBytes, configUrl, 'mlc-chat-config.json');
    files.push({
      url: configUrl,
      cache: 'webllm/config',
      size: configBytes.length,
      body: configBytes,
      integrity: record.integrity?.config,
    });
    const tokenizerFiles = Array.isArray(config.tokenizer_files)
      ? config.tokenizer_files
      : ['tokenizer.json'];
    for (const name of tokenizerFiles) {
      const url = repositoryFile(base, name, configUrl);
      files.push({
        url,
        cache: 'webllm/model',
        size: await remoteSize(fetchFn, url, options),
        integrity: record.integrity?.tokenizer?.[name],
      });
    }
    // Installed WebLLM reads tensor-cache.json; older repositories carry the same manifest as
    // ndarray-cache.json only. Either is stored under the name WebLLM reads.
    const manifestUrl = `${base}tensor-cache.json`;
    const manifestBytes = await fetchSmall(fetchFn, manifestUrl, 'weights manifest', options).catch(
      (error: unknown) =>
        fetchSmall(fetchFn, `${base}ndarray-cache.json`, 'weights manifest', options).catch(() => {
          throw error;
        }),
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
        url: repositoryFile(base, r.dataPath, manifestUrl),
        cache: 'webllm/model',
        size: declaredSize(r.nbytes, manifestUrl),
        sha256: r.sha256,
      });
    }
    // A model library shipped inside the extension needs no download.
    if (!record.model_lib.startsWith(globalThis.location?.origin ?? '\u0000')) {
      if (!(options.allowedUrl ?? isModelUrl)(record.model_lib))
        throw new LocalAiError(
          'model-load-failed',
          `The model library ${record.model_lib.slice(0, 120)} is not on a model host; this model cannot be used.`,
        );
      files.push({
        url: record.model_lib,
        cache: 'webllm/wasm',
        size: await remoteSize(fetchFn, record.model_lib, options),
        integrity: record.integrity?.model_lib,
      });
    }
  } else {
    throw new LocalAiError('model-load-failed', 'The synthetic engine has nothing to download.');
  }
  return { key: modelKey(model), model, files, totalBytes: files.reduce((n, f) => n + f.size, 0) };
}

function declaredSize(nbytes: unknown, manifest: string): number {
  if (typeof nbytes === 'number' && Number.isSafeInteger(nbytes) && nbytes > 0) return nbytes;
  throw new LocalAiError(
    'model-load-failed',
    `${manifest} gives a shard without a valid size (${String(nbytes).slice(0, 40)}); this model cannot be used.`,
  );
}
