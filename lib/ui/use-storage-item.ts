/** One setting as Preact state: read once, followed on every change, written back through storage. */
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

export type StorageItem<T> = WxtStorageItem<T, Record<string, unknown>>;

/** Writes a new value; the state follows once storage reports the change. */
export type SetStorageValue<T> = (value: T) => Promise<void>;

/**
 * Calls `onValue` with the item's stored value and again on every change, until the returned
 * function is called. A change heard before the first read completes is newer than that read,
 * so the read is then dropped instead of overwriting it.
 */
export function followStorageItem<T>(item: StorageItem<T>, onValue: (value: T) => void): () => void {
  let changed = false;
  let stopped = false;
  const unwatch = item.watch((value) => {
    changed = true;
    if (!stopped) onValue(value);
  });
  void item.getValue().then(
    (value) => {
      if (!changed && !stopped) onValue(value);
    },
    // Unreadable storage leaves the fallback in place; a later change still arrives.
    () => {},
  );
  return () => {
    stopped = true;
    unwatch();
  };
}

/**
 * The item's value (its fallback, or `beforeLoad` if given, until storage has answered) and a
 * setter that writes it to storage. Every view that shows a setting uses this one hook.
 */
export function useStorageItem<T>(item: StorageItem<T>): [T, SetStorageValue<T>];
export function useStorageItem<T, B>(item: StorageItem<T>, beforeLoad: B): [T | B, SetStorageValue<T>];
export function useStorageItem<T, B>(
  item: StorageItem<T>,
  ...beforeLoad: [B] | []
): [T | B, SetStorageValue<T>] {
  const [value, setValue] = useState<T | B>(beforeLoad.length ? beforeLoad[0] : item.fallback);
  useEffect(() => followStorageItem(item, (v) => setValue(() => v)), [item]);
  return [value, (v: T) => item.setValue(v)];
}
