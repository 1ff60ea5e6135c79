/**
 * A page's blocks in document order — paragraphs, list items, headings, captions, cells, and any
 * other element that is not inline and holds text of its own — walking into open shadow roots and
 * into frames of the page's own origin (a cross-origin frame's document is not the page's to read).
 * A passage's id is its block's position in this order, so the content script can find the same
 * block again (and checks its text's hash before trusting that it is the same).
 */
import { passageHash, passageOf, passageText, type Passage } from './passages';

/** Never text a reader sees. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'VIDEO',
  'AUDIO',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'BUTTON',
  'HEAD',
]);

/** Elements whose text belongs to the block around them. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BR',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'WBR',
]);

/** A block and the text nodes that are its own (not those of blocks inside it). */
export interface Block {
  element: Element;
  nodes: Text[];
  text: string;
}

const isElement = (node: Node): node is Element => node.nodeType === 1;
const isText = (node: Node): node is Text => node.nodeType === 3;

function shown(element: Element, checkVisibility: boolean): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return false;
  return !checkVisibility || !('checkVisibility' in element) || element.checkVisibility();
}

/**
 * The blocks with text under `root`, in document order (iterative: a deeply nested page cannot
 * overflow the stack). `checkVisibility` is false for documents that are not rendered.
 */
export function pageBlocks(root: Element | null, checkVisibility = true): Block[] {
  const blocks: Block[] = [];
  if (!root) return [];
  const stack: [Node, Block | null][] = [[root, null]];
  while (stack.length) {
    const [node, block] = stack.pop()!;
    if (isText(node)) {
      if (block && node.data.trim()) block.nodes.push(node);
      if (block) block.text += node.data;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.tagName.toUpperCase();
    if (tag === 'BR' && block) block.text += ' ';
    if (tag === 'IFRAME' && shown(node, checkVisibility)) {
      // Null for a frame of another origin; a frame's blocks are blocks of their own.
      const body = sameOriginBody(node as HTMLIFrameElement);
      if (body) stack.push([body, null]);
      continue;
    }
    if (SKIP.has(tag) || !shown(node, checkVisibility && !INLINE.has(tag))) continue;
    let own = block;
    if (!INLINE.has(tag)) {
      own = { element: node, nodes: [], text: '' };
      blocks.push(own);
    }
    // Open shadow roots render in place of (and around slotted) light children: read both.
    const children = [...(node.shadowRoot?.childNodes ?? []), ...node.childNodes];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, own]);
  }
  return blocks.map((b) => ({ ...b, text: passageText(b.text) })).filter((b) => b.text);
}

function sameOriginBody(frame: HTMLIFrameElement): HTMLElement | null {
  try {
    return frame.contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

/** Which of the page's passages to read. */
export interface PassageFilter {
  /** The texts of the article Readability found: only its blocks, where that keeps most of it. */
  keep?: Set<string>;
  /** Only the blocks inside this element (a picked part of the page). */
  within?: Element;
  maxChars?: number;
}

/** The page's passages, numbered by their place among all of the page's blocks. */
export function readPassages(root: Element | null, filter: PassageFilter = {}): Passage[] {
  const { keep, within, maxChars = 1_000_000 } = filter;
  const blocks = pageBlocks(root);
  const all = blocks
    .map((b, i) => ({ position: i + 1, text: b.text, element: b.element }))
    .filter((b) => !within || within.contains(b.element));
  let chosen = all;
  if (keep?.size) {
    // Readability reads the top document only: a frame's blocks are kept as they are.
    const framed = (b: { element: Element }) => b.element.ownerDocument !== root?.ownerDocument;
    const inArticle = all.filter((b) => keep.has(b.text));
    const keptChars = inArticle.reduce((n, b) => n + b.text.length, 0);
    const articleChars = [...keep].reduce((n, t) => n + t.length, 0);
    if (keptChars >= articleChars * 0.5) chosen = all.filter((b) => keep.has(b.text) || framed(b));
  }
  const passages: Passage[] = [];
  let total = 0;
  for (const b of chosen) {
    if (total + b.text.length > maxChars) break;
    total += b.text.length;
    passages.push(passageOf(b.position, b.text));
  }
  return passages;
}

/** The block texts of an article's HTML (as Readability returns it), parsed inert. */
export function articleTexts(html: string): Set<string> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return new Set(pageBlocks(doc.body, false).map((b) => b.text));
}

/** Where a cited passage is now: where it was, elsewhere (the page changed), or gone. */
export type Located = { block: Block; moved: boolean } | null;

/** Finds passage `id` with text hash `hash` in the page as it is now; never a block with other text. */
export function locatePassage(root: Element | null, id: string, hash: string): Located {
  const blocks = pageBlocks(root);
  const at = blocks[Number(id) - 1];
  if (at && passageHash(at.text) === hash) return { block: at, moved: false };
  const found = blocks.find((b) => passageHash(b.text) === hash);
  return found ? { block: found, moved: true } : null;
}
