import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../protocol';
import { buildAppConfig, findPrebuilt, missingTail, requiredFeatures } from './webllm-config';
import {
  DEFAULT_GGUF,
  DEFAULT_WEBLLM_F16,
  DEFAULT_WEBLLM_F32,
  defaultModelFor,
} from '../models/default-models';

describe('WebLLM app config', () => {
  it("uses WebLLM's own prebuilt record for a catalog id, on the Cache API backend", () => {
    const config = buildAppConfig(DEFAULT_WEBLLM_F32);
    expect(config.cacheBackend).toBe('cache');
    expect(config.model_list).toHaveLength(1);
    expect(config.model_list[0]).toEqual(findPrebuilt(DEFAULT_WEBLLM_F32.id));
    expect(config.model_list[0]!.model).toMatch(/^https:\/\/huggingface\.co\//);
    expect(config.model_list[0]!.model_lib).toMatch(/\.wasm$/);
  });

  it('builds a custom record from a model repository URL and its model library', () => {
    const config = buildAppConfig({
      engine: 'webllm',
      id: 'My-Model-q4f32_1-MLC',
      url: 'https://huggingface.co/me/My-Model-q4f32_1-MLC',
      modelLib: 'https://huggingface.co/me/libs/resolve/main/My-Model-webgpu.wasm',
    });
    expect(config.model_list).toEqual([
      {
        model: 'https://huggingface.co/me/My-Model-q4f32_1-MLC',
        model_id: 'My-Model-q4f32_1-MLC',
        model_lib: 'https://huggingface.co/me/libs/resolve/main/My-Model-webgpu.wasm',
      },
    ]);
  });

  it("explains what to do for an unknown id without URLs, and refuses other engines' models", () => {
    expect(() => buildAppConfig({ engine: 'webllm', id: 'nope' })).toThrow(ModelLoadError);
    expect(() => buildAppConfig({ engine: 'webllm', id: 'nope' })).toThrow(/model library/);
    expect(() => buildAppConfig(DEFAULT_GGUF)).toThrow(/not a WebLLM model/);
  });

  it('knows which models need shader-f16', () => {
    expect(requiredFeatures(DEFAULT_WEBLLM_F16)).toContain('shader-f16');
    expect(requiredFeatures(DEFAULT_WEBLLM_F32)).toEqual([]);
  });
});

describe('engine selection by device', () => {
  it('picks WebLLM f16 with shader-f16, WebLLM f32 without, llama.cpp without WebGPU', () => {
    expect(defaultModelFor({ webgpu: true, shaderF16: true })).toEqual(DEFAULT_WEBLLM_F16);
    expect(defaultModelFor({ webgpu: true, shaderF16: false })).toEqual(DEFAULT_WEBLLM_F32);
    expect(defaultModelFor({ webgpu: false, shaderF16: false })).toEqual(DEFAULT_GGUF);
    expect(findPrebuilt(DEFAULT_WEBLLM_F16.id)).toBeDefined();
    expect(findPrebuilt(DEFAULT_WEBLLM_F32.id)).toBeDefined();
  });
});

describe('WebLLM stream reconciliation', () => {
  it('finds the text the stream held back at the end (an incomplete multi-byte character)', () => {
    // WebLLM streamed "Café " then held "☕ prêt" while the text ended in U+FFFD.
    expect(missingTail('Café ', 'Café ☕ prêt')).toBe('☕ prêt');
  });

  it('adds nothing when the stream had it all or the two disagree', () => {
    expect(missingTail('done', 'done')).toBe('');
    expect(missingTail('abc', 'xyz!')).toBe('');
  });
});
