import { describe, expect, it } from 'vitest';
import { readCapabilities } from './capabilities';

const adapter = (f16: boolean) => ({
  features: new Set(f16 ? ['shader-f16'] : []),
  limits: { maxBufferSize: 268435456, maxStorageBufferBindingSize: 134217728 },
  info: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: 'SwiftShader',
    isFallbackAdapter: true,
  },
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
      adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
    });
    expect((await readCapabilities({ gpu: { requestAdapter: async () => adapter(false) } })).shaderF16).toBe(
      false,
    );
  });
});
