import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ModelRef } from '../protocol';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { ChatSession, type ChatState } from './chat-session';
import { HistoryStore } from './history-store';
import type { TabsAccess } from './tab-context';
import { engineClientDouble } from './test-doubles/engine-client-double';
import { pageOf } from './test-doubles/page-of';

const OWN = pageOf('canal.example', ['Lock 3 was rebuilt in 1803.', 'The canal has twelve locks.']);
const TAB = pageOf('rivers.example', ['The river floods in spring.']);
// Its passages are numbered as in the whole page (see readElementContext).
const PICKED: PageContext = {
  ...pageOf('canal.example', ['x']),
  source: 'picked',
  text: OWN.passages![1]!.text,
};
PICKED.passages = [OWN.passages![1]!];

function session(model: ModelRef = { engine: 'synthetic', id: 'x', contextWindow: 4096 }) {
  const { client, requests } = engineClientDouble(() => ({ text: 'In spring [B1].' }));
  const bridge = (page: PageContext) =>
    ({
      scope: async () => 'tab-1',
      ask: async (method: string) => (method === 'pick-region' ? PICKED : page),
    }) as unknown as PageBridge;
  const access: TabsAccess = {
    others: async () => [{ id: 2, title: 'Rivers', host: 'rivers.example' }],
    bridge: () => bridge(TAB),
    focus: async () => {},
    onClosed: () => () => {},
  };
  let state: ChatState | null = null;
  const s = new ChatSession(
    client,
    bridge(OWN),
    async () => ({ model, note: null }),
    new HistoryStore(`t-${Math.random()}`),
    (st) => (state = st),
    { allowed: async () => true, allow: async () => {} },
    access,
  );
  return { s, requests, state: () => state! };
}

describe('ChatSession with other tabs and a picked part', () => {
  it('sends an added tab fenced on its own, and lets the answer cite its passages by letter', async () => {
    const { s, requests, state } = session();
    await s.loadPage();
    await s.tabs.add({ id: 2, title: 'Rivers', host: 'rivers.example' });
    await s.send('When does the river flood?');
    const sent = requests[0]!.messages.map((m) => m.content);
    expect(sent.some((c) => c.startsWith('The page:') && c.includes('[1] Lock 3'))).toBe(true);
    expect(sent.some((c) => c.startsWith('Another open tab, tab B:') && c.includes('[B1] The river'))).toBe(
      true,
    );
    expect(state().cited[1]).toEqual(['1', '2', 'B1']);
    expect(state().contextNote).toBeNull();
    // The host hears of the tab's site, so no provider (a stand-in neither) gets it without consent.
    expect(requests[0]!.pageContent?.also).toEqual(['rivers.example']);
  });

  it('keeps other tabs on this device when a provider answers, and says so', async () => {
    const { s, requests, state } = session({ engine: 'remote', id: 'gpt', url: 'https://api.example/v1' });
    await s.loadPage();
    await s.tabs.add({ id: 2, title: 'Rivers', host: 'rivers.example' });
    await s.send('When does the river flood?');
    expect(requests[0]!.messages.some((m) => m.content.includes('The river floods'))).toBe(false);
    expect(requests[0]!.messages.some((m) => m.content.includes('Lock 3'))).toBe(true);
    expect(state().contextNote).toEqual({ closed: [], keptOnDevice: true });
  });

  it('sends only the picked part while it is picked, and the whole page again once removed', async () => {
    const { s, requests } = session();
    await s.loadPage();
    await s.pickRegion();
    await s.send('How many locks?');
    await s.send('And lock 3?');
    s.dropRegion();
    await s.send('And lock 3?');
    const carries = (i: number, text: string) => requests[i]!.messages.some((m) => m.content.includes(text));
    expect(carries(0, '[2] The canal has twelve locks.')).toBe(true);
    expect(carries(0, 'Lock 3')).toBe(false);
    expect(carries(1, 'Lock 3')).toBe(false);
    // Not an extension of the picked prompt: the whole page, built afresh.
    expect(carries(2, '[1] Lock 3 was rebuilt in 1803.')).toBe(true);
  });
});
