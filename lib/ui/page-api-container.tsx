/**
 * Wires the page API's consent views to trusted storage: the requests waiting for the user (in
 * the side panel, above every view) and the sites list in Settings. Decisions are written here,
 * in extension UI, and read by the service worker for the host on every page request.
 */
import { PageApiSites } from '@/components/PageApiSites';
import { SiteRequests } from '@/components/SiteRequests';
import type { PendingSite, SiteDecision } from '../settings/types';
import type { EngineClient, HostStatus } from '../protocol';
import { downloadSize } from '../chat/download-offer';
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

export interface SiteRequestsContainerProps extends PageApiSettings {
  status: HostStatus | null;
  client: EngineClient;
}

export function SiteRequestsContainer(props: SiteRequestsContainerProps) {
  const [pending] = useStorageItem(props.pageApiPending);
  const downloads = (props.status?.siteDownloads ?? []).map(({ origin, model }) => ({
    origin,
    modelId: model.id,
    size: downloadSize(model),
  }));
  return (
    <SiteRequests
      pending={pending}
      downloads={downloads}
      onDecide={(origin, choice) => void decideSite(itemsOf(props), origin, choice)}
      onDownload={(origin, download) =>
        void props.client.request('site.download', { origin, download }).catch(() => undefined)
      }
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
