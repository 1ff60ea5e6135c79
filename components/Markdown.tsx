/** Model output as sanitised markdown (see lib/chat/render-markdown.ts for what survives). */
import { renderMarkdown } from '@/lib/chat/render-markdown';

export interface MarkdownProps {
  text: string;
  testId?: string;
  /** The passage ids this answer may cite: those become buttons, other citations are dropped. */
  citations?: string[];
  /** A citation button was clicked. */
  onCite?: (id: string) => void;
}

export function Markdown({ text, testId, citations, onCite }: MarkdownProps) {
  const html = renderMarkdown(text, citations && new Set(citations));
  const click = (event: MouseEvent) => {
    const button = (event.target as Element | null)?.closest?.('button.cite');
    const id = button instanceof HTMLElement ? button.dataset.cite : undefined;
    if (id) onCite?.(id);
  };
  // dir="auto": an answer reads in its own direction (Arabic right to left) whatever the UI language.
  return (
    <div
      class="md"
      dir="auto"
      data-testid={testId}
      onClick={click}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
