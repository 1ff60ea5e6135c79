/**
 * The ClientTransport for extension contexts (side panel, content scripts, pages): asks
 * the service worker to make sure the host exists, then connects straight to the host.
 * The service worker is not on the streaming path, so its restarts cannot cut a stream.
 */
import { browser } from 'wxt/browser';
import {
  ENGINE_PORT,
  HostUnavailableError,
  deserializeError,
  type BackgroundMessage,
  type BackgroundReply,
  type ClientTransport,
  errorMessage,
} from '../protocol';

export const extensionTransport: ClientTransport = {
  async ensureHost() {
    let reply: BackgroundReply | undefined;
    try {
      reply = await browser.runtime.sendMessage<BackgroundMessage, BackgroundReply>({ type: 'ensure-host' });
    } catch (error) {
      throw new HostUnavailableError(`Could not start the engine host: ${errorMessage(error)}`);
    }
    if (!reply?.ok)
      throw reply
        ? deserializeError(reply.error)
        : new HostUnavailableError('The service worker did not answer.');
  },
  connect() {
    return browser.runtime.connect({ name: ENGINE_PORT });
  },
};
