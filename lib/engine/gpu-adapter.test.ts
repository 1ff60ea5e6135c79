import { describe, expect, it } from 'vitest';
import { probeAdapter, softwareRenderer } from './gpu-adapter';

/** Adapter info as browsers report it (GPUAdapterInfo), for software renderers and real GPUs. */
const FIXTURES = {
  swiftshader: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  swiftshaderFlagged: {
    vendor: 'google',
    architecture: '',
    description: 'SwiftShader Device (Subzero)',
    isFallbackAdapter: true,
  },
  llvmpipe: { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
  lavapipe: { vendor: 'mesa', architecture: '', description: 'lavapipe' },
  warp: { vendor: 'microsoft', architecture: '', description: 'Microsoft Basic Render Driver' },
  fallbackOnly: { vendor: '', architecture: '', description: '', isFallbackAdapter: true },
  nvidia: { vendor: 'nvidia', architecture: 'ada', device: '', description: 'NVIDIA GeForce RTX 4070' },
  apple: { vendor: 'apple', architecture: 'metal-3', description: 'Apple M2' },
  intel: { vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) Iris(R) Xe Graphics' },
  amd: { vendor: 'amd', architecture: 'rdna-3', description: 'AMD Radeon RX 7600' },
};

describe('softwareRenderer', () => {
  it('recognises software adapters by flag or by name', () => {
    expect(softwareRenderer(FIXTURES.swiftshader)).toBe('SwiftShader');
    expect(softwareRenderer(FIXTURES.swiftshaderFlagged)).toBe('SwiftShader');
    expect(softwareRenderer(FIXTURES.llvmpipe)).toBe('llvmpipe');
    expect(softwareRenderer(FIXTURES.lavapipe)).toBe('lavapipe');
    expect(softwareRenderer(FIXTURES.warp)).toBe('Microsoft Basic Render Driver');
    expect(softwareRenderer(FIXTURES.fallbackOnly)).toMatch(/fallback/);
  });

  it('takes real GPUs for GPUs', () => {
    for (const gpu of [FIXTURES.nvidia, FIXTURES.apple, FIXTURES.intel, FIXTURES.amd])
      expect(softwareRenderer(gpu)).toBeNull();
    expect(softwareRenderer(null)).toBeNull();
  });

  it('probes the adapter of the context it runs in', async () => {
    expect(await probeAdapter(undefined)).toBeNull();
    expect(await probeAdapter({ requestAdapter: async () => null })).toBeNull();
    expect(await probeAdapter({ requestAdapter: async () => ({ info: FIXTURES.nvidia }) })).toEqual({
      software: null,
    });
    expect(
      await probeAdapter({
        requestAdapter: async () => ({ info: FIXTURES.llvmpipe, isFallbackAdapter: false }),
      }),
    ).toEqual({ software: 'llvmpipe' });
  });
});
