/**
 * Settings → Web pages: the sites that may (or may never) use Local AI's model through the page
 * API, each revocable, with the separate choice of letting a provider off this device answer for
 * it; and whether to offer the API under the browser's own name where the browser has none.
 */
import { t } from '@/lib/i18n/i18n';
import { tRich } from '@/lib/ui/rich-text';
import type { SiteDecision } from '@/lib/settings/types';

export interface PageApiSitesProps {
  sites: Record<string, SiteDecision>;
  /** Allowed until the browser closes. */
  once: string[];
  installGlobal: boolean;
  onInstallGlobalChange: (on: boolean) => void;
  onProvidersChange: (origin: string, allowed: boolean) => void;
  onRevoke: (origin: string) => void;
}

export function PageApiSites(props: PageApiSitesProps) {
  const origins = [...new Set([...Object.keys(props.sites), ...props.once])].sort();
  return (
    <div class="page-api-sites" data-testid="page-api-sites">
      <p class="hint">{tRich('pageapi_hint', <code>localAI.LanguageModel</code>)}</p>
      <label>
        <input
          type="checkbox"
          checked={props.installGlobal}
          onChange={(e) => props.onInstallGlobalChange(e.currentTarget.checked)}
        />{' '}
        {tRich('pageapi_global', <code>LanguageModel</code>)}
      </label>
      {origins.length === 0 && <p class="hint">{t('pageapi_none')}</p>}
      <ul>
        {origins.map((origin) => {
          const site = props.sites[origin];
          const state = site
            ? site.decision === 'always'
              ? t('pageapi_always')
              : t('pageapi_never')
            : t('pageapi_until_close');
          return (
            <li key={origin} data-origin={origin}>
              <strong dir="ltr">{origin}</strong> · {state}
              {site?.decision === 'always' && (
                <label>
                  <input
                    type="checkbox"
                    checked={site.providers}
                    onChange={(e) => props.onProvidersChange(origin, e.currentTarget.checked)}
                  />{' '}
                  {t('pageapi_providers')}
                </label>
              )}
              <button type="button" class="danger" onClick={() => props.onRevoke(origin)}>
                {t('pageapi_remove')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
