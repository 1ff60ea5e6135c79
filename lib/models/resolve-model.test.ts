import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EngineClient, ModelRef } from '../protocol';
import { activeModelItem, fallbackItem, taskModelsItem } from '../settings/storage-items';
import { routeModel } from './resolve-model';

const provider: ModelRef = { engine: 'remote', id: 'echo', url: 'http://127.0.0.1:1234/v1' };
const webllm: ModelRef = { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' };
const gguf: ModelRef = { engine: 'wllama', id: 'tiny', url: 'http://127.0.0.1:9/t.gguf' };

/** A test double for the engine client: fixed capabilities and cache answers, recorded downloads. */
function client(webgpu: boolean, cached: boolean) {
  const downloads: ModelRef[] = [];
  const c = {
    async request(method: string, params: ModelRef) {
      if (method === 'capabilities')
        return { webgpu, shaderF16: false, maxStorageBufferBindingSize: webgpu ? 1 << 30 : 0 };
      if (method === 'cached') return { cached };
      if (method === 'models.download') downloads.push(params);
      return { ok: true };
    },
  } as unknown as EngineClient;
  return { c, downloads };
}

beforeEach(() => fakeBrowser.reset());

describe('routeModel: local first', () => {
  it('uses the task model, else the chosen model, else the default for the device', async () => {
    expect((await routeModel(client(false, true).c)).model.engine).toBe('wllama');
    await activeModelItem.setValue(gguf);
    expect((await routeModel(client(false, true).c)).model).toEqual(gguf);
    await taskModelsItem.setValue({ sql: webllm });
    expect((await routeModel(client(true, true).c, 'sql')).model).toEqual(webllm);
  });

  it('falls back to the provider without WebGPU and for long pages, only when asked to; never starts a download', async () => {
    await activeModelItem.setValue(webllm);
    expect(await routeModel(client(false, true).c)).toEqual({ model: webllm, note: null });
    await fallbackItem.setValue({
      model: provider,
      whenNoWebGpu: true,
      whenDownloading: true,
      whenTooLong: true,
    });
    expect(await routeModel(client(false, true).c)).toEqual({
      model: provider,
      note: 'this device has no WebGPU for the local model',
    });
    // While it downloads, the engine host picks who answers in its place (lib/host/stand-in.ts).
    const downloading = client(true, false);
    expect(await routeModel(downloading.c)).toEqual({ model: webllm, note: null });
    expect(downloading.downloads).toEqual([]);
    expect((await routeModel(client(true, true).c, 'chat', { pageChars: 200_000 })).note).toMatch(/too long/);
    expect(await routeModel(client(true, true).c, 'chat', { pageChars: 2_000 })).toEqual({
      model: webllm,
      note: null,
    });
    await fallbackItem.setValue({
      model: provider,
      whenNoWebGpu: false,
      whenDownloading: false,
      whenTooLong: false,
    });
    expect((await routeModel(client(false, false).c)).model).toEqual(webllm);
  });
});
