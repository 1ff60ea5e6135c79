/** The text the user selected, and where it is on screen, read from a Document. */
export interface SelectionInfo {
  text: string;
  rect: { top: number; left: number; bottom: number } | null;
}

export function readSelection(doc: Document = document): SelectionInfo {
  const selection = doc.getSelection();
  const text = selection?.toString().trim() ?? '';
  if (!selection || !text || selection.rangeCount === 0) return { text, rect: null };
  const r = selection.getRangeAt(0).getBoundingClientRect();
  return { text, rect: { top: r.top, left: r.left, bottom: r.bottom } };
}
