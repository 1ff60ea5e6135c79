/**
 * Runs in the page's own world at document start, before any of the page's scripts: makes the
 * private channel, hands one end to this extension's content script (one window.postMessage with
 * the port transferred; the content script accepts only the first such message, from this very
 * window), and installs the API. The name `localAI` is ours; the browser's own `LanguageModel`
 * is never replaced, and ours takes that name only where there is none and the user said so.
 */
import { HANDOVER } from './channel-messages';
import { languageModelClass } from './language-model';
import { PageChannel } from './page-channel';

export function installPageApi(win: Window & typeof globalThis): void {
  const { port1, port2 } = new MessageChannel();
  const channel = new PageChannel(port1);
  const LanguageModel = languageModelClass(channel);
  const api = Object.freeze({ LanguageModel, version: 1 });
  Object.defineProperty(win, 'localAI', {
    value: api,
    enumerable: false,
    configurable: false,
    writable: false,
  });
  channel.onConfig(({ installGlobal }) => {
    if (installGlobal && !('LanguageModel' in win))
      Object.defineProperty(win, 'LanguageModel', {
        value: LanguageModel,
        configurable: true,
        writable: true,
      });
  });
  win.postMessage(HANDOVER, '*', [port2]);
}
