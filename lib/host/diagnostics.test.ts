import { describe, expect, it } from 'vitest';
import { hostDiagnostics } from './diagnostics';

const breakdown = [
  { bytes: 1000, attribution: [{ url: 'chrome-extension://x/offscreen.html', scope: 'Window' }] },
  {
    bytes: 5000,
    attribution: [{ url: 'chrome-extension://x/engine.js', scope: 'DedicatedWorkerGlobalScope' }],
  },
  { bytes: 7000, attribution: [{ url: 'blob:chrome-extension://x/1', scope: 'DedicatedWorkerGlobalScope' }] },
  { bytes: 300, attribution: [] },
];
const perf = (measure?: () => Promise<{ bytes: number; breakdown: typeof breakdown }>) =>
  ({
    now: () => 42,
    memory: { usedJSHeapSize: 900 },
    measureUserAgentSpecificMemory: measure,
  }) as unknown as Performance;

describe('hostDiagnostics', () => {
  it('counts the engine Worker and the workers inside it in the memory it reports', async () => {
    const d = await hostDiagnostics(
      { memory: true },
      perf(() => Promise.resolve({ bytes: 13_300, breakdown })),
      true,
    );
    expect(d).toEqual({
      jsHeapUsedBytes: 900,
      uptimeMs: 42,
      blockedByPolicy: [],
      memory: { totalBytes: 13_300, workerBytes: 12_000 },
    });
  });

  it('measures no agent memory unless asked, where the host is not isolated, or where the browser cannot', async () => {
    const measure = () => Promise.resolve({ bytes: 1, breakdown });
    const fail = () => Promise.reject(new Error('no'));
    const asked = { memory: true };
    expect((await hostDiagnostics({}, perf(measure), true)).memory).toBeNull();
    expect((await hostDiagnostics(asked, perf(measure), false)).memory).toBeNull();
    expect((await hostDiagnostics(asked, perf(undefined), true)).memory).toBeNull();
    expect((await hostDiagnostics(asked, perf(fail), true)).memory).toBeNull();
  });
});
