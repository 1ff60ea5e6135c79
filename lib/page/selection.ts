/**
 * What the user selected — in the page, or inside an input or textarea, whose selection the
 * document's does not include — with the block of text around it and where it is on screen.
 * One reader for the bubble, the page context and the menu tasks.
 */
export interface SelectionInfo {
  text: string;
  rect: { top: number; left: number; bottom: number } | null;
  /** The block of text the selection sits in. */
  paragraph?: string;
}

const MAX_TEXT = 20_000;
const MAX_PARAGRAPH = 4000;

export function readSelection(doc: Document = document): SelectionInfo {
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (
    active &&
    (active.tagName === 'TEXTAREA' ||
      (active.tagName === 'INPUT' && /^(text|search|url|email)?$/.test(active.type)))
  ) {
    const { selectionStart: a, selectionEnd: b, value } = active;
    const text = a !== null && b !== null ? value.slice(a, b).trim() : '';
    if (text) {
      const r = active.getBoundingClientRect();
      return {
        text: text.slice(0, MAX_TEXT),
        rect: { top: r.top, left: r.left, bottom: r.bottom },
        paragraph: value.slice(0, MAX_PARAGRAPH),
      };
    }
  }
  const selection = doc.getSelection();
  const text = selection?.toString().trim() ?? '';
  if (!selection || !text || selection.rangeCount === 0) return { text, rect: null };
  const range = selection.getRangeAt(0);
  const r = range.getBoundingClientRect();
  const node = range.commonAncestorContainer;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const block = el?.closest('p, li, td, th, blockquote, pre, section, article, div') ?? el;
  return {
    text: text.slice(0, MAX_TEXT),
    rect: { top: r.top, left: r.left, bottom: r.bottom },
    paragraph: (block?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_PARAGRAPH),
  };
}
