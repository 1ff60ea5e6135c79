import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HistoryStore, PageConversation, pageKeyOf, type Conversation } from './history-store';

const conv = (id: string, pageKey: string, text: string, updatedAt: number): Conversation => ({
  id,
  pageKey,
  pageTitle: `Title ${id}`,
  messages: [{ role: 'user', content: text, at: updatedAt }],
  updatedAt,
});

describe('HistoryStore (IndexedDB via idb; fake-indexeddb in Node)', () => {
  it('keeps conversations per page and returns the latest', async () => {
    const store = new HistoryStore(`t-${Math.random()}`);
    await store.save(conv('a', 'https://x.org/p', 'first', 1));
    await store.save(conv('b', 'https://x.org/p', 'second', 2));
    await store.save(conv('c', 'https://y.org/q', 'other', 3));
    expect((await store.latestForPage('https://x.org/p'))?.id).toBe('b');
    expect(await store.latestForPage('https://z.org/')).toBeNull();
  });

  it('searches titles and messages for every word, newest first', async () => {
    const store = new HistoryStore(`t-${Math.random()}`);
    await store.save(conv('a', 'https://x.org/p', 'water share by state', 1));
    await store.save(conv('b', 'https://x.org/q', 'state capitals', 2));
    expect((await store.search('state')).map((c) => c.id)).toEqual(['b', 'a']);
    expect((await store.search('water STATE')).map((c) => c.id)).toEqual(['a']);
    await store.remove('a');
    expect(await store.search('water')).toEqual([]);
  });

  it('treats the same page with another hash or query as one page', () => {
    expect(pageKeyOf('https://x.org/a?utm=1#top')).toBe('https://x.org/a');
  });

  it('saves the current conversation under one id, picks it up on the page, and starts anew when told', async () => {
    const store = new HistoryStore(`t-${Math.random()}`);
    const page = { url: 'https://x.org/p#a', title: 'P' };
    const panel = new PageConversation(store);
    expect(await panel.pickUp(page.url)).toEqual([]);
    await panel.save(page, [{ role: 'user', content: 'one' }]);
    await panel.save(page, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
      { role: 'assistant', content: '' },
    ]);
    const reopened = new PageConversation(store);
    // Empty (unanswered) turns are not kept.
    expect(await reopened.pickUp('https://x.org/p?utm=1')).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
    ]);
    reopened.startNew();
    await reopened.save(page, [{ role: 'user', content: 'three' }]);
    expect(await store.search('one')).toHaveLength(1);
    expect(await store.search('three')).toHaveLength(1);
    const first = (await store.search('one'))[0]!;
    expect(reopened.open(first).map((m) => m.content)).toEqual(['one', 'two']);
  });
});
