import { describe, expect, it } from 'vitest';
import type { ModelRef } from '../protocol';
import type { PageContext } from '../page/page-context';
import type { ConsentChoice, ConsentStore } from '../providers/consent';
import { ConsentAsker, decideShare, siteOfPage, withTabs, type ShareQuestion } from './page-share';

const page = { url: 'https://news.example/a', title: 'News', text: 'Page text.' } as PageContext;
const local: ModelRef = { engine: 'wllama', id: 'tiny' };
const cloud: ModelRef = { engine: 'remote', id: 'gpt', url: 'https://api.example/v1' };

function question(over: Partial<ShareQuestion>, answer: ConsentChoice = 'no') {
  const stored = new Set<string>();
  const asked: string[] = [];
  const consents: ConsentStore = {
    allowed: async (site, provider) => stored.has(`${site}|${provider}`),
    allow: async (site, provider) => void stored.add(`${site}|${provider}`),
  };
  const q: ShareQuestion = {
    page,
    includePage: true,
    hasAttachment: false,
    model: cloud,
    consents,
    ask: async (site, provider) => (asked.push(`${site} → ${provider}`), answer),
    grantOnce: async (site, provider) => `grant:${site}:${provider}`,
    ...over,
  };
  return { q, asked, stored };
}

describe('decideShare', () => {
  it('declares nothing when no page content goes with the question', async () => {
    const { q, asked } = question({ includePage: false });
    expect(await decideShare(q)).toEqual({ share: true });
    expect(asked).toEqual([]);
  });

  it('declares the site for a local model without asking', async () => {
    const { q, asked } = question({ model: local });
    expect(await decideShare(q)).toEqual({ share: true, pageContent: { site: 'news.example' } });
    expect(asked).toEqual([]);
  });

  it('asks before a provider gets it: no keeps it here, once brings a grant, always is stored', async () => {
    const refused = question({}, 'no');
    expect(await decideShare(refused.q)).toEqual({ share: false });
    expect(refused.asked).toEqual(['news.example → api.example']);

    const once = question({ hasAttachment: true, includePage: false }, 'once');
    expect(await decideShare(once.q)).toEqual({
      share: true,
      pageContent: { site: 'news.example', grant: 'grant:news.example:api.example' },
    });
    expect(once.stored.size).toBe(0);

    const always = question({}, 'always');
    expect(await decideShare(always.q)).toEqual({ share: true, pageContent: { site: 'news.example' } });
    expect(await decideShare(always.q)).toEqual({ share: true, pageContent: { site: 'news.example' } });
    expect(always.asked).toHaveLength(1);
  });

  it('names a page without a host by its URL', () => {
    expect(siteOfPage({ ...page, url: 'file:///tmp/a.html' })).toBe('file:///tmp/a.html');
    expect(siteOfPage(null)).toBe('this page');
  });
});

describe('ConsentAsker', () => {
  it('shows the question until the user answers, then clears it', async () => {
    const shown: unknown[] = [];
    const asker = new ConsentAsker((c) => shown.push(c));
    const choice = asker.ask('a.example', 'api.example');
    expect(shown).toEqual([{ site: 'a.example', provider: 'api.example' }]);
    asker.answer('once');
    expect(await choice).toBe('once');
    expect(shown.at(-1)).toBeNull();
  });
});

const tabs = (...urls: string[]) => urls.map((url) => ({ page: { url } }));

describe('withTabs', () => {
  it('declares every other tab’s site, so the host checks consent for each', () => {
    expect(
      withTabs({ site: 'a.example', grant: 'g' }, tabs('https://b.example/x', 'https://c.example/')),
    ).toEqual({
      site: 'a.example',
      grant: 'g',
      also: ['b.example', 'c.example'],
    });
  });

  it('declares the tabs even when the page itself is left out, and nothing when there are none', () => {
    expect(withTabs(undefined, tabs('https://b.example/x', 'https://b.example/y'))).toEqual({
      site: 'b.example',
      also: [],
    });
    expect(withTabs(undefined, [])).toBeUndefined();
    expect(withTabs({ site: 'a.example' }, [])).toEqual({ site: 'a.example' });
  });
});
