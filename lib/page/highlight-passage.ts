/**
 * Shows a cited passage on the page: scrolls to it and highlights its text with the CSS Custom
 * Highlight API (no change to the page's DOM but one style rule), until the user's next click.
 * A passage whose text has changed since the page was read is looked for by its text; if it is
 * nowhere, nothing is highlighted and the panel says so — never someone else's text.
 */
import { locatePassage } from './read-passages';

/** What became of a request to show a passage. */
export type ShowOutcome = 'shown' | 'moved' | 'gone';

export const HIGHLIGHT_NAME = 'local-ai-citation';
const STYLE_ID = 'local-ai-citation-style';
const RULE = `::highlight(${HIGHLIGHT_NAME}) { background-color: #ffe066; color: #1a1a1a; }`;

/** A highlight's style must live in the tree (document or shadow root) that holds its text. */
function injectStyle(root: Node, doc: Document): void {
  const parent = root instanceof ShadowRoot ? root : (doc.head ?? doc.documentElement);
  if (parent.querySelector(`style#${STYLE_ID}`)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = RULE;
  parent.append(style);
}

let clearOnClick: (() => void) | null = null;
/** The documents a highlight was drawn in: the page's, and a same-origin frame's. */
let marked: Document[] = [];

/** Removes the highlight (and the listeners waiting for the next click). */
export function clearHighlight(doc: Document = document): void {
  for (const d of new Set([doc, ...marked])) {
    d.defaultView?.CSS?.highlights?.delete(HIGHLIGHT_NAME);
    if (clearOnClick) d.removeEventListener('pointerdown', clearOnClick, true);
  }
  marked = [];
  clearOnClick = null;
}

/** Scrolls to passage `id` and highlights it, if its text still hashes to `hash` (see locatePassage). */
export function showPassage(id: string, hash: string, doc: Document = document): ShowOutcome {
  clearHighlight(doc);
  const found = locatePassage(doc.body, id, hash);
  if (!found) return 'gone';
  const { element, nodes } = found.block;
  // A passage in a same-origin frame is drawn in the frame's document, with the frame's registry.
  const own = element.ownerDocument;
  const ranges = nodes.map((node) => {
    const range = own.createRange();
    range.selectNodeContents(node);
    return range;
  });
  const win = own.defaultView;
  if (win?.CSS?.highlights && typeof win.Highlight === 'function') {
    injectStyle(element.getRootNode(), own);
    win.CSS.highlights.set(HIGHLIGHT_NAME, new win.Highlight(...ranges));
  } else {
    // Without the Highlight API (older browsers), the selection marks the passage instead.
    const selection = own.getSelection();
    selection?.removeAllRanges();
    if (ranges[0]) selection?.addRange(ranges[0]);
  }
  element.scrollIntoView({ block: 'center' });
  marked = [...new Set([doc, own])];
  clearOnClick = () => clearHighlight(doc);
  for (const d of marked) d.addEventListener('pointerdown', clearOnClick, { capture: true, once: true });
  return found.moved ? 'moved' : 'shown';
}
