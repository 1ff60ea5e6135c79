// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { collectAriaGrid } from './virtual-grid';

const ROW_HEIGHT = 20;

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * A fake virtualised grid (test double for AG Grid, MUI DataGrid and the like): renders only the
 * rows in view and re-renders them whenever its viewport scrolls. happy-dom has no layout, so the
 * viewport's sizes and scroll position are defined here.
 */
function virtualGrid(total: number, { height = 100, declared = total + 1 } = {}) {
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
  const render = () => {
    const first = Math.floor(top / ROW_HEIGHT);
    const last = Math.min(total, Math.ceil((top + height) / ROW_HEIGHT));
    body.innerHTML = '';
    for (let i = first; i < last; i++) {
      body.insertAdjacentHTML(
        'beforeend',
        `<div role="row" aria-rowindex="${i + 2}"><div role="gridcell">City ${i + 1}</div><div role="gridcell">${i + 1}</div></div>`,
      );
    }
  };
  Object.defineProperties(viewport, {
    clientHeight: { get: () => height },
    scrollHeight: { get: () => scrollHeight },
    scrollTop: {
      get: () => top,
      set: (value: number) => {
        scrolls++;
        top = Math.max(0, Math.min(value, scrollHeight - height));
        render();
      },
    },
  });
  render();
  return { viewport, grid: document.querySelector('[role="grid"]')!, scrolls: () => scrolls };
}

const cities = (grid: Awaited<ReturnType<typeof collectAriaGrid>>) => grid.body.map((row) => row[0]!.text);

describe('collectAriaGrid', () => {
  it('scrolls through a virtualised grid and collects every row once, in order', async () => {
    const { grid } = virtualGrid(30);
    expect(grid.querySelectorAll('[role="gridcell"]').length).toBe(10); // 5 rows in view
    const result = await collectAriaGrid(grid);
    expect(result.headerRows).toEqual([['City', 'Rank']]);
    expect(cities(result)).toEqual(Array.from({ length: 30 }, (_, i) => `City ${i + 1}`));
    expect(result.body[29]![1]!.text).toBe('30');
  });

  it('puts the scroll back where the user left it', async () => {
    const { grid, viewport } = virtualGrid(30);
    viewport.scrollTop = 200;
    await collectAriaGrid(grid);
    expect(viewport.scrollTop).toBe(200);
    expect(grid.textContent).toContain('City 11');
  });

  it('reads a grid whose rows are all rendered without scrolling', async () => {
    const { grid, scrolls } = virtualGrid(4);
    const result = await collectAriaGrid(grid);
    expect(cities(result)).toEqual(['City 1', 'City 2', 'City 3', 'City 4']);
    expect(scrolls()).toBe(0);
  });

  it('stops at the end of the scroll when the grid declares more rows than it has', async () => {
    const { grid } = virtualGrid(12, { declared: 500 });
    const result = await collectAriaGrid(grid);
    expect(cities(result)).toHaveLength(12);
  });

  it('reads at most maxSteps windows', async () => {
    const { grid } = virtualGrid(100);
    const result = await collectAriaGrid(grid, 2);
    const rows = cities(result);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toBe('City 1');
  });
});
