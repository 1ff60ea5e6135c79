import { describe, expect, it } from 'vitest';
import { ContextOverflowError, deserializeError } from '../protocol';
import { MAX_REFITS, refitRatio, retryOnOverflow } from './overflow-retry';

describe('retryOnOverflow', () => {
  it('refits from the engine’s count, with a wider margin each time, and returns the first success', async () => {
    const refits: { ratio: number; window: number }[] = [];
    const result = await retryOnOverflow(
      async (n) => {
        // As over a Port: serialised, then rebuilt.
        if (n < 2) throw deserializeError(ContextOverflowError.of(1000, 512).toJSON());
        return `answered on attempt ${n}`;
      },
      () => 2000,
      (r) => refits.push(r),
    );
    expect(result).toBe('answered on attempt 2');
    expect(refits).toEqual([
      { ratio: 2 * 0.8, window: 512 },
      { ratio: 2 * 0.65, window: 512 },
    ]);
  });

  it('gives up after MAX_REFITS refits with the engine’s error', async () => {
    let attempts = 0;
    const failing = retryOnOverflow(
      async () => {
        attempts++;
        throw ContextOverflowError.of(900, 512);
      },
      () => 1000,
      () => {},
    );
    await expect(failing).rejects.toBeInstanceOf(ContextOverflowError);
    expect(attempts).toBe(MAX_REFITS + 1);
  });

  it('passes any other failure through at once', async () => {
    let attempts = 0;
    const failing = retryOnOverflow(
      async () => {
        attempts++;
        throw new Error('engine crashed');
      },
      () => 1000,
      () => {},
    );
    await expect(failing).rejects.toThrow('engine crashed');
    expect(attempts).toBe(1);
  });

  it('plans with a ratio below what the engine counted', () => {
    expect(refitRatio(3000, 1000, 0)).toBeCloseTo(2.4);
    expect(refitRatio(3000, 1000, 1)).toBeCloseTo(1.95);
  });
});
