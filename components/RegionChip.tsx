/**
 * A part of the page the user picked ("Pick a part of the page"), shown instead of the page's
 * chip as "Part of <site>: <first words>", removable to go back to the whole page.
 */
import { X } from 'lucide-preact';
import type { PageContext } from '@/lib/page/page-context';
import { regionLabel } from '@/lib/chat/picked-region';
import { t } from '@/lib/i18n/i18n';

export interface RegionChipProps {
  region: PageContext;
  onDrop: () => void;
}

export function RegionChip({ region, onDrop }: RegionChipProps) {
  const { host, start } = regionLabel(region);
  return (
    <p class="page-chip on region-chip" data-testid="region-chip">
      <span>{t('chat_region_chip', host, start)}</span>
      <button type="button" class="chip-remove" aria-label={t('chat_region_remove')} onClick={onDrop}>
        <X size={14} aria-hidden="true" />
      </button>
    </p>
  );
}
