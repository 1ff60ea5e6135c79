/**
 * Seams for end-to-end tests and the benchmark, present only in test builds
 * (`npm run build:test`, see lib/settings/build-flags.ts); the product build compiles the
 * branch that loads this file away. Extension pages reach it with
 * `chrome.runtime.sendMessage({ method: 'test.crash-engine', params: { when } })`.
 */
import { browser } from 'wxt/browser';
import type { WorkerEngineService } from '../engine/worker-client';
import { answerMessages, serveOneShot } from '../protocol';
import { TEST_HOOK_METHODS, isTestHookRequest } from './test-hook-methods';
import { languageModelDouble } from '../engine/test-doubles/language-model-double';

/** @param builtinChanged tells the host to look at `LanguageModel` again after a double went in. */
export function installTestHooks(engines: WorkerEngineService, builtinChanged: () => void): void {
  answerMessages(browser.runtime.onMessage, (message, sender) => {
    // Everything else belongs to the service worker, which answers it.
    if (!isTestHookRequest(message)) return undefined;
    return serveOneShot(
      TEST_HOOK_METHODS,
      {
        'test.crash-engine': ({ when, stallMs }) => {
          engines.crashForTest(when, stallMs);
          return Promise.resolve({ ok: true as const });
        },
        'test.builtin-model': ({ mode }) => {
          Object.defineProperty(globalThis, 'LanguageModel', {
            value: languageModelDouble(mode),
            configurable: true,
            writable: true,
          });
          builtinChanged();
          return Promise.resolve({ ok: true as const });
        },
      },
      message,
      sender,
      browser.runtime.id,
    );
  });
}
