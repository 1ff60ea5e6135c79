import { describe, expect, it } from 'vitest';
import { embeddedLibUrl } from './embedded-libs';

describe('embedded model libraries', () => {
  it('point WebLLM at the extension copy of an embedded library only', () => {
    const embedded = ['Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm'];
    expect(
      embeddedLibUrl(
        'https://raw.githubusercontent.com/x/libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm',
        embedded,
        'chrome-extension://abc',
      ),
    ).toBe('chrome-extension://abc/model-libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm');
    expect(
      embeddedLibUrl(
        'https://raw.githubusercontent.com/x/libs/Other-webgpu.wasm',
        embedded,
        'chrome-extension://abc',
      ),
    ).toBeNull();
  });
});
