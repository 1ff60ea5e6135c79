/**
 * Providers that are not on this device: any OpenAI-compatible endpoint (OpenAI, LM Studio,
 * vLLM, llama.cpp's server) and Ollama (through its OpenAI-compatible /v1 API). Network only,
 * so it runs in the engine host beside the router, never unloading the local model. Every
 * failure is turned into words the user can act on.
 */
import { AbortedError, LocalAiError } from '../protocol';
import type { ChatCompletion, ChatCompletionOptions, ChatCompletionRequest } from './engine';
import { chatStreamReader } from './openai-stream';

export type ProviderKind = 'openai' | 'ollama';

export interface ProviderEndpoint {
  kind: ProviderKind;
  /** OpenAI-style base URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
  baseUrl: string;
  apiKey?: string;
}

export interface RemoteOptions {
  /** Time allowed for the first byte, then between chunks. */
  firstByteMs?: number;
  idleMs?: number;
  /** Bytes of one answer past which the provider is stopped (MAX_ANSWER_BYTES). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

function headers(endpoint: ProviderEndpoint): Record<string, string> {
  const key = endpoint.apiKey?.trim();
  return { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) };
}

/** Bytes of a JSON reply (a model list, an error) read at most: a server cannot fill the host's memory. */
const MAX_JSON_BYTES = 1024 * 1024;

/** The JSON body, or null when it is not JSON or larger than MAX_JSON_BYTES (the read is cancelled). */
async function smallJson(res: Response): Promise<unknown> {
  if (Number(res.headers.get('content-length')) > MAX_JSON_BYTES || !res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || !value) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > MAX_JSON_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A server's own words, on one line and short, quoted so they read as the server's, not ours. */
function serverSays(text: unknown): string {
  if (typeof text !== 'string' || !text.trim()) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return `the server says “${line.length > 200 ? `${line.slice(0, 200)}…` : line}”`;
}

/** What an HTTP failure means, and what to do about it. */
export async function diagnose(res: Response, endpoint: ProviderEndpoint): Promise<LocalAiError> {
  const host = new URL(endpoint.baseUrl).host;
  const type = res.headers.get('content-type') ?? '';
  let detail = '';
  if (type.includes('json')) {
    const body = (await smallJson(res)) as { error?: { message?: unknown } | string } | null;
    detail = serverSays(typeof body?.error === 'string' ? body.error : body?.error?.message);
  } else if (type.includes('html')) {
    detail = 'it answered with a web page, not the API: check the URL (it usually ends in /v1)';
  }
  const tail = detail ? `: ${detail}` : '';
  if (res.status === 401)
    return new LocalAiError(
      'engine-failed',
      `${host} refused the API key (401)${tail}. Check the key in Settings → Providers.`,
    );
  if (res.status === 403 && endpoint.kind === 'ollama') {
    return new LocalAiError(
      'engine-failed',
      `Ollama at ${host} refused this extension's origin (403). Local AI removes the Origin header for this host; if it still refuses, start Ollama with OLLAMA_ORIGINS=chrome-extension://*.`,
    );
  }
  if (res.status === 403)
    return new LocalAiError('engine-failed', `${host} refused the request (403)${tail}.`);
  if (res.status === 404)
    return new LocalAiError('engine-failed', `${host} has no such endpoint or model (404)${tail}.`);
  if (res.status === 429) {
    const retry = res.headers.get('retry-after');
    return new LocalAiError(
      'engine-failed',
      `${host} is rate limiting requests (429)${retry ? `; try again in ${retry} s` : ''}${tail}.`,
    );
  }
  return new LocalAiError('engine-failed', `${host} answered ${res.status}${tail}.`);
}

/** Bytes of one streamed answer past which a provider is stopped: far beyond any real answer. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * A fetch that fails clearly when the network does. Redirects are refused, not followed: the
 * provider's origin is what the user granted, and a redirect could lead anywhere (this machine,
 * the LAN) with the page text in the body.
 */
async function call(
  endpoint: ProviderEndpoint,
  url: string,
  init: RequestInit,
  fetchFn: typeof fetch,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, credentials: 'omit', redirect: 'manual' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const host = new URL(endpoint.baseUrl).host;
    throw new LocalAiError(
      'engine-failed',
      `Could not reach ${host}: it is not running, the URL is wrong, or it does not allow this extension (CORS). Start the server, check the URL, or grant Local AI access to ${host} when asked.`,
    );
  }
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    const host = new URL(endpoint.baseUrl).host;
    throw new LocalAiError(
      'engine-failed',
      `${host} redirected this request to another address, which Local AI does not follow. Enter the server's final address in Settings → Providers.`,
    );
  }
  return res;
}

