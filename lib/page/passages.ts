/**
 * Passages: a page's text in the pieces that answers cite. The one shape for every kind of
 * document (web pages here, PDF pages later: `page` holds the page number); declared with the
 * content messages that carry it (lib/protocol/content-messages.ts).
 */
import type { Passage } from '../protocol';

export type { Passage };

/** Whitespace collapsed and trimmed: the form passages are compared, hashed and shown in. */
export function passageText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** FNV-1a (32 bits) of the text, as 8 hex digits: enough to tell a changed passage from its old self. */
export function passageHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A passage built from its position in the page (1-based: the number answers cite) and its text. */
export function passageOf(position: number, text: string, page?: number): Passage {
  const clean = passageText(text);
  return { id: String(position), text: clean, hash: passageHash(clean), ...(page ? { page } : {}) };
}
