import { describe, expect, it } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import { browserTabs, type TabsBrowser } from './browser-tabs';

/** Window 1: the panel's page (1), a granted page (2), an extension page (3), a page the browser does not describe (4); window 2: another page (5). */
function browserDouble() {
  const tabs = [
    { id: 1, windowId: 1, url: 'http://127.0.0.1:4000/a', title: 'A', active: true },
    { id: 2, windowId: 1, url: 'http://127.0.0.1:4000/b', title: 'B' },
    { id: 3, windowId: 1, url: 'chrome-extension://x/sidepanel.html', title: 'Panel' },
    { id: 4, windowId: 1 },
    { id: 5, windowId: 2, url: 'https://elsewhere.example/', title: 'Elsewhere' },
  ];
  const calls: string[] = [];
  let removed: (id: number) => void = () => {};
  const browser = {
    tabs: {
      query: async (q: { windowId?: number }) =>
        tabs.filter((t) => q.windowId === undefined || t.windowId === q.windowId),
      get: async (id: number) => tabs.find((t) => t.id === id)!,
      update: async (id: number) => (calls.push(`tab ${id}`), tabs.find((t) => t.id === id)),
      onRemoved: { addListener: (l: (id: number) => void) => (removed = l) },
    },
    windows: { update: async (id: number) => void calls.push(`window ${id}`) },
  } as unknown as TabsBrowser;
  const bridge = (id: number) =>
    ({
      scope: async () => `tab-${id}`,
      ask: async () => (id === 4 ? 'https://news.example/a%20story' : 'unexpected'),
    }) as unknown as PageBridge;
  return { browser, bridge, calls, close: (id: number) => removed(id) };
}

describe('browserTabs', () => {
  it("lists the panel window's other web pages by title and host (the page says where the browser does not)", async () => {
    const { browser, bridge } = browserDouble();
    expect(await browserTabs(browser, 1, bridge).others()).toEqual([
      { id: 2, title: 'B', host: '127.0.0.1:4000' },
      { id: 4, title: 'a story', host: 'news.example' },
    ]);
  });

  it('brings a tab and its window to the front, and reports tabs closing', async () => {
    const { browser, bridge, calls, close } = browserDouble();
    const tabs = browserTabs(browser, null, bridge);
    await tabs.focus(2);
    expect(calls).toEqual(['tab 2', 'window 1']);
    const closed: number[] = [];
    tabs.onClosed((id) => closed.push(id));
    close(2);
    expect(closed).toEqual([2]);
  });
});
