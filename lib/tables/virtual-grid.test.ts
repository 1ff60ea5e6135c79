// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { collectAriaGrid } from './virtual-grid';
import type { SettleTimes } from './render-wait';

/** Short waits keep the tests quick; the slow grids below still take longer than `quietMs`. */
const settle: SettleTimes = { firstChangeMs: 400, quietMs: 25, maxMs: 1000 };

const ROW_HEIGHT = 20;

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * A fake virtualised grid (test double for AG Grid, MUI DataGrid and the like): renders only the
 * rows in view and re-renders them whenever its viewport scrolls. happy-dom has no layout, so the
 * viewport's sizes and scroll position are defined here.
 */
interface GridBehaviour {
  height?: number;
  declared?: number;
  /**
   * Milliseconds before the grid re-renders after a scroll (like a grid rendering on its scroll
   * event, a frame later, or much later on a busy machine); null re-renders inside the scroll.
   */
  delay?: (() => number) | null;
  /** Render rows with blank cells first and fill them after this many ms (two-pass grids). */
  fillAfter?: (() => number) | null;
  /** Rows (1-based body positions) the grid skips the first time it would render them. */
  skipOnce?: Set<number>;
  /** A broken grid: scrolling moves the viewport but the rows never change. */
  frozen?: boolean;
}

function virtualGrid(
  total: number,
  {
    height = 100,
    declared = total + 1,
    delay = null,
    fillAfter = null,
    skipOnce,
    frozen,
  }: GridBehaviour = {},
) {
  document.body.innerHTML = `<div id="viewport" style="overflow-y: auto">
    <div role="grid" aria-rowcount="${declared}">
      <div role="row" aria-rowindex="1"><div role="columnheader">City</div><div role="columnheader">Rank</div></div>
      <div id="body"></div>
    </div></div>`;
  const viewport = document.querySelector<HTMLElement>('#viewport')!;
  const body = document.querySelector('#body')!;
  const scrollHeight = ROW_HEIGHT * total;
  let top = 0;
  let scrolls = 0;
  let generation = 0;
  const paint = (blank: boolean) => {
    const first = Math.floor(top / ROW_HEIGHT);
    const last = Math.min(total, Math.ceil((top + height) / ROW_HEIGHT));
    body.innerHTML = '';
    for (let i = first; i < last; i++) {
      if (skipOnce?.delete(i + 1)) continue;
      const cells = blank ? ['', ''] : [`City ${i + 1}`, `${i + 1}`];
      body.insertAdjacentHTML(
        'beforeend',
        `<div role="row" aria-rowindex="${i + 2}"><div role="gridcell">${cells[0]}</div><div role="gridcell">${cells[1]}</div></div>`,
      );
    }
  };
  const render = () => {
    const mine = ++generation;
    const full = () => {
      if (mine !== generation) return; // a newer scroll replaced this render
      if (!fillAfter) return paint(false);
      paint(true);
      setTimeout(() => mine === generation && paint(false), fillAfter());
    };
    if (delay) setTimeout(full, delay());
    else full();
  };
  Object.defineProperties(viewport, {
    clientHeight: { get: () => height },
    scrollHeight: { get: () => scrollHeight },
    scrollTop: {
      get: () => top,
      set: (value: number) => {
        scrolls++;
        top = Math.max(0, Math.min(value, scrollHeight - height));
        if (!frozen) render();
      },
    },
  });
  paint(false);
  return { viewport, grid: document.querySelector('[role="grid"]')!, scrolls: () => scrolls };
}

const cities = (grid: Awaited<ReturnType<typeof collectAriaGrid>>) => grid.body.map((row) => row[0]!.text);

describe('collectAriaGrid', () => {
  it('scrolls through a virtualised grid and collects every row once, in order', async () => {
    const { grid } = virtualGrid(30);
    expect(grid.querySelectorAll('[role="gridcell"]').length).toBe(10); // 5 rows in view
    const result = await collectAriaGrid(grid, { settle });
    expect(result.headerRows).toEqual([['City', 'Rank']]);
    expect(cities(result)).toEqual(Array.from({ length: 30 }, (_, i) => `City ${i + 1}`));
    expect(result.body[29]![1]!.text).toBe('30');
    expect(result.unreadRows).toBe(0);
  });

  it('waits for a grid that re-renders late and irregularly, and still reads every row', async () => {
    // Random delays up to 4× the quiet period, and two-pass renders (blank rows, then text).
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100;
    const { grid } = virtualGrid(60, { delay: random, fillAfter: () => random() / 5 });
    const result = await collectAriaGrid(grid, { settle });
    expect(cities(result)).toEqual(Array.from({ length: 60 }, (_, i) => `City ${i + 1}`));
    expect(result.unreadRows).toBe(0);
  });

  it('scrolls back to rows the grid skipped the first time and fills the gaps', async () => {
    const { grid } = virtualGrid(50, { delay: () => 5, skipOnce: new Set([7, 23, 24, 41]) });
    const result = await collectAriaGrid(grid, { settle });
    expect(cities(result)).toEqual(Array.from({ length: 50 }, (_, i) => `City ${i + 1}`));
    expect(result.unreadRows).toBe(0);
  });

  it('counts the rows it could not read instead of dropping them silently', async () => {
    // The grid declares 40 body rows but can only ever show 35.
    const { grid } = virtualGrid(35, { declared: 41, delay: () => 5 });
    const result = await collectAriaGrid(grid, { settle });
    expect(cities(result)).toHaveLength(35);
    expect(result.unreadRows).toBe(5);
  });

  it('gives up on a grid that does not re-render on scroll after a few scrolls, not one wait per row', async () => {
    const { grid, scrolls } = virtualGrid(30, { frozen: true });
    const result = await collectAriaGrid(grid, { settle: { firstChangeMs: 20, quietMs: 5, maxMs: 50 } });
    expect(scrolls()).toBeLessThanOrEqual(5); // three unanswered scrolls, and the scroll put back
    expect(cities(result)).toHaveLength(5);
    expect(result.unreadRows).toBe(25);
  });

  it('puts the scroll back where the user left it', async () => {
    const { grid, viewport } = virtualGrid(30);
    viewport.scrollTop = 200;
    await collectAriaGrid(grid, { settle });
    expect(viewport.scrollTop).toBe(200);
    expect(grid.textContent).toContain('City 11');
  });

  it('reads a grid whose rows are all rendered without scrolling', async () => {
    const { grid, scrolls } = virtualGrid(4);
    const result = await collectAriaGrid(grid, { settle });
    expect(cities(result)).toEqual(['City 1', 'City 2', 'City 3', 'City 4']);
    expect(scrolls()).toBe(0);
  });

  it('stops at the end of the scroll when the grid declares more rows than it has', async () => {
    const { grid, scrolls } = virtualGrid(12, { declared: 500 });
    const result = await collectAriaGrid(grid, { settle });
    expect(cities(result)).toHaveLength(12);
    expect(scrolls()).toBeLessThan(10); // no scroll back for each of the 487 rows that are not there
    expect(result.unreadRows).toBe(499 - 12);
  });

  it('reads at most maxSteps windows', async () => {
    const { grid } = virtualGrid(100);
    const result = await collectAriaGrid(grid, { maxSteps: 2, settle });
    const rows = cities(result);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toBe('City 1');
  });
});
