import { describe, expect, it } from 'vitest';
import { readCapabilities } from './capabilities';

const SWIFTSHADER = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader',
  isFallbackAdapter: true,
};
const NVIDIA = {
  vendor: 'nvidia',
  architecture: 'ada',
  device: '',
  description: 'NVIDIA GeForce RTX 4070',
  isFallbackAdapter: false,
};

const adapter = (f16: boolean, info: object = NVIDIA) => ({
  features: new Set(f16 ? ['shader-f16'] : []),
  limits: { maxBufferSize: 268435456, maxStorageBufferBindingSize: 134217728 },
  info,
});

describe('readCapabilities', () => {
  it('reports no WebGPU and picks llama.cpp when navigator.gpu is missing', async () => {
    const caps = await readCapabilities({ hardwareConcurrency: 4 });
    expect(caps).toMatchObject({
      webgpu: false,
      adapter: null,
      defaultEngine: 'wllama',
      hardwareConcurrency: 4,
    });
    expect(caps.reason).toMatch(/no WebGPU/);
  });

  it('reports a blocked adapter in words the user can act on', async () => {
    const caps = await readCapabilities({ gpu: { requestAdapter: async () => null } });
    expect(caps.webgpu).toBe(false);
    expect(caps.reason).toMatch(/no usable GPU adapter/);
  });

  it('reads adapter info, shader-f16 and buffer limits', async () => {
    const caps = await readCapabilities({ gpu: { requestAdapter: async () => adapter(true) } });
    expect(caps).toMatchObject({
      webgpu: true,
      shaderF16: true,
      maxBufferSize: 268435456,
      maxStorageBufferBindingSize: 134217728,
      defaultEngine: 'webllm',
      adapter: { vendor: 'nvidia', architecture: 'ada', isFallbackAdapter: false, software: null },
    });
    expect(caps.reason).toBeNull();
    expect((await readCapabilities({ gpu: { requestAdapter: async () => adapter(false) } })).shaderF16).toBe(
      false,
    );
  });

  it('takes a software adapter for what it is: WebGPU works, but the CPU engine is the default', async () => {
    for (const info of [
      SWIFTSHADER,
      { ...SWIFTSHADER, isFallbackAdapter: false },
      { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
      { vendor: 'microsoft', architecture: '', description: 'Microsoft Basic Render Driver' },
    ]) {
      const caps = await readCapabilities({ gpu: { requestAdapter: async () => adapter(false, info) } });
      expect(caps.webgpu).toBe(true);
      expect(caps.adapter?.software).toBeTruthy();
      expect(caps.defaultEngine).toBe('wllama');
      expect(caps.reason).toMatch(/software renderer, not a GPU/);
    }
  });
});
