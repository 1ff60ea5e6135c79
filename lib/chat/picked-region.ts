/**
 * "Pick a part of the page": the page's element picker (lib/page/element-picker.ts: the user's own
 * clicks only, Escape cancels) runs in the page, and the picked element's text, with its passages
 * numbered as in the whole page, becomes the page context until the user removes it.
 */
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';

/** What picking puts in the chat's state. */
export interface RegionState {
  /** The part picked: the page context instead of the whole page, until removed. */
  region: PageContext | null;
  /** The picker waits for the user in the page. */
  picking: boolean;
}

/** Starts the picker in the page; a cancel (or a part with no text) leaves the context as it was. */
export async function pickRegion(
  bridge: PageBridge,
  show: (state: Partial<RegionState>) => void,
): Promise<void> {
  show({ picking: true });
  const region = await bridge.ask('pick-region', {}).catch(() => null);
  show({ picking: false, ...(region?.text ? { region } : {}) });
}

/** The chip's words for a picked part: its site and its first words. */
export function regionLabel(region: PageContext, words = 8): { host: string; start: string } {
  let host = region.url;
  try {
    host = new URL(region.url).host || region.url;
  } catch {
    // Not a URL: shown as it is.
  }
  const all = region.text.split(/\s+/).filter(Boolean);
  const start = all.slice(0, words).join(' ');
  return { host, start: all.length > words ? `${start}…` : start };
}
