/** The page as the chat shows it: its context, or why there is none in words the user can act on. */
import { t } from '../i18n/i18n';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { PageAccessNeededError } from '../protocol';
import { pageProblemOf } from '../page/page-problem';

/** Asks the page's content script; never throws (a page it cannot read is a problem to show, see pageProblemOf). */
export async function readChatPage(
  bridge: PageBridge,
): Promise<{ page: PageContext | null; pageProblem: string | null; pageAccess: string | null }> {
  try {
    const page = await bridge.ask('page-context', {});
    return {
      page,
      pageProblem: page.source === 'none' ? t('chat_no_text') : null,
      pageAccess: null,
    };
  } catch (error) {
    const pageAccess = error instanceof PageAccessNeededError ? error.origin : null;
    return { page: null, pageProblem: pageProblemOf(error), pageAccess };
  }
}
