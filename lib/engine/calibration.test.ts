import { describe, expect, it } from 'vitest';
import { calibrate, measureCpu, measureGpu } from './calibration';

describe('calibration', () => {
  it('measures the CPU streaming weights through a matrix-vector product', () => {
    expect(measureCpu(30)).toBeGreaterThan(0);
  });

  it('reports the CPU for llama.cpp, scaled by its threads, and no GPU kinds without WebGPU', async () => {
    const c = await calibrate('test device', { threads: 2, gpu: undefined });
    expect(c.device).toBe('test device');
    expect(c.gbPerSecond['llamacpp-cpu']).toBeGreaterThan(0);
    expect(c.gbPerSecond.webllm).toBeUndefined();
    expect(c.notes.join(' ')).toMatch(/× 2 threads.*No WebGPU adapter/);
    expect(await measureGpu({ requestAdapter: async () => null })).toBeNull();
  });
});
