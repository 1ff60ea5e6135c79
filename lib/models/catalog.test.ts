import { describe, expect, it } from 'vitest';
import { findPrebuilt } from './webllm-config';
import { TASK_MODELS, catalogFor, chooseBuild } from './catalog';
import { FAMILIES } from './families';
import type { Calibration } from '../protocol';

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
      note: expect.stringMatching(/llama\.cpp on the CPU \(no WebGPU\)/),
    });
  });

  it('skips WebLLM builds the GPU cannot hold, for the GGUF build', () => {
    const small = gpu(true, 256 * (1 << 20));
    expect(chooseBuild('phi-3.5-mini', small)).toMatchObject({
      fits: true,
      model: { engine: 'wllama' },
      kind: 'llamacpp-gpu',
    });
    const chat = catalogFor('chat', small);
    expect(chat[0]!.family).toBe('llama-3.2-1b');
    expect(
      catalogFor('chat', noGpu)
        .filter((c) => c.fits)
        .map((c) => c.model!.engine),
    ).toEqual(['wllama', 'wllama', 'wllama', 'wllama', 'wllama']);
  });

  it('recommends a model per task', () => {
    // SQL: a model tuned for text-to-SQL, with a GGUF build that runs on any device.
    expect(catalogFor('sql', gpu(true))[0]).toMatchObject({
      name: 'XiYanSQL QwenCoder 3B',
      model: { engine: 'wllama', url: expect.stringMatching(/\.gguf$/) },
      kind: 'llamacpp-gpu',
    });
    expect(catalogFor('sql', noGpu)[0]!.kind).toBe('llamacpp-cpu');
    expect(catalogFor('translate', gpu(false))[0]!.model!.id).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
  });
});

describe('model catalog: the fastest build here', () => {
  const swiftshader = { ...gpu(false), adapter: { software: 'SwiftShader' } };
  const calibration = (rates: Calibration['gbPerSecond']): Calibration => ({
    device: 'test',
    measuredAt: 0,
    elapsedMs: 900,
    gbPerSecond: rates,
    notes: [],
  });

  it('every family has a GGUF build, so every task runs on any device', () => {
    for (const [id, f] of Object.entries(FAMILIES))
      expect(f.gguf?.url, id).toMatch(/^https:\/\/huggingface\.co\/.+\.gguf$/);
    for (const task of Object.keys(TASK_MODELS) as (keyof typeof TASK_MODELS)[])
      expect(catalogFor(task, noGpu).every((c) => c.fits)).toBe(true);
  });

  it('avoids WebLLM on a software adapter, even before measuring', () => {
    for (const task of Object.keys(TASK_MODELS) as (keyof typeof TASK_MODELS)[])
      for (const c of catalogFor(task, swiftshader)) expect(c.kind, c.family).toBe('llamacpp-cpu');
  });

  it('follows the measured rates: GPU where it streams faster, CPU where it does not, with the figures', () => {
    const fastGpu = {
      ...gpu(true),
      calibration: calibration({ webllm: 200, 'llamacpp-gpu': 200, 'llamacpp-cpu': 8 }),
    };
    const c = chooseBuild('llama-3.2-1b', fastGpu);
    expect(c.kind).toBe('webllm');
    // 200 GB/s over ~0.75 GB of weights.
    expect(c.predictedTokensPerSecond).toBeGreaterThan(250);
    expect(c.note).toMatch(/tokens\/s measured here, llama\.cpp on WebGPU ≈/);
    const weakGpu = {
      ...gpu(false),
      calibration: calibration({ webllm: 0.4, 'llamacpp-gpu': 0.4, 'llamacpp-cpu': 6 }),
    };
    expect(chooseBuild('llama-3.2-1b', weakGpu)).toMatchObject({
      kind: 'llamacpp-cpu',
      model: { engine: 'wllama' },
    });
  });
});
