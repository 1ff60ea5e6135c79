/**
 * "Pick a part of the page": the page's element picker (lib/page/element-picker.ts: the user's own
 * clicks only, Escape cancels) runs in the page, and the picked element's text, with its passages
 * numbered as in the whole page, becomes the page context until the user removes it.
 */
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { t } from '../i18n/i18n';

/** What picking puts in the chat's state. */
export interface RegionState {
  /** The part picked: the page context instead of the whole page, until removed. */
  region: PageContext | null;
  /** The picker waits for the user in the page. */
  picking: boolean;
}

/**
 * Starts the picker in the page; a cancel (or a part with no text) leaves the context as it was.
 * A part of another site than `page` (the tab moved on since the panel read it) is refused: the
 * consent the panel checks is the page's site, so the part must come from it.
 */
export async function pickRegion(
  bridge: PageBridge,
  page: PageContext | null,
  show: (state: Partial<RegionState> & { error?: string | null }) => void,
): Promise<void> {
  show({ picking: true });
  const region = await bridge.ask('pick-region', {}).catch(() => null);
  if (region?.text && page && originOf(region.url) !== originOf(page.url))
    return show({ picking: false, error: t('chat_region_other_site') });
  show({ picking: false, ...(region?.text ? { region } : {}) });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The chip's words for a picked part: its site and its first words. */
export function regionLabel(region: PageContext, words = 8): { host: string; start: string } {
  let host = region.url;
  try {
    host = new URL(region.url).host || region.url;
  } catch {
    // Not a URL: shown as it is.
  }
  // Bidi controls of the page's text could reorder the chip's words around them: dropped.
  const all = region.text
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const start = all.slice(0, words).join(' ');
  return { host, start: all.length > words ? `${start}…` : start };
}
