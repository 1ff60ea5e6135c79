/**
 * Wires the page API's consent views to trusted storage: the requests waiting for the user (in
 * the side panel, above every view) and the sites list in Settings. Decisions are written here,
 * in extension UI, and read by the service worker for the host on every page request.
 */
import { PageApiSites } from '@/components/PageApiSites';
import { SiteRequests } from '@/components/SiteRequests';
import type { PendingSite, SiteDecision } from '../settings/types';
import { decideSite, revokeSite, setSiteProviders, type SiteAccessItems } from '../page-api/site-access';
import { useStorageItem, type StorageItem } from './use-storage-item';

export interface PageApiSettings {
  pageApiSites: StorageItem<Record<string, SiteDecision>>;
  pageApiOnce: StorageItem<string[]>;
  pageApiPending: StorageItem<PendingSite[]>;
  pageApiGlobal: StorageItem<boolean>;
}

const itemsOf = (s: PageApiSettings): SiteAccessItems => ({
  sites: s.pageApiSites,
  once: s.pageApiOnce,
  pending: s.pageApiPending,
});

export function SiteRequestsContainer(props: PageApiSettings) {
  const [pending] = useStorageItem(props.pageApiPending);
  return (
    <SiteRequests
      pending={pending}
      onDecide={(origin, choice) => void decideSite(itemsOf(props), origin, choice)}
    />
  );
}

export function PageApiSitesContainer(props: PageApiSettings) {
  const [sites] = useStorageItem(props.pageApiSites);
  const [once] = useStorageItem(props.pageApiOnce);
  const [installGlobal, setInstallGlobal] = useStorageItem(props.pageApiGlobal);
  return (
    <PageApiSites
      sites={sites}
      once={once}
      installGlobal={installGlobal}
      onInstallGlobalChange={(on) => void setInstallGlobal(on)}
      onProvidersChange={(origin, allowed) => void setSiteProviders(itemsOf(props), origin, allowed)}
      onRevoke={(origin) => void revokeSite(itemsOf(props), origin)}
    />
  );
}
