/**
 * Recovery: the engine Worker killed mid-stream (the test build's hook) → first token of the
 * retried answer, as the asker sees it. The host starts a fresh Worker, reloads the model and
 * answers again from the start.
 */
import type { Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { hostRequest } from '../../tests/e2e/fixtures';
import { summarize, type Measure } from '../stats';

/** One interrupted answer: ms from the last chunk before the kill to the first text after the restart. */
function interrupted(panel: Page, model: ModelRef): Promise<number> {
  return panel.evaluate(
    (model) =>
      new Promise<number>((resolve, reject) => {
        void chrome.runtime
          .sendMessage({ method: 'test.crash-engine', params: { when: 'mid-stream' } })
          .then((armed: { ok?: boolean } | undefined) => {
            if (!armed?.ok) return reject(new Error('the benchmark needs a test build (npm run build:test)'));
            const port = chrome.runtime.connect({ name: 'local-ai/engine' });
            let lastBefore = 0;
            let restartedAt = 0;
            let firstAfter = 0;
            port.onMessage.addListener(
              (m: {
                type: string;
                id?: string;
                data?: { delta: string; restart?: boolean };
                error?: { message: string };
              }) => {
                if (m.id !== 'r') return;
                if (m.type === 'chunk') {
                  const t = performance.now();
                  if (m.data!.restart) restartedAt = t;
                  else if (!restartedAt) lastBefore = t;
                  else if (m.data!.delta && !firstAfter) firstAfter = t;
                }
                // Waits for the whole answer: a request left running would take the next kill.
                if (m.type === 'result') {
                  port.disconnect();
                  if (firstAfter) resolve(firstAfter - lastBefore);
                  else reject(new Error('answered without a restart'));
                }
                if (m.type === 'error') reject(new Error(m.error?.message));
              },
            );
            const messages = [{ role: 'user', content: 'Tell me a long story about the river.' }];
            port.postMessage({
              type: 'request',
              id: 'r',
              method: 'chat',
              params: { model, messages, max_tokens: 64 },
            });
          }, reject);
      }),
    model,
  );
}

export async function measureRecovery(panel: Page, model: ModelRef, reps: number): Promise<Measure> {
  await panel.bringToFront();
  await hostRequest(panel, 'load', model);
  const times: number[] = [];
  for (let i = 0; i < Math.min(reps, 5); i++) times.push(await interrupted(panel, model));
  const status = await hostRequest(panel, 'status');
  return summarize(
    'recovery_ms',
    'engine Worker killed mid-stream → first token of the retried answer, at the asker (tiny model)',
    times,
    'ms',
    '≤ 3000',
    `${status.engineRestarts} restarts in this host`,
  );
}
