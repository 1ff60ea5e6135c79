/**
 * Recovery: the engine Worker killed mid-stream (the test build's hook terminates it when the
 * next token arrives), or hung (the hook makes the host stop hearing it), with real llama.cpp and
 * the tiny model. The host starts a fresh Worker, reloads the model, tells every client, and
 * answers the interrupted request again.
 */
import type { Page } from '@playwright/test';
import { expect, hostRequest, test } from './fixtures';

interface Streamed {
  chunks: { delta: string; restart?: boolean }[];
  text: string;
  error: string | null;
}

function ask(panel: Page, model: { engine: 'wllama'; id: string; url: string }): Promise<Streamed> {
  return panel.evaluate(
    (model) =>
      new Promise<Streamed>((resolve) => {
        const port = chrome.runtime.connect({ name: 'local-ai/engine' });
        const chunks: Streamed['chunks'] = [];
        port.onMessage.addListener(
          (m: { type: string; id?: string; data?: unknown; error?: { message: string } }) => {
            if (m.id !== 'q') return;
            if (m.type === 'chunk') chunks.push(m.data as Streamed['chunks'][number]);
            if (m.type === 'result' || m.type === 'error') {
              port.disconnect();
              resolve({
                chunks,
                text: (m.data as { text?: string } | undefined)?.text ?? '',
                error: m.error?.message ?? null,
              });
            }
          },
        );
        const messages = [{ role: 'user', content: 'Tell me a long story about the river.' }];
        port.postMessage({
          type: 'request',
          id: 'q',
          method: 'chat',
          params: { model, messages, max_tokens: 64 },
        });
      }),
    model,
  );
}

test('a Worker killed mid-stream: the request is retried on a fresh Worker and the next one answers too', async ({
  panel,
  tinyModel,
}) => {
  await hostRequest(panel, 'load', tinyModel);
  const armed = await panel.evaluate(() =>
    chrome.runtime.sendMessage<object, unknown>({
      method: 'test.crash-engine',
      params: { when: 'mid-stream' },
    }),
  );
  expect(armed, 'this spec needs a test build: npm run build:test').toEqual({ ok: true, data: { ok: true } });

  const retried = await ask(panel, tinyModel);
  expect(retried.error).toBeNull();
  const restarts = retried.chunks.filter((c) => c.restart);
  expect(restarts).toHaveLength(1);
  // Text of the killed attempt came first; the answer the asker keeps is the retried one, whole.
  const first = retried.chunks.indexOf(restarts[0]!);
  expect(
    retried.chunks
      .slice(0, first)
      .map((c) => c.delta)
      .join('').length,
  ).toBeGreaterThan(0);
  expect(
    retried.chunks
      .slice(first)
      .map((c) => c.delta)
      .join(''),
  ).toBe(retried.text);
  expect(retried.text.trim().length).toBeGreaterThan(0);

  const status = await hostRequest(panel, 'status');
  expect(status.engineRestarts).toBe(1);
  expect(status.loaded?.id).toBe(tinyModel.id);
  expect(status.notice).toContain('restarted');
  // Every open panel shows it.
  await expect(panel.getByTestId('status-notice')).toContainText('The engine stopped unexpectedly');

  const next = await ask(panel, tinyModel);
  expect(next.error).toBeNull();
  expect(next.chunks.some((c) => c.restart)).toBe(false);
  expect(next.text.trim().length).toBeGreaterThan(0);
});

test('a Worker that hangs mid-stream is detected after the stall time and the request is answered on a fresh one', async ({
  panel,
  tinyModel,
}) => {
  await hostRequest(panel, 'load', tinyModel);
  const armed = await panel.evaluate(() =>
    chrome.runtime.sendMessage<object, unknown>({
      method: 'test.crash-engine',
      params: { when: 'hang-mid-stream', stallMs: 1500 },
    }),
  );
  expect(armed, 'this spec needs a test build: npm run build:test').toEqual({ ok: true, data: { ok: true } });
  const retried = await ask(panel, tinyModel);
  expect(retried.error).toBeNull();
  expect(retried.chunks.filter((c) => c.restart)).toHaveLength(1);
  expect(retried.text.trim().length).toBeGreaterThan(0);
  const status = await hostRequest(panel, 'status');
  expect(status.engineRestarts).toBe(1);
  expect(status.notice).toContain('no token for 1.5 s while generating');
});
