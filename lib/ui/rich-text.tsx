/**
 * A whole translated sentence with elements inside it (a name in bold, a link-like button), so
 * translators keep the sentence and its word order: `$1`… stand for the given nodes, wherever
 * the language puts them.
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../i18n/i18n';

const MARK = '\u0001';

/** The message `key` with `$n` replaced by the n-th node (elements, not text). */
export function tRich(key: MessageKey, ...nodes: ComponentChildren[]): ComponentChildren[] {
  const text = t(key, ...nodes.map((_, i) => `${MARK}${i}${MARK}`));
  return text
    .split(new RegExp(`${MARK}(\\d+)${MARK}`))
    .map((part, i) => (i % 2 ? nodes[Number(part)] : part));
}
