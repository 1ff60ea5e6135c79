// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import { followStorageItem, useStorageItem, type StorageItem } from './use-storage-item';

const item = storage.defineItem<string[]>('local:test-list', { fallback: ['default'] });

beforeEach(() => fakeBrowser.reset());

describe('useStorageItem', () => {
  it('shows the fallback, then the stored value, follows changes and writes back', async () => {
    await item.setValue(['stored']);
    const { result, unmount } = renderHook(useStorageItem<string[]>, item);
    expect(result.current[0]).toEqual(['default']);
    await settle();
    expect(result.current[0]).toEqual(['stored']);

    await act(() => result.current[1](['written']));
    await settle();
    expect(await item.getValue()).toEqual(['written']);
    expect(result.current[0]).toEqual(['written']);

    await item.setValue(['from elsewhere']);
    await settle();
    expect(result.current[0]).toEqual(['from elsewhere']);
    unmount();
    await item.setValue(['after unmount']);
    await settle();
    expect(result.current[0]).toEqual(['from elsewhere']);
  });

  it('holds the given placeholder until storage answers', async () => {
    const { result } = renderHook((i: typeof item) => useStorageItem(i, null), item);
    expect(result.current[0]).toBeNull();
    await settle();
    expect(result.current[0]).toEqual(['default']);
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
