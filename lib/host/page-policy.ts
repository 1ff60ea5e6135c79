/**
 * What a content script may do beyond what its methods' declarations allow: it chats for its own
 * tab only, with a model that cannot make the host fetch a URL of the page's choosing, and with a
 * provider off this device only where the user allowed its site for that provider in extension UI.
 */
import {
  ConsentRequiredError,
  ForbiddenError,
  type Caller,
  type ContentScriptCaller,
  type ModelRef,
  siteOf,
} from '../protocol';
import { sameModel } from '../engine/engine';

/** What only extension pages can write (storage the host reads through the service worker). */
export interface TrustedSettings {
  /** Models the user chose in extension UI (the active model, per task, the fallback). */
  chosenModels(): Promise<ModelRef[]>;
  /** Whether `site`'s content may go to the provider at `providerHost`. */
  consented(site: string, providerHost: string): Promise<boolean>;
}

export interface PagePolicyDeps {
  settings?: TrustedSettings;
  loaded: () => ModelRef | null;
  isCached: (model: ModelRef) => Promise<boolean>;
}

/**
 * Checks a chat request from `caller`; extension pages and the host pass unchecked.
 * @throws {ConsentRequiredError} a content script asks a provider for a site the user has not allowed.
 * @throws {ForbiddenError} a content script names a model the user never chose and that is not on this device.
 */
export async function checkChat(caller: Caller, model: ModelRef, deps: PagePolicyDeps): Promise<void> {
  if (caller.kind !== 'content-script') return;
  if (model.engine === 'remote') return checkProviderConsent(caller, model, deps.settings);
  // A catalog id with no URL of its own fetches only from the model hosts, if at all.
  if (!model.url && !model.modelLib) return;
  if (sameModel(deps.loaded(), model) || (await deps.isCached(model))) return;
  const chosen = (await deps.settings?.chosenModels()) ?? [];
  if (chosen.some((m) => sameModel(m, model))) return;
  throw new ForbiddenError(
    'A page can use only a model you chose in Local AI or one already on this device. Pick or download it in the side panel.',
  );
}

async function checkProviderConsent(
  caller: ContentScriptCaller,
  model: ModelRef,
  settings: TrustedSettings | undefined,
): Promise<void> {
  const site = siteOf(caller);
  const provider = model.url ? safeHost(model.url) : '';
  if (provider && settings && (await settings.consented(site, provider))) return;
  throw new ConsentRequiredError(
    `Answering with ${provider || 'a provider'} would send text from ${site} off this device, and you have not allowed that. Ask in the side panel to choose.`,
  );
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
