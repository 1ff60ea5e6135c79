import { describe, expect, it } from 'vitest';
import { loadWithGpuFallback, planGpuLayers } from './gpu-layers';

describe('planGpuLayers', () => {
  it('puts every layer on a real GPU, none on a software adapter or without WebGPU', () => {
    expect(planGpuLayers(undefined, { software: null }).layers).toBeUndefined();
    expect(planGpuLayers(undefined, { software: 'SwiftShader' })).toMatchObject({
      layers: 0,
      why: expect.stringMatching(/SwiftShader, a software renderer/) as string,
    });
    expect(planGpuLayers(undefined, null).layers).toBe(0);
  });

  it('does what the model ref asks', () => {
    expect(planGpuLayers(0, { software: null }).layers).toBe(0);
    expect(planGpuLayers(12, { software: 'SwiftShader' }).layers).toBe(12);
  });
});

describe('loadWithGpuFallback', () => {
  it('falls back to the CPU when the GPU load fails, and says why', async () => {
    const tried: (number | undefined)[] = [];
    const reasons: string[] = [];
    const placed = await loadWithGpuFallback(
      { layers: undefined, why: '' },
      async (layers) => {
        tried.push(layers);
        if (layers !== 0) throw new Error('GPU out of memory');
      },
      (r) => reasons.push(r),
    );
    expect(tried).toEqual([undefined, 0]);
    expect(placed).toEqual({ onGpu: false, fallback: 'GPU out of memory' });
    expect(reasons).toEqual(['GPU out of memory']);
  });

  it('stays on the GPU when it loads, and never tries the GPU on a CPU plan', async () => {
    const tried: (number | undefined)[] = [];
    const load = async (layers: number | undefined) => void tried.push(layers);
    expect(await loadWithGpuFallback({ layers: undefined, why: '' }, load, () => {})).toEqual({
      onGpu: true,
      fallback: null,
    });
    expect(await loadWithGpuFallback({ layers: 0, why: '' }, load, () => {})).toEqual({
      onGpu: false,
      fallback: null,
    });
    expect(tried).toEqual([undefined, 0]);
  });

  it('reports a CPU failure as it is', async () => {
    await expect(
      loadWithGpuFallback(
        { layers: 0, why: '' },
        async () => {
          throw new Error('not a GGUF');
        },
        () => {},
      ),
    ).rejects.toThrow('not a GGUF');
  });
});