/** The models a provider offers, from its own list. */
export async function listModels(
  endpoint: ProviderEndpoint,
  fetchFn: typeof fetch = fetch,
): Promise<string[]> {
  const root = trimSlash(endpoint.baseUrl);
  const url = endpoint.kind === 'ollama' ? `${new URL(root).origin}/api/tags` : `${root}/models`;
  const res = await call(
    endpoint,
    url,
    { headers: headers(endpoint), signal: AbortSignal.timeout(10_000) },
    fetchFn,
  );
  if (!res.ok) throw await diagnose(res, endpoint);
  const body = (await smallJson(res)) as {
    data?: { id?: unknown }[];
    models?: { name?: unknown }[];
  } | null;
  const listed = Array.isArray(body?.data)
    ? body.data.map((m) => m?.id)
    : Array.isArray(body?.models)
      ? body.models.map((m) => m?.name)
      : null;
  // Names only, each a short line: a model id is shown in the panel and sent back as the model.
  const names = listed
    ?.filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 200)
    .slice(0, 2000);
  if (!names)
    throw new LocalAiError(
      'engine-failed',
      `${url} did not return a model list; is this an ${endpoint.kind === 'ollama' ? 'Ollama' : 'OpenAI-compatible'} server?`,
    );
  return names.sort();
}

/** Streams one chat completion from a provider. */
export async function remoteChat(
  endpoint: ProviderEndpoint,
  model: string,
  request: ChatCompletionRequest,
  options: ChatCompletionOptions,
  remote: RemoteOptions = {},
): Promise<ChatCompletion> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal.addEventListener('abort', abort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  arm(remote.firstByteMs ?? 30_000);
  try {
    const body = {
      model,
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(request.max_tokens ? { max_tokens: request.max_tokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.top_p !== undefined ? { top_p: request.top_p } : {}),
      ...(request.stop ? { stop: request.stop } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    };
    const res = await call(
      endpoint,
      `${trimSlash(endpoint.baseUrl)}/chat/completions`,
      { method: 'POST', headers: headers(endpoint), body: JSON.stringify(body), signal: controller.signal },
      remote.fetch ?? fetch,
    );
    if (!res.ok) throw await diagnose(res, endpoint);
    if (
      !(res.headers.get('content-type') ?? '').includes('event-stream') &&
      (res.headers.get('content-type') ?? '').includes('html')
    ) {
      throw new LocalAiError(
        'engine-failed',
        `${new URL(endpoint.baseUrl).host} answered with a web page, not a stream: check the URL.`,
      );
    }
    const reader = chatStreamReader(options.onDelta);
    const decoder = new TextDecoder();
    const stream = res.body!.getReader();
    let bytes = 0;
    for (;;) {
      arm(remote.idleMs ?? 60_000);
      const { done, value } = await stream.read();
      if (done) break;
      if ((bytes += value.length) > (remote.maxBytes ?? MAX_ANSWER_BYTES)) {
        await stream.cancel().catch(() => {});
        throw new LocalAiError(
          'engine-failed',
          `${new URL(endpoint.baseUrl).host} sent far more than any answer needs; Local AI stopped it.`,
        );
      }
      reader.feed(decoder.decode(value, { stream: true }));
    }
    return reader.end();
  } catch (error) {
    if (options.signal.aborted) throw new AbortedError();
    if (timedOut || (error instanceof DOMException && error.name === 'AbortError')) {
      throw new LocalAiError(
        'engine-failed',
        `${new URL(endpoint.baseUrl).host} stopped answering (timed out).`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', abort);
  }
}
