/**
 * Collects every row of a virtualised ARIA grid (one that renders only the rows in view) by
 * scrolling its viewport and merging the windows by aria-rowindex, then restoring the scroll.
 * Each step waits until the grid has re-rendered (not a fixed pause, which loses rows on a busy
 * machine); rows still missing after the sweep are fetched by scrolling back to them; and rows
 * that could not be read at all are counted, never silently dropped.
 */
import { mergeAriaRows, readAriaRows, type AriaRows } from './aria-grid';
import { DEFAULT_SETTLE, watchRender, type SettleTimes } from './render-wait';
import type { RawGrid } from './types';

function scroller(grid: Element): HTMLElement | null {
  let el: Element | null = grid;
  while (el) {
    const html = el as HTMLElement;
    if (html.scrollHeight > html.clientHeight + 1) {
      const overflow = el.ownerDocument.defaultView?.getComputedStyle(el).overflowY ?? '';
      if (/(auto|scroll)/.test(overflow)) return html;
    }
    el = el.parentElement;
  }
  return null;
}

export interface CollectOptions {
  /** At most this many scroll steps in all (sweep and gap filling). */
  maxSteps?: number;
  settle?: SettleTimes;
  /** Passes over the rows still missing after the sweep. */
  gapPasses?: number;
}

/** A grid read by scrolling, with the number of rows it declares but that could not be read. */
export interface CollectedGrid extends RawGrid {
  unreadRows: number;
}

type Row = { text: string; sortValue: string | null }[];
const isBlank = (row: Row) => row.every((c) => !c.text.trim());

/** Where each read happened: scroll offsets against the row indices they showed, for aiming back. */
interface Sample {
  top: number;
  first: number;
  last: number;
}

/** The scroll offset that should bring row `index` into view, interpolated from earlier reads. */
function aimAt(index: number, samples: Sample[], viewport: HTMLElement, rowCount: number): number {
  const sorted = samples.filter((s) => s.first <= s.last).sort((a, b) => a.first - b.first);
  const before = sorted.filter((s) => s.first <= index).at(-1);
  const after = sorted.find((s) => s.first > index);
  if (before && after && after.first > before.first) {
    return before.top + ((index - before.first) / (after.first - before.first)) * (after.top - before.top);
  }
  const rowHeight = viewport.scrollHeight / Math.max(1, rowCount);
  return (index - 1) * rowHeight - viewport.clientHeight / 3;
}

/**
 * All rows of `grid`, scrolling through it when it is virtualised.
 * @returns the merged rows and how many declared rows (aria-rowcount) could not be read.
 */
export async function collectAriaGrid(grid: Element, options: CollectOptions = {}): Promise<CollectedGrid> {
  const { maxSteps = 2000, settle = DEFAULT_SETTLE, gapPasses = 3 } = options;
  const first = readAriaRows(grid);
  const parts: AriaRows[] = [first];
  const declared = first.rowCount;
  const read = new Set<number>();
  let headerIndex = first.header ? 1 : 0;
  const take = (part: AriaRows) => {
    parts.push(part);
    if (part.header && !headerIndex) headerIndex = 1;
    for (const [i, row] of part.rows) if (!isBlank(row)) read.add(i);
  };
  for (const [i, row] of first.rows) if (!isBlank(row)) read.add(i);
  const bodyCount = () => (declared === null ? null : declared - headerIndex);
  const missing = (): number[] => {
    const count = bodyCount();
    if (count === null) return [];
    const out: number[] = [];
    for (let i = headerIndex + 1; i <= declared!; i++) if (!read.has(i)) out.push(i);
    return out;
  };
  const viewport = scroller(grid);
  if (viewport && missing().length) {
    const start = viewport.scrollTop;
    const samples: Sample[] = [];
    let steps = 0;
    // Scrolls in a row after which the grid did not change at all: a grid that does not re-render
    // (a hidden tab, a grid that is not virtualised after all) is not worth a wait per row.
    let unresponsive = 0;
    const gaveUp = () => steps >= maxSteps || unresponsive >= 3;
    /** Scrolls to `top`, waits for the grid to re-render, reads it; false when the scroll did not move. */
    const readAt = async (top: number): Promise<boolean> => {
      steps++;
      const before = viewport.scrollTop;
      const render = watchRender(grid, settle);
      viewport.scrollTop = Math.max(0, top);
      const moved = viewport.scrollTop !== before;
      // Nothing re-renders when the scroll did not move; read what is there without waiting.
      if (moved) unresponsive = (await render.settled()) ? 0 : unresponsive + 1;
      else render.stop();
      const part = readAriaRows(grid);
      const indices = [...part.rows.keys()];
      if (indices.length)
        samples.push({ top: viewport.scrollTop, first: Math.min(...indices), last: Math.max(...indices) });
      take(part);
      return moved;
    };
    await readAt(0);
    let reachedEnd = false;
    while (!gaveUp() && missing().length) {
      reachedEnd = !(await readAt(viewport.scrollTop + Math.max(1, viewport.clientHeight - 20)));
      if (reachedEnd) break;
    }
    // Rows the sweep missed (a window read before the grid finished, a jump past a row): aim at each.
    for (let pass = 0; pass < gapPasses && !gaveUp(); pass++) {
      const gaps = missing();
      if (!gaps.length) break;
      let covered = 0;
      for (const index of gaps) {
        // Past the last row the sweep saw at the very end of the scroll: declared, but not there.
        if (gaveUp() || (reachedEnd && index > Math.max(0, ...read))) break;
        if (index <= covered) continue;
        const target = Math.min(aimAt(index, samples, viewport, declared!), viewport.scrollHeight);
        const moved = await readAt(target);
        const last = samples.at(-1);
        // Stuck at the end of the scroll below this row: the rows after it are not there to read.
        if (!moved && (last?.last ?? 0) < index) break;
        // Rows inside the window just read that are still absent will not appear by aiming again now.
        covered = last && last.first <= index ? last.last : index;
      }
      if (missing().length === gaps.length) break;
    }
    viewport.scrollTop = start;
  }
  // Later reads win, except that a blank (placeholder) row never replaces one with text.
  const merged = mergeAriaRows(withoutBlankRereads(parts));
  const count = bodyCount();
  const unreadRows = count === null ? 0 : Math.max(0, count - merged.body.length);
  return { ...merged, unreadRows };
}

function withoutBlankRereads(parts: AriaRows[]): AriaRows[] {
  const hasText = new Set<number>();
  for (const p of parts) for (const [i, row] of p.rows) if (!isBlank(row)) hasText.add(i);
  return parts.map((p) => ({
    ...p,
    rows: new Map([...p.rows].filter(([i, row]) => !isBlank(row) || !hasText.has(i))),
  }));
}
