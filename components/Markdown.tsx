/** Model output as sanitised markdown (see lib/chat/render-markdown.ts for what survives). */
import { renderMarkdown } from '@/lib/chat/render-markdown';

export function Markdown({ text, testId }: { text: string; testId?: string }) {
  return <div class="md" data-testid={testId} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
