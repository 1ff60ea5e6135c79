import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer, type CoalescedChunk } from './delta-coalescer';

afterEach(() => vi.useRealTimers());

function setup() {
  let t = 0;
  const sent: CoalescedChunk[] = [];
  const c = new DeltaCoalescer(
    (chunk) => sent.push(chunk),
    4,
    () => t,
  );
  return { c, sent, advance: (ms: number) => (t += ms) };
}

describe('DeltaCoalescer', () => {
  it('sends the first token and every token after a pause at once', () => {
    const { c, sent, advance } = setup();
    c.push('a');
    advance(10);
    c.push('b');
    expect(sent).toEqual([
      { delta: 'a', tokens: 1 },
      { delta: 'b', tokens: 1 },
    ]);
  });

  it('merges tokens that come faster than the interval, losing none', () => {
    vi.useFakeTimers();
    const { c, sent, advance } = setup();
    for (const d of ['a', 'b', 'c', 'd', 'e']) {
      c.push(d);
      advance(1);
    }
    c.flush();
    expect(sent.map((s) => s.delta).join('')).toBe('abcde');
    expect(sent.reduce((n, s) => n + s.tokens, 0)).toBe(5);
    expect(sent.length).toBeLessThan(5);
  });

  it('sends a held token after the interval even if no other token follows', () => {
    vi.useFakeTimers();
    const { c, sent } = setup();
    c.push('a');
    c.push('b');
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(4);
    expect(sent).toEqual([
      { delta: 'a', tokens: 1 },
      { delta: 'b', tokens: 1 },
    ]);
  });

  it('discards held text on cancel', () => {
    vi.useFakeTimers();
    const { c, sent } = setup();
    c.push('a');
    c.push('b');
    c.discard();
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([{ delta: 'a', tokens: 1 }]);
  });

  it('carries the emission time of every merged delta, and none where nothing was stamped', () => {
    vi.useFakeTimers();
    const { c, sent, advance } = setup();
    c.push('a', 1, [100]);
    c.push('b', 1, [101]);
    c.push('c', 1, [102]);
    advance(5);
    c.flush();
    c.push('d');
    advance(5);
    c.flush();
    expect(sent).toEqual([
      { delta: 'a', tokens: 1, emittedAt: [100] },
      { delta: 'bc', tokens: 2, emittedAt: [101, 102] },
      { delta: 'd', tokens: 1 },
    ]);
  });
});
