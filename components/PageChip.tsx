/** "This page": exactly what context is attached to questions, and a switch to leave it out. */
import { t } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/ui/format';
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
  chars >= 1000 ? t('chip_thousands', formatNumber(Math.round(chars / 1000))) : formatNumber(chars);

export function PageChip({ page, problem, access, include, fitted, onToggle, onAllow }: PageChipProps) {
  if (!page || !page.text)
    return (
      <p class="page-chip off" data-testid="page-chip">
        {problem ?? t('chip_reading')}
        {access && (
          <button type="button" onClick={onAllow}>
            {t('chip_allow', new URL(access).host)}
          </button>
        )}
      </p>
    );
  const capped = page.fullChars > page.text.length;
  const cut = fitted?.cut || capped;
  return (
    <p class={`page-chip ${include ? 'on' : 'off'}`} data-testid="page-chip">
      <label>
        <input type="checkbox" checked={include} onChange={onToggle} /> {t('chip_this_page')}{' '}
        <strong>{page.title || page.url}</strong>
      </label>
      <span class="chip-size">
        {t('chip_characters', size(page.text.length))}
        {page.source === 'visible' ? t('chip_visible') : ''}
        {include && cut && fitted?.matched && <em>{t('chip_matched')}</em>}
        {include && cut && !fitted?.matched && (
          <em>
            {t(
              'chip_first_part',
              formatNumber(Math.round((fitted?.kept ?? 1) * (page.text.length / page.fullChars) * 100)),
            )}
          </em>
        )}
      </span>
    </p>
  );
}
