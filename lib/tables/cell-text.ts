/**
 * The visible text of a table cell: hidden elements (sort keys, screen-reader-only spans,
 * display:none) are not data, footnote markers like "[1]" are not data, <br> is a space.
 * Also the cell's machine-readable value where the page gives one.
 */

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'BUTTON', 'SVG']);

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const cls = el.getAttribute('class') ?? '';
  if (/\b(sortkey|sort-key|visually-hidden|sr-only|screen-reader-text)\b/.test(cls)) return true;
  const inline = (el.getAttribute('style') ?? '').replace(/\s/g, '').toLowerCase();
  if (inline.includes('display:none') || inline.includes('visibility:hidden')) return true;
  const view = el.ownerDocument?.defaultView;
  if (view?.getComputedStyle) {
    const style = view.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
  }
  return false;
}

function isFootnote(el: Element): boolean {
  if (el.tagName !== 'SUP') return false;
  const text = el.textContent?.trim() ?? '';
  return (
    /\breference\b/.test(el.getAttribute('class') ?? '') ||
    /^(\[[^\]]{1,12}\]\s*)+$/.test(text) ||
    /^[*†‡§a-z]$/.test(text)
  );
}

/** The text a reader sees in `cell`, whitespace collapsed, footnote markers removed. */
export function visibleText(cell: Element): string {
  // Most cells hold only text: no element can hide anything there.
  if (!cell.firstElementChild) return clean(cell.textContent ?? '');
  let out = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        out += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.tagName === 'BR') {
          out += ' ';
          continue;
        }
        if (SKIP_TAGS.has(el.tagName.toUpperCase()) || isHidden(el) || isFootnote(el)) continue;
        walk(el);
      }
    }
  };
  walk(cell);
  return clean(out);
}

function clean(out: string): string {
  // Fast paths: a 100k-cell table calls this for every cell.
  const text = out.includes('[') ? out.replace(/\[(?:\d{1,3}|[a-z]|note \d+|citation needed)\]/gi, '') : out;
  return /\s\s|[\t\n\r\u00a0]/.test(text) ? text.replace(/[\s\u00a0]+/g, ' ').trim() : text.trim();
}

/** The page's own machine-readable value for a cell: data-sort-value, <time datetime>, <data value>. */
export function machineValue(cell: Element): string | null {
  const own = cell.getAttribute('data-sort-value');
  if (own) return own;
  if (!cell.firstElementChild) return null;
  const inner = cell.querySelectorAll('time[datetime], data[value]');
  if (inner.length !== 1) return null;
  const el = inner[0]!;
  return el.getAttribute('datetime') ?? el.getAttribute('value');
}

/** Whether an element is hidden from readers (used to skip hidden tables and rows). */
export function isHiddenElement(el: Element): boolean {
  return isHidden(el);
}
