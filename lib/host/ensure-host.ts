/**
 * Creates the offscreen engine host when it is missing: once, even when many clients ask
 * at the same moment, and even when the service worker was restarted in between (then the
 * document is found, not created again). Holds no model state.
 */

export const HOST_PATH = '/offscreen.html';

/** The slice of chrome.offscreen / chrome.runtime this needs, so tests can supply fakes. */
export interface OffscreenApi {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
}

let creating: Promise<void> | null = null;

/**
 * @throws {Error} when Chrome refuses to create the document for a reason other than a
 * concurrent creation.
 */
export function ensureHost(api: OffscreenApi): Promise<void> {
  creating ??= (async () => {
    if (await api.hasDocument()) return;
    try {
      await api.createDocument();
    } catch (error) {
      // Another context (e.g. an earlier life of this service worker) won the race.
      if (await api.hasDocument()) return;
      throw error;
    }
  })().finally(() => {
    creating = null;
  });
  return creating;
}

/** The real API, from chrome.offscreen and chrome.runtime.getContexts. */
export function chromeOffscreenApi(url: string): OffscreenApi {
  return {
    async hasDocument() {
      const contexts = await chrome.runtime.getContexts({
        contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
        documentUrls: [url],
      });
      return contexts.length > 0;
    },
    async createDocument() {
      await chrome.offscreen.createDocument({
        url,
        reasons: [chrome.offscreen.Reason.WORKERS],
        justification: 'Runs the on-device language model in a worker, shared by every tab and panel.',
      });
    },
  };
}
