/**
 * What a request may do beyond what its method's declaration allows. A content script chats for
 * its own tab only, with a model that cannot make the host fetch a URL of the page's choosing.
 * Page content (from any caller) reaches a provider off this device only where the user allowed
 * its site for that provider in extension UI.
 */
import {
  ConsentRequiredError,
  ForbiddenError,
  ModelNotDownloadedError,
  type Caller,
  type ChatParams,
  type HostStatus,
  type ModelRef,
  type PageAccess,
  siteOf,
} from '../protocol';
import { sameModel } from '../engine/engine';
import { isLoopbackHost } from '../models/hosts';
import type { ConsentGrants } from './consent-grants';

/** What only extension pages can write (storage the host reads through the service worker). */
export interface TrustedSettings {
  /** Models the user chose in extension UI (the active model, per task, the fallback) and the device's default. */
  chosenModels(): Promise<ModelRef[]>;
  /** The provider model the user allowed to answer while a local model downloads, or null. */
  downloadStandIn?(): Promise<ModelRef | null>;
  /** Whether `site`'s content may go to the provider at `providerHost`. */
  consented(site: string, providerHost: string): Promise<boolean>;
  /** The user's decision on `origin` for the page API; `ask` puts an undecided origin before the user. */
  pageAccess(origin: string, ask: boolean): Promise<PageAccess>;
}

export interface PagePolicyDeps {
  settings?: TrustedSettings;
  loaded: () => ModelRef | null;
  /** One-time grants the user gave in extension UI ("Allow once"). */
  grants?: ConsentGrants;
}

/**
 * Checks a chat request from `caller`. Page content goes off this device only with the user's
 * consent for its site: a content script's request is always its own page's content; an
 * extension page's is page content where it declares so (`pageContent`), and then needs a
 * stored consent or a one-time grant the host issued.
 * @throws {ConsentRequiredError} page content would go to a provider the user has not allowed for its site.
 * @throws {ForbiddenError} a content script names a model other than the loaded one or one the user chose.
 */
export async function checkChat(caller: Caller, params: ChatParams, deps: PagePolicyDeps): Promise<void> {
  const { model } = params;
  if (caller.kind !== 'content-script') {
    if (model.engine === 'remote' && params.pageContent) {
      const { site, grant, also = [] } = params.pageContent;
      await checkProviderConsent(site, model, deps, grant);
      // Other tabs' text: a one-time grant covers one site, so each tab's needs stored consent.
      for (const tab of also) await checkProviderConsent(tab, model, deps);
    }
    return;
  }
  // Exactly the loaded model, or one the user chose (or the device's default), context window and
  // GPU layers included: a page can neither make the host fetch a URL of its choosing nor throw
  // out the user's model for another or for a huge context. A provider's model too: a page may not
  // pick a dearer model on the user's key than the one they chose.
  const chosen = async () => ((await deps.settings?.chosenModels()) ?? []).some((m) => sameModel(m, model));
  if (model.engine === 'remote') {
    if (!(await chosen())) throw notChosen();
    return checkProviderConsent(siteOf(caller), model, deps);
  }
  if (sameModel(deps.loaded(), model) || (await chosen())) return;
  throw notChosen();
}

function notChosen(): ForbiddenError {
  return new ForbiddenError(
    'A page can use only the model you chose in Local AI. Pick or download it in the side panel.',
  );
}

async function checkProviderConsent(
  site: string,
  model: ModelRef,
  deps: PagePolicyDeps,
  grant?: string,
): Promise<void> {
  const provider = model.url ? safeHost(model.url) : '';
  if (provider && deps.grants?.allows(grant, site, provider)) return;
  if (provider && deps.settings && (await deps.settings.consented(site, provider))) return;
  throw new ConsentRequiredError(
    `Answering with ${provider || 'a provider'} would send text from ${site} off this device, and you have not allowed that. Ask in the side panel to choose.`,
  );
}

/**
 * Nothing is fetched from the internet behind the user's back: a model whose weights would come
 * over the network (WebLLM always fetches from its repository; a GGUF anywhere but on this
 * machine) loads only once the user downloaded it through the verified, resumable downloader.
 * A GGUF on this machine (a URL the user named on 127.0.0.1 or localhost) loads directly.
 * @throws {ModelNotDownloadedError} the model is not on this device yet.
 */
export async function requireOnDevice(
  model: ModelRef,
  engines: { isCached: (model: ModelRef) => Promise<boolean> },
): Promise<void> {
  const fromNetwork =
    model.engine === 'webllm' || (model.engine === 'wllama' && !!model.url && !onThisMachine(model.url));
  if (!fromNetwork || (await engines.isCached(model))) return;
  throw new ModelNotDownloadedError(
    `${model.id} is not on this device yet. Download it first (Chat offers it, or Models): nothing downloads without you.`,
  );
}

function onThisMachine(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Status as a page sees it: whether a model is loaded and the engine busy, but not where the
 * model comes from, what other tabs download, or the host's notices.
 */
export function statusForPage(status: HostStatus): HostStatus {
  const bare = (model: ModelRef): ModelRef => ({ engine: model.engine, id: model.id });
  return {
    ...status,
    loaded: status.loaded && bare(status.loaded),
    loading: status.loading && { ...status.loading, model: bare(status.loading.model), text: '' },
    notice: null,
    downloads: [],
    siteDownloads: [],
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The SQL scope a request works in: a content script's is always its own tab, whatever it asked
 * for, so no page can reach another page's tables by naming their scope.
 */
export function sqlScopeFor(caller: Caller, requested: string): string {
  return caller.kind === 'content-script' ? `tab-${caller.tabId}` : requested;
}
