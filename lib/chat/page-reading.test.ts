import { describe, expect, it } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { readChatPage } from './page-reading';
import { PageAccessNeededError, PageUnreadableError } from '../protocol';
import { pageProblemOf } from '../page/page-problem';

const context = (text: string): PageContext => ({
  url: 'https://x.org/',
  title: 'X',
  lang: 'en',
  text,
  source: text ? 'readable' : 'none',
  fullChars: text.length,
  selection: null,
});
const bridge = (reply: () => Promise<PageContext>) =>
  ({ scope: async () => 'tab-1', ask: reply }) as unknown as PageBridge;

describe('readChatPage', () => {
  it('gives the page, or says it has no text, or that Chrome does not let extensions read it', async () => {
    expect(await readChatPage(bridge(async () => context('Text.')))).toEqual({
      page: context('Text.'),
      pageProblem: null,
      pageAccess: null,
    });
    expect((await readChatPage(bridge(async () => context('')))).pageProblem).toBe(
      'This page has no readable text.',
    );
    const refused = await readChatPage(
      bridge(() =>
        Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      ),
    );
    expect(refused).toEqual({
      page: null,
      pageProblem: pageProblemOf(new Error('refused')),
      pageAccess: null,
    });
    expect(refused.pageProblem).toMatch(/^Chrome does not let extensions read this page/);
    const scanned = await readChatPage(
      bridge(() => Promise.reject(new PageUnreadableError('This PDF has no text layer.'))),
    );
    expect(scanned.pageProblem).toBe('This PDF has no text layer.');
    // A PDF on a site not granted yet: the problem names it, and the origin is what the panel offers.
    const elsewhere = await readChatPage(
      bridge(() => Promise.reject(new PageAccessNeededError('https://example.com'))),
    );
    expect(elsewhere).toMatchObject({ page: null, pageAccess: 'https://example.com' });
    expect(elsewhere.pageProblem).toMatch(/PDFs from example\.com.*permission/);
  });
});
