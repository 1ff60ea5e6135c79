// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { DownloadProgress, EngineClient, HostStatus, ModelRef } from '../protocol';
import type { Provider, TaskModels } from '../settings/types';
import { comparisonCandidates, useModelsController, type ModelsControllerDeps } from './models-controller';

const tiny: ModelRef = { engine: 'wllama', id: 'tiny', url: 'http://127.0.0.1:9/tiny.gguf' };
const other: ModelRef = { engine: 'wllama', id: 'other', url: 'http://127.0.0.1:9/other.gguf' };
const ollama: Provider = {
  id: 'p1',
  name: 'Ollama',
  kind: 'ollama',
  baseUrl: 'http://localhost:11434/v1',
  models: ['llama3', 'qwen'],
};

describe('comparisonCandidates', () => {
  it('lists the chosen model, then downloaded ones, then provider models, each once', () => {
    expect(comparisonCandidates(tiny, [tiny, other], [ollama]).map((m) => m.id)).toEqual([
      'tiny',
      'other',
      'llama3',
      'qwen',
    ]);
    expect(comparisonCandidates(null, [], [ollama])[0]).toEqual({
      engine: 'remote',
      id: 'llama3',
      url: 'http://localhost:11434/v1',
    });
  });
});

/** A test double for the engine host: a fixed device, a storage report that grows, recorded calls. */
function fakeHost(failDownload?: string) {
  const calls: string[] = [];
  const stored: ModelRef[] = [];
  const client = {
    request(method: string, params: unknown) {
      calls.push(method);
      return Promise.resolve().then(() => answer(method, params));
    },
  } as unknown as EngineClient;
  function answer(method: string, params: unknown) {
    if (method === 'capabilities') return { webgpu: false, reason: 'No WebGPU here.' };
    if (method === 'models.storage')
      return {
        models: stored.map((model) => ({ key: model.id, model, bytes: 1, lastUsed: null })),
        usedBytes: 1,
        quotaBytes: 10,
        persisted: false,
      };
    if (method === 'models.download') {
      if (failDownload) throw new Error(failDownload);
      stored.push(params as ModelRef);
    }
    return { ok: true };
  }
  return { client, calls, stored };
}

const status = (downloads: Partial<DownloadProgress>[]) => ({ downloads }) as unknown as HostStatus;

function deps(client: EngineClient, s: HostStatus | null = null): ModelsControllerDeps {
  return {
    client,
    status: s,
    activeModel: storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null }),
    taskModels: storage.defineItem<TaskModels>('local:taskModels', { fallback: {} }),
    providers: storage.defineItem<Provider[]>('local:providers', { fallback: [] }),
  };
}

beforeEach(() => fakeBrowser.reset());

describe('useModelsController', () => {
  it('reads the device and the storage report, and reads the report again after a download', async () => {
    const host = fakeHost();
    const { result } = renderHook(useModelsController, deps(host.client));
    await settle();
    expect(result.current.caps).toMatchObject({ webgpu: false });
    expect(result.current.storage?.models).toEqual([]);
    result.current.download(tiny);
    await settle();
    expect(result.current.storage?.models.map((m) => m.model.id)).toEqual(['tiny']);
    expect(result.current.candidates).toEqual([tiny]);
  });

  it('reads the report again when a download in another panel becomes ready', async () => {
    const host = fakeHost();
    const d = deps(host.client, status([{ state: 'downloading' }]));
    const { rerender } = renderHook(useModelsController, d);
    await settle();
    const reads = host.calls.filter((c) => c === 'models.storage').length;
    rerender({ ...d, status: status([{ state: 'ready' }]) });
    await settle();
    expect(host.calls.filter((c) => c === 'models.storage').length).toBe(reads + 1);
  });

  it('shows why a download failed', async () => {
    const { result } = renderHook(useModelsController, deps(fakeHost('Not a model file.').client));
    result.current.download(tiny);
    await settle();
    expect(result.current.error).toBe('Not a model file.');
  });

  it('uses a model for chat as the chosen model, for other tasks beside the models already chosen', async () => {
    const d = deps(fakeHost().client);
    await d.taskModels.setValue({ summarise: other });
    const { result } = renderHook(useModelsController, d);
    result.current.use('chat', tiny);
    result.current.use('sql', tiny);
    await settle();
    expect(await d.activeModel.getValue()).toEqual(tiny);
    expect(await d.taskModels.getValue()).toEqual({ summarise: other, sql: tiny });
  });
});
