/**
 * The user's decisions on web pages' origins for the page API, kept in storage only extension
 * pages and the service worker can read or write (storage.local restricted to trusted contexts,
 * storage.session by default). The service worker answers the host from here on every page
 * request; the side panel writes here when the user decides. Nothing a page does can write it.
 */
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { PageAccess } from '../protocol';
import type { PendingSite, SiteDecision } from '../settings/types';

type Item<T> = WxtStorageItem<T, Record<string, unknown>>;

export interface SiteAccessItems {
  sites: Item<Record<string, SiteDecision>>;
  once: Item<string[]>;
  pending: Item<PendingSite[]>;
}

/** What the user can answer a site's request with. */
export type SiteChoice = 'once' | 'always' | 'never';

/** Requests kept waiting at most; the oldest go first (each site asks again on its next create). */
const MAX_PENDING = 20;

/**
 * The decision on `origin`, without the model. With `ask`, an undecided origin is added to the
 * requests the side panel shows (once, however often it asks).
 */
export async function siteAccess(
  items: SiteAccessItems,
  origin: string,
  ask: boolean,
  now: () => number = Date.now,
): Promise<Omit<PageAccess, 'model'>> {
  const [sites, once] = await Promise.all([items.sites.getValue(), items.once.getValue()]);
  const site = sites[origin];
  const providers = site?.providers ?? false;
  if (site?.decision === 'never') return { access: 'denied', providers: false };
  if (site?.decision === 'always' || once.includes(origin)) return { access: 'allowed', providers };
  if (ask) {
    const pending = await items.pending.getValue();
    if (!pending.some((p) => p.origin === origin))
      await items.pending.setValue([...pending, { origin, at: now() }].slice(-MAX_PENDING));
  }
  return { access: 'undecided', providers };
}

/** Records the user's answer to `origin`'s request (from extension UI only) and clears the request. */
export async function decideSite(
  items: SiteAccessItems,
  origin: string,
  choice: SiteChoice,
  now: () => number = Date.now,
): Promise<void> {
  if (choice === 'once') {
    const once = await items.once.getValue();
    if (!once.includes(origin)) await items.once.setValue([...once, origin]);
  } else {
    const sites = await items.sites.getValue();
    await items.sites.setValue({
      ...sites,
      [origin]: { decision: choice, providers: sites[origin]?.providers ?? false, decidedAt: now() },
    });
  }
  const pending = await items.pending.getValue();
  await items.pending.setValue(pending.filter((p) => p.origin !== origin));
}

/** Forgets every decision on `origin`: its open sessions are refused from their next request on. */
export async function revokeSite(items: SiteAccessItems, origin: string): Promise<void> {
  const [sites, once] = await Promise.all([items.sites.getValue(), items.once.getValue()]);
  const { [origin]: _gone, ...rest } = sites;
  await items.sites.setValue(rest);
  await items.once.setValue(once.filter((o) => o !== origin));
}

/** Lets a provider off this device answer for `origin` (an allowed site), or stops it. */
export async function setSiteProviders(
  items: SiteAccessItems,
  origin: string,
  allowed: boolean,
): Promise<void> {
  const sites = await items.sites.getValue();
  const site = sites[origin];
  if (!site) return;
  await items.sites.setValue({ ...sites, [origin]: { ...site, providers: allowed } });
}
