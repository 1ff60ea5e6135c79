/**
 * Functions evaluated inside an extension page: a protocol client speaking raw Port messages,
 * timing each stream where a surface would see it (at the client).
 */
import type { Page } from '@playwright/test';
import type { MethodName } from '../lib/protocol';
import type { HostParamsArg } from '../tests/e2e/fixtures';

export interface ClientTiming {
  tokens: number;
  ttftMs: number;
  decodeMs: number;
  /**
   * Per token: arrival at this client − emission in the engine Worker, both on the clock every
   * browser context shares (performance.timeOrigin + performance.now()), in ms.
   */
  addedMs: number[];
  /** The answer and its prompt's size, as the result reports them. */
  text: string;
  promptTokens: number;
}

/** Streams one chat through the extension from `page` and times it at the client. */
export function streamThroughExtension(page: Page, params: object): Promise<ClientTiming> {
  return page.evaluate(
    (params) =>
      new Promise<ClientTiming>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'local-ai/engine' });
        const id = `bench-${Math.random()}`;
        let tokens = 0;
        let first = 0;
        let last = 0;
        let firstTokens = 0;
        const addedMs: number[] = [];
        port.onMessage.addListener(
          (m: {
            type: string;
            id?: string;
            data?: {
              tokens: number;
              emittedAt?: number[];
              text?: string;
              usage?: { promptTokens: number };
            };
            error?: { message: string };
          }) => {
            if (m.id !== id) return;
            if (m.type === 'chunk') {
              const arrived = performance.timeOrigin + performance.now();
              for (const at of m.data!.emittedAt ?? []) addedMs.push(arrived - at);
              last = performance.now();
              if (!tokens) {
                first = last;
                firstTokens = m.data!.tokens;
              }
              tokens += m.data!.tokens;
            } else if (m.type === 'result') {
              port.disconnect();
              // Tokens/s over the tokens that arrived after the first chunk, as for the plain page.
              resolve({
                tokens: tokens - firstTokens + 1,
                ttftMs: first - start,
                decodeMs: last - first,
                addedMs,
                text: m.data?.text ?? '',
                promptTokens: m.data?.usage?.promptTokens ?? 0,
              });
            } else if (m.type === 'error') {
              port.disconnect();
              reject(new Error(m.error?.message));
            }
          },
        );
        const start = performance.now();
        port.postMessage({ type: 'request', id, method: 'chat', params });
      }),
    params,
  );
}

/** Opens `count` Ports at once from `page`, each asking one chat; returns each client's time to first token. */
export function contendedFirstTokens(page: Page, params: object, count: number): Promise<number[]> {
  return page.evaluate(
    ([params, count]) =>
      Promise.all(
        Array.from(
          { length: count },
          (_, i) =>
            new Promise<number>((resolve, reject) => {
              const port = chrome.runtime.connect({ name: 'local-ai/engine' });
              const id = `c${i}`;
              let ttft = -1;
              port.onMessage.addListener((m: { type: string; id?: string; error?: { message: string } }) => {
                if (m.id !== id) return;
                if (m.type === 'chunk' && ttft < 0) ttft = performance.now() - start;
                if (m.type === 'result') {
                  port.disconnect();
                  resolve(ttft);
                }
                if (m.type === 'error') reject(new Error(m.error?.message));
              });
              const start = performance.now();
              port.postMessage({ type: 'request', id, method: 'chat', params });
            }),
        ),
      ),
    [params, count] as const,
  );
}

/** One protocol request from an extension page; resolves with elapsed milliseconds. */
export function timedHostCall<M extends MethodName>(
  page: Page,
  method: M,
  ...[params]: HostParamsArg<M>
): Promise<number> {
  return page.evaluate(
    ([method, params]) =>
      new Promise<number>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'local-ai/engine' });
        const t0 = performance.now();
        port.onMessage.addListener((m: { id?: string; type: string; error?: { message: string } }) => {
          if (m.id !== 'timed') return;
          port.disconnect();
          if (m.type === 'result') resolve(performance.now() - t0);
          else reject(new Error(m.error?.message));
        });
        port.onDisconnect.addListener(() => reject(new Error('The engine host is not running.')));
        port.postMessage({ type: 'request', id: 'timed', method, params });
      }),
    [method, params ?? {}] as const,
  );
}
