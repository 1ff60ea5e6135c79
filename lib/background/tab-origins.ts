/**
 * What the side panel checks a page's own word against: each tab's top-frame origin, recorded
 * from the browser's sender info when the page's content script says hello.
 */

/** Tabs remembered at once; the oldest go first (a closed tab's entry is simply outlived). */
const MAX_TABS = 500;

/** Keys that are not integers keep insertion order (integer-like keys would sort numerically). */
const key = (tabId: number) => `tab-${tabId}`;

export interface OriginStore {
  getValue(): Promise<Record<string, string>>;
  setValue(value: Record<string, string>): Promise<void>;
}

export async function recordTabOrigin(store: OriginStore, tabId: number, origin: string): Promise<void> {
  const all = await store.getValue();
  delete all[key(tabId)];
  const kept = Object.entries(all).slice(-(MAX_TABS - 1));
  await store.setValue(Object.fromEntries([...kept, [key(tabId), origin]]));
}

export async function tabOrigin(store: OriginStore, tabId: number): Promise<string | null> {
  return (await store.getValue())[key(tabId)] ?? null;
}
