/**
 * Keeps settings, API keys and consent out of the pages' reach. By default content scripts may
 * read and write storage.local; a content script runs in the page's renderer, so a compromised
 * page could then read provider keys or grant itself consent. Restricted, only this extension's
 * pages and service worker see it; content scripts get what little they need by message.
 * (storage.session is restricted like this by default, and nothing here widens it.)
 */
export function restrictStorageToExtension(): void {
  void chrome.storage.local
    .setAccessLevel({ accessLevel: chrome.storage.AccessLevel.TRUSTED_CONTEXTS })
    .catch((error: unknown) => console.error('Local AI: could not restrict storage to the extension', error));
}
