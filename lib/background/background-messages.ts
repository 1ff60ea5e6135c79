/**
 * What the service worker answers, one handler per declared one-shot method (see
 * lib/protocol/background.ts for who may send which). Settings and consent live in storage
 * only extension contexts can read, so pages get from here only what they need.
 */
import { browser } from 'wxt/browser';
import {
  BACKGROUND_METHODS,
  ENGINE_PORT,
  EngineClient,
  ForbiddenError,
  serveOneShot,
  type OneShotReply,
  type SenderInfo,
  type BackgroundMethods,
  type Caller,
  type OneShotHandlers,
} from '../protocol';
import { providerFacts } from '../providers/provider-access';
import { routeModel } from '../models/resolve-model';
import { consentStore } from '../providers/consent';
import {
  activeModelItem,
  fallbackItem,
  pageApiGlobalItem,
  pageApiOnceItem,
  pageApiPendingItem,
  pageApiSitesItem,
  remoteConsentItem,
  tabOriginsItem,
  taskModelsItem,
} from '../settings/storage-items';
import { recordTabOrigin, tabOrigin } from './tab-origins';
import { neutralise } from '../fences/page-fence';
import { siteAccess } from '../page-api/site-access';
import { continueInPanel, runAction } from '../actions/register';
import { TEST_BUILD } from '../settings/build-flags';
import { isTestHookRequest } from '../host/test-hook-methods';

/** The tab a content script acts for; anyone else is refused (declarations already say so). */
function tabOf(caller: Caller): number {
  if (caller.kind !== 'content-script') throw new ForbiddenError('Only a page of a tab may ask this.');
  return caller.tabId;
}

/**
 * The tab a content script acts for, when it is the tab the user is looking at: a page in a
 * background tab cannot take the side panel over.
 */
async function tabInView(caller: Caller): Promise<number> {
  const tabId = tabOf(caller);
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) throw new ForbiddenError('Only the tab you are looking at can open the side panel.');
  return tabId;
}

export function backgroundHandlers(ensureHost: () => Promise<void>): OneShotHandlers<BackgroundMethods> {
  // The service worker's own client of the host, for routing the bubble's model (it is an extension context).
  let client: EngineClient | null = null;
  const hostClient = () =>
    (client ??= new EngineClient({
      ensureHost,
      connect: () => browser.runtime.connect({ name: ENGINE_PORT }),
    }));
  const consents = consentStore(remoteConsentItem);
  return {
    'ensure-host': async () => {
      await ensureHost();
      return { ok: true };
    },
    // What a page carries into the panel is page content: control strings and fence tags go.
    'continue-in-panel': async ({ conversation }, caller) =>
      continueInPanel(
        conversation.map((m) => ({ ...m, content: neutralise(m.content) })),
        await tabInView(caller),
      ),
    'explain-in-panel': async ({ selection }, caller) => {
      await runAction('explain', { tabId: await tabInView(caller), selectionText: selection });
      return { ok: true };
    },
    'route-model': () => routeModel(hostClient(), 'chat'),
    'page-origin': async (_params, caller) => {
      // Only the top frame speaks for the tab; a frame's origin is not the page's.
      if (caller.kind === 'content-script' && caller.frameId === 0)
        await recordTabOrigin(tabOriginsItem, caller.tabId, caller.origin);
      return { ok: true };
    },
    'tab-origin': ({ tabId }) => tabOrigin(tabOriginsItem, tabId),
    'provider-facts': ({ baseUrl }) => providerFacts(baseUrl),
    'chosen-models': async () => {
      const [active, tasks, fallback] = await Promise.all([
        activeModelItem.getValue(),
        taskModelsItem.getValue(),
        fallbackItem.getValue(),
      ]);
      return [active, ...Object.values(tasks), fallback.model].filter((m) => m != null);
    },
    'download-stand-in': async () => {
      const fallback = await fallbackItem.getValue();
      return fallback.whenDownloading && fallback.model?.engine === 'remote' ? fallback.model : null;
    },
    consented: ({ site, provider }) => consents.allowed(site, provider),
    'page-access': async ({ origin, ask }) => {
      const items = { sites: pageApiSitesItem, once: pageApiOnceItem, pending: pageApiPendingItem };
      const [access, tasks, active] = await Promise.all([
        siteAccess(items, origin, ask),
        taskModelsItem.getValue(),
        activeModelItem.getValue(),
      ]);
      // Pages get the user's chat model; null leaves the device's default to the host.
      return { ...access, model: tasks.chat ?? active ?? null };
    },
    'page-api-config': async () => ({ installGlobal: await pageApiGlobalItem.getValue() }),
  };
}

/**
 * The service worker's reply to one message, or undefined where another context answers: in
 * test builds the engine host serves its own test seams (lib/host/test-hooks.ts).
 */
export function serveBackgroundMessage(
  message: unknown,
  sender: SenderInfo,
  handlers: OneShotHandlers<BackgroundMethods>,
  extensionId: string,
): Promise<OneShotReply> | undefined {
  if (TEST_BUILD && isTestHookRequest(message)) return undefined;
  return serveOneShot(BACKGROUND_METHODS, handlers, message, sender, extensionId);
}
