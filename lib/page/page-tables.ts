/**
 * The page side of "ask the tables": extracts every data table (scrolling through
 * virtualised grids to collect all their rows), outlines a table on hover, and remembers
 * which table the user right-clicked for "Ask this table…".
 */
import type { ExtractedTable as WireTable } from '../protocol';
import {
  buildTable,
  collectAriaGrid,
  findTableElements,
  rawGridOf,
  withUniqueNames,
  type CollectedGrid,
  type ExtractedTable,
} from '../tables';

let lastContextTarget: Element | null = null;
let outline: HTMLElement | null = null;

/**
 * Every data table on the page, with all rows of virtualised ARIA grids. Typed as the wire
 * type, so the compiler checks that what lib/tables extracts fits the protocol.
 */
export async function extractPageTables(doc: Document = document): Promise<WireTable[]> {
  const elements = findTableElements(doc);
  const tables: ExtractedTable[] = [];
  for (const [index, el] of elements.entries()) {
    const virtual = el.tagName !== 'TABLE' && el.hasAttribute('aria-rowcount');
    const grid: CollectedGrid = virtual ? await collectAriaGrid(el) : { ...rawGridOf(el), unreadRows: 0 };
    const table = buildTable(el, grid, index);
    if (!table.columns.length || !table.rows.length) continue;
    // Rows the grid declares but never showed are counted, so the Tables view can say so.
    tables.push(grid.unreadRows ? { ...table, unreadRows: grid.unreadRows } : table);
  }
  // Indexes stay the elements' positions: highlighting and "Ask this table…" count the same way.
  return withUniqueNames(tables);
}

/** Outlines table `index` (as numbered by extraction) with an overlay; null removes it. */
export function highlightTable(index: number | null, doc: Document = document): void {
  outline?.remove();
  outline = null;
  if (index === null) return;
  const el = findTableElements(doc)[index];
  if (!el) return;
  el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  const r = el.getBoundingClientRect();
  outline = doc.createElement('div');
  outline.setAttribute('aria-hidden', 'true');
  // Absolutely positioned over the table: the page's own styles and layout stay untouched.
  outline.style.cssText = `position:absolute;pointer-events:none;z-index:2147483646;border:3px solid #3b6cf6;border-radius:4px;background:rgb(59 108 246 / 8%);top:${r.top + scrollY - 3}px;left:${r.left + scrollX - 3}px;width:${r.width}px;height:${r.height}px`;
  doc.documentElement.append(outline);
}

export function rememberContextTarget(doc: Document = document): void {
  doc.addEventListener('contextmenu', (event) => (lastContextTarget = event.target as Element), true);
}

/** Index of the data table the user last right-clicked, if any. */
export function contextTableIndex(doc: Document = document): number | null {
  if (!lastContextTarget) return null;
  const index = findTableElements(doc).findIndex((el) => el.contains(lastContextTarget));
  return index >= 0 ? index : null;
}
