/**
 * A test double for a read page: `host`'s page made of `texts`, one passage each, as the page
 * bridge would return it. Used by the chat's tests of tabs and sessions.
 */
import type { PageContext } from '../../page/page-context';
import { passageOf } from '../../page/passages';

export const pageOf = (host: string, texts: string[], title = host): PageContext => ({
  url: `https://${host}/`,
  title,
  lang: 'en',
  text: texts.join('\n'),
  source: 'readable',
  fullChars: texts.join('\n').length,
  selection: null,
  passages: texts.map((t, i) => passageOf(i + 1, t)),
});
