/** The text the user selected, and where it is on screen, read from a Document. */
export interface SelectionInfo {
  text: string;
  rect: { top: number; left: number; bottom: number } | null;
  /** The block of text the selection sits in. */
  paragraph?: string;
}

export function readSelection(doc: Document = document): SelectionInfo {
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  // Text selected in an input or textarea is not part of the document selection.
  if (active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT') && active.selectionStart !== null && active.selectionEnd !== null) {
    const text = active.value.slice(active.selectionStart, active.selectionEnd).trim();
    if (text) {
      const r = active.getBoundingClientRect();
      return { text, rect: { top: r.top, left: r.left, bottom: r.bottom } };
    }
  }
  const selection = doc.getSelection();
  const text = selection?.toString().trim() ?? '';
  if (!selection || !text || selection.rangeCount === 0) return { text, rect: null };
  const range = selection.getRangeAt(0);
  const r = range.getBoundingClientRect();
  const node = range.commonAncestorContainer;
  const block = (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest('p, li, td, th, blockquote, pre, section, article, div');
  return { text, rect: { top: r.top, left: r.left, bottom: r.bottom }, paragraph: block?.textContent?.replace(/\s+/g, ' ').trim() };
}
