import { describe, expect, it } from 'vitest';
import type { CatalogDevice } from './catalog';
import { welcomePicks } from './welcome-picks';

const MB = 1 << 20;
const software = {
  webgpu: true,
  shaderF16: false,
  maxStorageBufferBindingSize: 128 * MB,
  hardwareConcurrency: 2,
  adapter: {
    vendor: 'google',
    architecture: '',
    device: '',
    description: 'SwiftShader',
    software: 'SwiftShader',
  },
  calibration: { gbPerSecond: { webllm: 0.4, 'llamacpp-cpu': 2.9 } },
} as unknown as CatalogDevice;

describe('the welcome', () => {
  it('recommends one build per model for this device, naming every task it serves', () => {
    const picks = welcomePicks(software)!;
    const ids = picks.map((p) => p.choice.model!.id);
    expect(new Set(ids).size).toBe(ids.length);
    const chat = picks.find((p) => p.tasks.includes('chat'))!;
    expect(chat.kind).toBe('chat');
    // A software adapter: the CPU build, measured faster here.
    expect(chat.choice.kind).toBe('llamacpp-cpu');
    expect(picks.find((p) => p.tasks.includes('sql'))!.choice.family).toBe('xiyan-sql-3b');
  });

  it('without a GPU, recommends the CPU builds rather than models that cannot run', () => {
    const picks = welcomePicks({ ...software, webgpu: false, maxStorageBufferBindingSize: 0 })!;
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.every((p) => p.choice.kind === 'llamacpp-cpu')).toBe(true);
  });
});
