import { describe, expect, it } from 'vitest';
import { calibrate, chunkText, fairShares, fitToBudget } from './context-budget';

const budget = { contextWindow: 100, reserveTokens: 50, charsPerToken: 4 }; // 200 characters

describe('context budget', () => {
  it('keeps text that fits whole', () => {
    expect(fitToBudget('short', budget)).toEqual({ text: 'short', cut: false, kept: 1 });
  });

  it('cuts long text at a paragraph end and says how much was kept', () => {
    const text = `${'a'.repeat(170)}\n${'b'.repeat(100)}`;
    const fitted = fitToBudget(text, budget);
    expect(fitted).toMatchObject({ text: 'a'.repeat(170), cut: true });
    expect(fitted.kept).toBeCloseTo(170 / 271, 3);
  });

  it('chunks a long page into pieces that each fit and cover it all', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunkText(text, budget);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });

  it("learns characters per token from the engine's counts", () => {
    expect(calibrate(4, 300, 100)).toBe(3.5);
    expect(calibrate(4, 300, 0)).toBe(4);
  });

  it('shares the window fairly between tabs: a short one goes whole, long ones split the rest', () => {
    expect(fairShares([100, 5000, 5000], 3000)).toEqual([100, 1450, 1450]);
    expect(fairShares([400, 500], 3000)).toEqual([400, 500]);
    expect(fairShares([5000, 5000, 5000], 3000)).toEqual([1000, 1000, 1000]);
    expect(fairShares([5000], -10)).toEqual([0]);
    // Never more than the window, whatever the needs.
    const shares = fairShares([900, 1200, 60, 3000], 2000);
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2000);
    expect(shares[2]).toBe(60);
  });
});
