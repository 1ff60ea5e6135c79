/**
 * Seams for end-to-end tests and the benchmark, present only in test builds
 * (`npm run build:test`, see lib/settings/build-flags.ts); the
 * product build compiles the branch that loads this file away. Extension pages reach it with
 * `chrome.runtime.sendMessage({ type: 'local-ai-test:crash-engine', when })`.
 */
import { browser } from 'wxt/browser';
import type { WorkerEngineService } from '../engine/worker-client';
import { answerMessages } from '../protocol';

interface CrashEngine {
  type: 'local-ai-test:crash-engine';
  /** 'mid-stream': when the next streamed delta arrives from the engine Worker. */
  when: 'now' | 'mid-stream';
}

export function installTestHooks(engines: WorkerEngineService): void {
  answerMessages(browser.runtime.onMessage, (message) => {
    const m = message as Partial<CrashEngine> | null;
    if (m?.type !== 'local-ai-test:crash-engine') return undefined;
    engines.crashForTest(m.when === 'now' ? 'now' : 'mid-stream');
    return Promise.resolve({ ok: true });
  });
}
