/** The page as the chat shows it: its context, or why there is none in words the user can act on. */
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';

export const UNREADABLE_PAGE =
  'Chrome does not let extensions read this page (chrome:// pages, the Web Store, the PDF viewer). Ask without it, or open a regular web page.';

/** Asks the page's content script; never throws (a page it cannot reach is a problem to show). */
export async function readChatPage(
  bridge: PageBridge,
): Promise<{ page: PageContext | null; pageProblem: string | null }> {
  try {
    const page = await bridge.ask('page-context', {});
    return { page, pageProblem: page.source === 'none' ? 'This page has no readable text.' : null };
  } catch {
    return { page: null, pageProblem: UNREADABLE_PAGE };
  }
}
