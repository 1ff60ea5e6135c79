import { describe, expect, it } from 'vitest';
import type { Calibration } from '../protocol';
import { deviceKey, profileDevice, type ProfileDeps } from './device-profile';

const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const swiftshader = {
  requestAdapter: async () => ({
    features: new Set<string>(),
    limits: { maxBufferSize: 1 << 28, maxStorageBufferBindingSize: 1 << 27 },
    info: { vendor: 'google', architecture: 'swiftshader', description: '' },
  }),
};

/** The profile over a test double of the engine Worker that counts its measurements. */
function setup(rates: Calibration['gbPerSecond'], userAgent = UA) {
  const items = new Map<string, string>();
  let measured = 0;
  const deps: ProfileDeps = {
    engines: {
      environment: async () => ({ crossOriginIsolated: true, llamaThreads: 2, threadsReason: '2 threads' }),
      calibrate: async (device) => {
        measured++;
        return { device, measuredAt: 1, elapsedMs: 800, gbPerSecond: rates, notes: [] };
      },
    },
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
    nav: { gpu: swiftshader, hardwareConcurrency: 2, userAgent },
    hostIsolated: true,
  };
  return { deps, measured: () => measured };
}

describe('profileDevice', () => {
  it('measures once per device and browser version, again on demand or after an update', async () => {
    const { deps, measured } = setup({ 'llamacpp-cpu': 6, webllm: 0.3, 'llamacpp-gpu': 0.3 });
    const first = await profileDevice(deps);
    expect(first.calibration?.device).toBe('Chrome/156.0.0.0 · 2 cores · google swiftshader');
    expect(first.defaultEngine).toBe('wllama');
    expect(first.cpu).toEqual({
      hostIsolated: true,
      workerIsolated: true,
      llamaThreads: 2,
      threadsReason: '2 threads',
    });
    await profileDevice(deps);
    expect(measured()).toBe(1);
    await profileDevice(deps, true);
    expect(measured()).toBe(2);
    deps.nav = { ...deps.nav, userAgent: UA.replace('156.0.0.0', '157.0.0.0') };
    await profileDevice(deps);
    expect(measured()).toBe(3);
  });

  it('names the browser version and GPU in the device key', () => {
    expect(
      deviceKey(UA, {
        hardwareConcurrency: 8,
        adapter: {
          vendor: 'nvidia',
          architecture: 'ada',
          description: '',
          device: '',
          isFallbackAdapter: false,
          software: null,
        },
      }),
    ).toBe('Chrome/156.0.0.0 · 8 cores · nvidia ada');
  });
});
