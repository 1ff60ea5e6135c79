/**
 * The ClientTransport for extension contexts (side panel, content scripts, pages): asks
 * the service worker to make sure the host exists, then connects straight to the host.
 * The service worker is not on the streaming path, so its restarts cannot cut a stream.
 */
import { browser } from 'wxt/browser';
import { ENGINE_PORT, callBackground, type ClientTransport, type Send } from '../protocol';

/** runtime.sendMessage to the service worker, for callBackground. */
export const sendToBackground: Send = (message) => browser.runtime.sendMessage(message);

export const extensionTransport: ClientTransport = {
  async ensureHost() {
    await callBackground(sendToBackground, 'ensure-host', {});
  },
  connect() {
    return browser.runtime.connect({ name: ENGINE_PORT });
  },
};
