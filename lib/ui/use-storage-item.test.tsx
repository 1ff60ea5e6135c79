// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { followStorageItem, useStorageItem, type StorageItem } from './use-storage-item';

const item = storage.defineItem<string[]>('local:test-list', { fallback: ['default'] });
const settle = () => act(() => new Promise((r) => setTimeout(r, 10)));

beforeEach(() => fakeBrowser.reset());

describe('useStorageItem', () => {
  it('shows the fallback, then the stored value, follows changes and writes back', async () => {
    await item.setValue(['stored']);
    let seen: string[][] = [];
    let set!: (v: string[]) => Promise<void>;
    function Probe() {
      const [value, setValue] = useStorageItem(item);
      seen.push(value);
      set = setValue;
      return null;
    }
    const root = document.createElement('div');
    act(() => render(<Probe />, root));
    expect(seen[0]).toEqual(['default']);
    await settle();
    expect(seen.at(-1)).toEqual(['stored']);

    await act(() => set(['written']));
    await settle();
    expect(await item.getValue()).toEqual(['written']);
    expect(seen.at(-1)).toEqual(['written']);

    act(() => render(null, root));
    seen = [];
    await item.setValue(['after unmount']);
    await settle();
    expect(seen).toEqual([]);
  });

  it('holds the given placeholder until storage answers', async () => {
    const values: (string[] | null)[] = [];
    function Probe() {
      values.push(useStorageItem(item, null)[0]);
      return null;
    }
    act(() => render(<Probe />, document.createElement('div')));
    await settle();
    expect(values[0]).toBeNull();
    expect(values.at(-1)).toEqual(['default']);
  });
});

describe('followStorageItem', () => {
  it('keeps a change heard before the first read completes', async () => {
    let finishRead!: (v: string[]) => void;
    let notify!: (v: string[]) => void;
    // A test double for a storage item whose first read is slow.
    const slowItem = {
      fallback: [],
      getValue: () => new Promise<string[]>((r) => (finishRead = r)),
      watch: (cb: (v: string[]) => void) => ((notify = cb), () => {}),
    } as unknown as StorageItem<string[]>;
    const got: string[][] = [];
    followStorageItem(slowItem, (v) => got.push(v));
    notify(['newer']);
    finishRead(['older']);
    await Promise.resolve();
    expect(got).toEqual([['newer']]);
  });
});
