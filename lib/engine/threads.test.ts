import { describe, expect, it } from 'vitest';
import { llamaThreads } from './threads';

describe('llamaThreads', () => {
  it('uses every core but one where the engine is cross-origin isolated', () => {
    expect(llamaThreads(true, 8)).toMatchObject({ threads: 7 });
    expect(llamaThreads(true, 8).reason).toMatch(/7 threads: every core but one/);
    expect(llamaThreads(true, 2)).toMatchObject({
      threads: 1,
      reason: expect.stringMatching(/2 cores/) as string,
    });
    expect(llamaThreads(true, undefined).threads).toBe(1);
  });

  it('falls back to one thread, and says why, where it is not', () => {
    const choice = llamaThreads(false, 8);
    expect(choice.threads).toBe(1);
    expect(choice.reason).toMatch(/not cross-origin isolated/);
  });
});
