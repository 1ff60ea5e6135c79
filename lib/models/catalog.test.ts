import { describe, expect, it } from 'vitest';
import { findPrebuilt } from './webllm-config';
import { FAMILIES, TASK_MODELS, catalogFor, chooseBuild } from './catalog';

const GB = 1 << 30;
const gpu = (shaderF16: boolean, buffer = 2 * GB) => ({
  webgpu: true,
  shaderF16,
  maxStorageBufferBindingSize: buffer,
});
const noGpu = { webgpu: false, shaderF16: false, maxStorageBufferBindingSize: 0 };

describe('model catalog', () => {
  it('names only models WebLLM really ships', () => {
    for (const f of Object.values(FAMILIES)) {
      for (const id of [f.f16, f.f32].filter(Boolean)) expect(findPrebuilt(id!), id).toBeDefined();
    }
    for (const { recommended, alternatives } of Object.values(TASK_MODELS)) {
      for (const id of [recommended, ...alternatives]) expect(FAMILIES[id], id).toBeDefined();
    }
  });

  it('picks f16 with shader-f16, f32 without it, GGUF without WebGPU', () => {
    expect(chooseBuild('llama-3.2-1b', gpu(true)).model).toEqual({
      engine: 'webllm',
      id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    });
    expect(chooseBuild('llama-3.2-1b', gpu(false))).toMatchObject({
      model: { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
      note: expect.stringMatching(/no shader-f16/),
    });
    expect(chooseBuild('llama-3.2-1b', noGpu)).toMatchObject({
      model: { engine: 'wllama', url: expect.stringMatching(/\.gguf$/) },
      note: expect.stringMatching(/no WebGPU/),
    });
  });

  it('marks models that will not fit and lists them last', () => {
    const small = gpu(true, 256 * (1 << 20));
    expect(chooseBuild('phi-3.5-mini', small)).toMatchObject({
      fits: false,
      model: null,
      note: expect.stringMatching(/needs 1024 MB GPU buffers; this GPU allows 256 MB/),
    });
    const chat = catalogFor('chat', small);
    expect(chat[0]!.family).toBe('llama-3.2-1b');
    expect(chat.at(-1)).toMatchObject({ family: 'phi-3.5-mini', fits: false });
    expect(
      catalogFor('chat', noGpu)
        .filter((c) => c.fits)
        .map((c) => c.model!.engine),
    ).toEqual(['wllama', 'wllama', 'wllama']);
  });

  it('recommends a model per task', () => {
    expect(catalogFor('sql', gpu(true))[0]!.name).toBe('Qwen 2.5 Coder 1.5B Instruct');
    expect(catalogFor('translate', gpu(false))[0]!.model!.id).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
  });
});
