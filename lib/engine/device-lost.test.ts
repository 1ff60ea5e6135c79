import { describe, expect, it } from 'vitest';
import { deviceLossOf, smallerWindow } from './device-lost';

class DeviceLostError extends Error {
  constructor() {
    // WebLLM 0.2.86's own message, word for word.
    super(
      'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
    );
    this.name = 'DeviceLostError';
  }
}

describe('deviceLossOf', () => {
  it("recognises WebLLM's DeviceLostError, blaming memory", () => {
    expect(deviceLossOf(new DeviceLostError())).toEqual({
      reason: expect.stringContaining('lost'),
      memory: true,
    });
  });

  it('recognises a device lost for another reason, not blaming memory', () => {
    expect(deviceLossOf(new Error('Device was lost: reason destroyed'))).toEqual({
      reason: 'Device was lost: reason destroyed',
      memory: false,
    });
  });

  it('leaves every other failure alone', () => {
    expect(deviceLossOf(new Error('llama.cpp failed: bad magic'))).toBeNull();
    expect(deviceLossOf('out of memory')).toBeNull();
    expect(deviceLossOf(null)).toBeNull();
  });
});

describe('smallerWindow', () => {
  it('halves the window, never below 512 tokens', () => {
    expect(smallerWindow(4096)).toBe(2048);
    expect(smallerWindow(700)).toBe(512);
  });
});
