/**
 * Settings → Web pages: the sites that may (or may never) use Local AI's model through the page
 * API, each revocable, with the separate choice of letting a provider off this device answer for
 * it; and whether to offer the API under the browser's own name where the browser has none.
 */
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
      <p class="hint">
        Web pages can ask to use your local model through <code>localAI.LanguageModel</code>. You decide per
        site when one asks.
      </p>
      <label>
        <input
          type="checkbox"
          checked={props.installGlobal}
          onChange={(e) => props.onInstallGlobalChange(e.currentTarget.checked)}
        />{' '}
        Also offer it as <code>LanguageModel</code> where the browser has none of its own
      </label>
      {origins.length === 0 && <p class="hint">No site has asked yet.</p>}
      <ul>
        {origins.map((origin) => {
          const site = props.sites[origin];
          const state = site
            ? site.decision === 'always'
              ? 'Always allowed'
              : 'Never'
            : 'Allowed until the browser closes';
          return (
            <li key={origin} data-origin={origin}>
              <strong>{origin}</strong> · {state}
              {site?.decision === 'always' && (
                <label>
                  <input
                    type="checkbox"
                    checked={site.providers}
                    onChange={(e) => props.onProvidersChange(origin, e.currentTarget.checked)}
                  />{' '}
                  A provider off this device may answer for it
                </label>
              )}
              <button type="button" onClick={() => props.onRevoke(origin)}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
