import { describe, expect, it } from 'vitest';
import { recordTabOrigin, tabOrigin, type OriginStore } from './tab-origins';

function memory(): OriginStore & { value: Record<string, string> } {
  const store = {
    value: {} as Record<string, string>,
    getValue: async () => ({ ...store.value }),
    setValue: async (v: Record<string, string>) => void (store.value = v),
  };
  return store;
}

describe('tab origins', () => {
  it('keeps the latest origin of each tab and forgets the oldest tabs beyond 500', async () => {
    const store = memory();
    await recordTabOrigin(store, 7, 'https://a.example');
    await recordTabOrigin(store, 7, 'https://b.example');
    expect(await tabOrigin(store, 7)).toBe('https://b.example');
    expect(await tabOrigin(store, 8)).toBeNull();
    for (let id = 100; id < 700; id++) await recordTabOrigin(store, id, `https://t${id}.example`);
    expect(Object.keys(store.value)).toHaveLength(500);
    expect(await tabOrigin(store, 7)).toBeNull();
    expect(await tabOrigin(store, 699)).toBe('https://t699.example');
    expect(await tabOrigin(store, 199)).toBeNull();
    expect(await tabOrigin(store, 200)).toBe('https://t200.example');
  });
});
