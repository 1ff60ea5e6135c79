import { describe, expect, it } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { pickRegion, regionLabel, type RegionState } from './picked-region';

const region = (text: string): PageContext => ({
  url: 'https://canal.example/history',
  title: 'Canals',
  lang: 'en',
  text,
  source: text ? 'picked' : 'none',
  fullChars: text.length,
  selection: null,
});
const bridge = (reply: () => Promise<PageContext | null>) =>
  ({ scope: async () => 'tab-1', ask: reply }) as unknown as PageBridge;

describe('picking a part of the page', () => {
  it('makes the picked part the context, and says it is picking meanwhile', async () => {
    const states: Partial<RegionState>[] = [];
    await pickRegion(
      bridge(async () => region('Lock 3 was rebuilt.')),
      region('The whole page'),
      (s) => states.push(s),
    );
    expect(states).toEqual([{ picking: true }, { picking: false, region: region('Lock 3 was rebuilt.') }]);
  });

  it('leaves the context as it was when the user cancels, the part has no text, or the page is gone', async () => {
    for (const reply of [
      async () => null,
      async () => region(''),
      () => Promise.reject(new Error('closed')),
    ]) {
      const states: Partial<RegionState>[] = [];
      await pickRegion(bridge(reply), region('The whole page'), (s) => states.push(s));
      expect(states).toEqual([{ picking: true }, { picking: false }]);
    }
  });

  it('refuses a part of another site than the page the chat read (the tab moved on)', async () => {
    const states: Partial<RegionState>[] = [];
    const page = { ...region('Mail'), url: 'https://mail.example/inbox' };
    await pickRegion(
      bridge(async () => region('Lock 3 was rebuilt.')),
      page,
      (s) => states.push(s),
    );
    expect(states).toEqual([
      { picking: true },
      { picking: false, error: expect.stringMatching(/another page/) },
    ]);
  });

  it('labels the part by its site and its first words', () => {
    expect(regionLabel(region('Lock 3 was rebuilt in 1803 by the company masons and engineers.'))).toEqual({
      host: 'canal.example',
      start: 'Lock 3 was rebuilt in 1803 by the…',
    });
    expect(regionLabel(region('Short  text.'))).toEqual({ host: 'canal.example', start: 'Short text.' });
    // A page's bidi controls cannot reorder the chip's words around the label.
    expect(regionLabel(region('\u202eevil\u202c text')).start).toBe('evil text');
  });
});
