/**
 * Runs code in this extension's content-script world of a page (its isolated world), through the
 * DevTools protocol: what a page that compromised its renderer, or a bug in the content script,
 * could do with the content script's powers. Tests use it to show what the host refuses.
 */
import type { Page } from '@playwright/test';

interface ExecutionContext {
  id: number;
  auxData?: { type?: string; frameId?: string };
}

/** Returns `run(expression)`, evaluating in the top frame's content-script world of `page`. */
export async function contentScriptWorld(
  page: Page,
  extensionId: string,
): Promise<<T>(expression: string) => Promise<T>> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContext }) =>
    contexts.push(event.context),
  );
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const evaluate = async <T>(contextId: number, expression: string): Promise<T> => {
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (reply.exceptionDetails)
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const c of contexts) {
      if (c.auxData?.type !== 'isolated' || c.auxData.frameId !== frameTree.frame.id) continue;
      const id = await evaluate<string | null>(c.id, 'globalThis.chrome?.runtime?.id ?? null').catch(
        () => null,
      );
      if (id === extensionId) return (expression) => evaluate(c.id, expression);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("The extension's content script world did not appear in this page.");
}

/**
 * Defines `ask(method, params)` in the content-script world: a raw protocol request on a Port to the
 * engine host, resolving with `{ ok, data }` or `{ error: { code, message } }`.
 */
export const ASK = `globalThis.ask = (method, params) => new Promise((resolve) => {
  const port = chrome.runtime.connect({ name: 'local-ai/engine' });
  const id = 'evil-' + Math.random();
  port.onMessage.addListener((m) => {
    if (m.id !== id) return;
    if (m.type === 'result') resolve({ ok: true, data: m.data });
    if (m.type === 'error') resolve({ error: m.error });
    if (m.type === 'result' || m.type === 'error') port.disconnect();
  });
  port.onDisconnect.addListener(() => resolve({ error: { code: 'disconnected' } }));
  port.postMessage({ type: 'request', id, method, params });
}); true`;
