import { describe, expect, it } from 'vitest';
import type { DeviceCapabilities } from '../protocol';
import { deviceSummary } from './device-summary';

const software = {
  webgpu: true,
  hardwareConcurrency: 2,
  adapter: { vendor: 'google', description: 'SwiftShader', software: 'SwiftShader' },
  calibration: { gbPerSecond: { webllm: 0.4, 'llamacpp-cpu': 2.9 } },
} as unknown as DeviceCapabilities;

describe('deviceSummary', () => {
  it('sums the device up in one sentence', () => {
    expect(deviceSummary(software)).toBe(
      'The GPU here is SwiftShader, a software renderer, not a real GPU; llama.cpp on the CPU is fastest on this device; 2 CPU cores.',
    );
    expect(deviceSummary({ ...software, webgpu: false, calibration: null })).toBe(
      'No GPU is available to the browser; 2 CPU cores.',
    );
  });
});
