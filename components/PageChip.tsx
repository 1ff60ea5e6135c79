/** "This page": exactly what context is attached to questions, and a switch to leave it out. */
import type { Fitted } from '@/lib/chat/context-budget';
import type { PageContext } from '@/lib/page/page-context';

export interface PageChipProps {
  page: PageContext | null;
  problem: string | null;
  /** An origin the user may grant so the page can be read (see ChatState.pageAccess). */
  access: string | null;
  include: boolean;
  fitted: Fitted | null;
  onToggle: () => void;
  /** Grant `access` and read the page again. */
  onAllow: () => void;
}

const size = (chars: number) =>
  chars >= 1000 ? `${Math.round(chars / 1000).toLocaleString()}k` : String(chars);

export function PageChip({ page, problem, access, include, fitted, onToggle, onAllow }: PageChipProps) {
  if (!page || !page.text)
    return (
      <p class="page-chip off" data-testid="page-chip">
        {problem ?? 'Reading the page…'}
        {access && (
          <button type="button" onClick={onAllow}>
            Allow {new URL(access).host}
          </button>
        )}
      </p>
    );
  const capped = page.fullChars > page.text.length;
  const cut = fitted?.cut || capped;
  return (
    <p class={`page-chip ${include ? 'on' : 'off'}`} data-testid="page-chip">
      <label>
        <input type="checkbox" checked={include} onChange={onToggle} /> This page:{' '}
        <strong>{page.title || page.url}</strong>
      </label>
      <span class="chip-size">
        {size(page.text.length)} characters{page.source === 'visible' ? ' (visible text)' : ''}
        {include && cut && fitted?.matched && (
          <em> · longer than this model’s window: the passages that match each question go with it</em>
        )}
        {include && cut && !fitted?.matched && (
          <em>
            {' '}
            · only the first {Math.round((fitted?.kept ?? 1) * (page.text.length / page.fullChars) * 100)}%
            fits this model
          </em>
        )}
      </span>
    </p>
  );
}
