/**
 * Collects every row of a virtualised ARIA grid (one that renders only the rows in view) by
 * scrolling its viewport and merging the windows by aria-rowindex, then restoring the scroll.
 */
import { mergeAriaRows, readAriaRows, type AriaRows } from './aria-grid';
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

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

/** All rows of `grid`, scrolling through it when it is virtualised; at most `maxSteps` windows. */
export async function collectAriaGrid(grid: Element, maxSteps = 2000): Promise<RawGrid> {
  const parts: AriaRows[] = [readAriaRows(grid)];
  const viewport = scroller(grid);
  const declared = parts[0]!.rowCount;
  const seen = () => new Set(parts.flatMap((p) => [...p.rows.keys()])).size;
  const headerRows = parts[0]!.header ? 1 : 0;
  const complete = () => declared !== null && seen() >= declared - headerRows;
  if (viewport && !complete()) {
    const start = viewport.scrollTop;
    viewport.scrollTop = 0;
    await nextFrame();
    parts.push(readAriaRows(grid));
    for (let step = 0; step < maxSteps && !complete(); step++) {
      const before = viewport.scrollTop;
      viewport.scrollTop = before + Math.max(1, viewport.clientHeight - 20);
      await nextFrame();
      parts.push(readAriaRows(grid));
      if (viewport.scrollTop === before) break;
    }
    viewport.scrollTop = start;
  }
  return mergeAriaRows(parts);
}
