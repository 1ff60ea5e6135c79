import { describe, expect, it } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { PageAccessNeededError } from '../protocol';
import { TabContext, type TabState, type TabsAccess } from './tab-context';
import { showCitation } from './show-citation';
import { pageOf as plainPageOf } from './test-doubles/page-of';

const pageOf = (host: string, texts: string[]) => plainPageOf(host, texts, host.toUpperCase());

/** Two other tabs (2: rivers, 3: a PDF on a site not granted yet), and what the chat did with them. */
function setup() {
  const pages: Record<number, PageContext> = {
    2: pageOf('rivers.example', ['The river floods in spring.', 'Its delta is wide.']),
    3: pageOf('docs.example', ['A report.']),
  };
  const granted = new Set<number>([2]);
  const shown: { tab: number; id: string }[] = [];
  const focused: number[] = [];
  let closeTab: (id: number) => void = () => {};
  const bridge = (tab: number): PageBridge => ({
    scope: async () => `tab-${tab}`,
    ask: (async (method: string, params: { id: string }) => {
      if (!(tab in pages)) throw new Error('closed');
      if (method === 'show-passage') return shown.push({ tab, id: params.id }) && { outcome: 'shown' };
      if (!granted.has(tab)) throw new PageAccessNeededError('https://docs.example');
      return pages[tab];
    }) as PageBridge['ask'],
  });
  const access: TabsAccess = {
    others: async () => [
      { id: 2, title: 'Rivers', host: 'rivers.example' },
      { id: 3, title: 'Report', host: 'docs.example' },
    ],
    bridge,
    focus: async (id) => void focused.push(id),
    onClosed: (listener) => ((closeTab = listener), () => (closeTab = () => {})),
  };
  const states: Partial<TabState>[] = [];
  const tabs = new TabContext(access, (s) => states.push(s));
  const last = () => Object.assign({}, ...states) as TabState;
  const close = (id: number) => {
    delete pages[id];
    closeTab(id);
  };
  return { tabs, last, shown, focused, close, granted };
}

describe('TabContext', () => {
  it('lists the other tabs, adds them with their own letters, and reads each through its bridge', async () => {
    const { tabs, last } = setup();
    await tabs.choose();
    expect(last().tabChoices!.map((c) => c.id)).toEqual([2, 3]);
    await tabs.add(last().tabChoices![0]!);
    expect(last().tabChoices).toBeNull();
    expect(last().tabs).toMatchObject([{ id: 2, letter: 'B', page: { title: 'RIVERS.EXAMPLE' } }]);
    // The list offers only the tabs not added yet.
    await tabs.choose();
    expect(last().tabChoices!.map((c) => c.id)).toEqual([3]);
  });

  it('asks for the site of a tab it may not read yet, as for the panel’s own page, then reads it', async () => {
    const { tabs, last, granted } = setup();
    await tabs.add({ id: 3, title: 'Report', host: 'docs.example' });
    expect(last().tabs[0]).toMatchObject({ letter: 'B', page: null, access: 'https://docs.example' });
    expect(last().tabs[0]!.problem).toBeTruthy();
    granted.add(3);
    await tabs.afterAccess(3, Promise.resolve(true));
    expect(last().tabs[0]).toMatchObject({ page: { url: 'https://docs.example/' }, access: null });
  });

  it('gives each tab to the prompt with its letter, and keeps tabs back for a model off this device', async () => {
    const { tabs } = setup();
    await tabs.add({ id: 2, title: 'Rivers', host: 'rivers.example' });
    const { tabs: sources, note } = tabs.forQuestion('When does the river flood?', false);
    expect(sources.map((s) => [s.letter, s.page.url, s.ranking?.kind])).toEqual([
      ['B', 'https://rivers.example/', 'match'],
    ]);
    expect(note).toBeNull();
    expect(tabs.forQuestion('When?', true)).toEqual({ tabs: [], note: { closed: [], keptOnDevice: true } });
  });

  it('drops a tab closed while it is context, and the next question says so instead of failing', async () => {
    const { tabs, last, close } = setup();
    await tabs.add({ id: 2, title: 'Rivers', host: 'rivers.example' });
    const before = tabs.key();
    close(2);
    expect(last().tabs).toEqual([]);
    expect(tabs.key()).not.toBe(before);
    expect(tabs.forQuestion('When does the river flood?', false)).toEqual({
      tabs: [],
      note: { closed: ['RIVERS.EXAMPLE'], keptOnDevice: false },
    });
    // Said once: the question after that has nothing to report.
    expect(tabs.forQuestion('And then?', false).note).toBeNull();
  });

  it('shows a cited passage in its own tab and brings that tab to the front', async () => {
    const { tabs, shown, focused, close } = setup();
    await tabs.add({ id: 2, title: 'Rivers', host: 'rivers.example' });
    const page = pageOf('canal.example', ['Lock 3.', 'Lock 4.']);
    const bridge = {
      scope: async () => 'tab-1',
      ask: async () => ({ outcome: 'shown' }),
    } as unknown as PageBridge;
    await expect(showCitation('B2', [page], bridge, tabs)).resolves.toBeNull();
    expect(shown).toEqual([{ tab: 2, id: '2' }]);
    expect(focused).toEqual([2]);
    // "2" is the panel's own page: not the tab's passage 2.
    await expect(showCitation('2', [page], bridge, tabs)).resolves.toBeNull();
    expect(shown).toHaveLength(1);
    // No such tab passage: nothing happens. The tab closed: the panel says it could not be shown.
    await expect(showCitation('C1', [page], bridge, tabs)).resolves.toBeUndefined();
    close(2);
    await expect(showCitation('B2', [page], bridge, tabs)).resolves.toMatch(/closed or reloaded/);
    expect(focused).toEqual([2]);
  });
});
