import { describe, expect, it } from 'vitest';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { passageOf } from '../page/passages';
import { showCitation } from './show-citation';
import { TabContext } from './tab-context';

const pageOf = (texts: string[], first = 1): PageContext => ({
  url: 'https://canal.example/',
  title: 'Canals',
  lang: 'en',
  text: texts.join('\n'),
  source: 'readable',
  fullChars: 0,
  selection: null,
  passages: texts.map((t, i) => passageOf(first + i, t)),
});

function bridge(outcome: 'shown' | 'moved' | 'gone' | Error) {
  const asked: unknown[] = [];
  const ask = async (_method: string, params: unknown) => {
    asked.push(params);
    if (outcome instanceof Error) throw outcome;
    return { outcome };
  };
  return { bridge: { scope: async () => 'tab-1', ask } as unknown as PageBridge, asked };
}

describe('showCitation on the panel’s own page', () => {
  const whole = pageOf(['Lock 1.', 'Lock 2.', 'Lock 3.']);
  const picked = pageOf(['Lock 3.'], 3);
  const tabs = new TabContext(null, () => {});

  it('asks the page to show the passage by id and hash, from the picked part or the whole page', async () => {
    const { bridge: page, asked } = bridge('shown');
    await expect(showCitation('3', [picked, whole], page, tabs)).resolves.toBeNull();
    await expect(showCitation('1', [picked, whole], page, tabs)).resolves.toBeNull();
    expect(asked).toEqual([
      { id: '3', hash: picked.passages![0]!.hash },
      { id: '1', hash: whole.passages![0]!.hash },
    ]);
  });

  it('says when the passage is gone or the page cannot be reached, and does nothing for unknown ids', async () => {
    await expect(showCitation('2', [null, whole], bridge('gone').bridge, tabs)).resolves.toMatch(/no longer/);
    const unreachable = bridge(new Error('no page'));
    await expect(showCitation('2', [whole], unreachable.bridge, tabs)).resolves.toMatch(/closed or reloaded/);
    const none = bridge('shown');
    await expect(showCitation('9', [whole], none.bridge, tabs)).resolves.toBeUndefined();
    await expect(showCitation('B1', [whole], none.bridge, tabs)).resolves.toBeUndefined();
    expect(none.asked).toEqual([]);
  });
});
