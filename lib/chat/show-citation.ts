/**
 * A citation clicked: the passage it names is shown where it is — on the panel's page (or the
 * part picked of it), or in the other tab it came from ("B3"), which is then brought to the front.
 * What became of it is said when it could not be shown as it was.
 */
import { t } from '../i18n/i18n';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import type { TabContext } from './tab-context';

const CITATION_NOTES = {
  shown: null,
  moved: null,
  gone: t('chat_citation_gone'),
  unreachable: t('chat_citation_unreachable'),
};

/**
 * Shows passage `id`; resolves with the note to show (null: none), or undefined when no page or
 * tab of this chat had that passage (nothing to do).
 */
export async function showCitation(
  id: string,
  pages: (PageContext | null)[],
  pageBridge: PageBridge,
  tabs: TabContext,
): Promise<string | null | undefined> {
  const inTab = /^[A-Z]/.test(id) ? tabs.resolve(id) : null;
  const passage = inTab?.passage ?? pages.flatMap((p) => p?.passages ?? []).find((p) => p.id === id);
  if (!passage) return undefined;
  const outcome = await (inTab?.bridge ?? pageBridge)
    .ask('show-passage', { id: passage.id, hash: passage.hash })
    .then((r) => r.outcome)
    .catch(() => 'unreachable' as const);
  if (inTab && outcome !== 'unreachable') await tabs.focus(inTab.id).catch(() => {});
  return CITATION_NOTES[outcome];
}
