/**
 * A hostile page against the engine host. Code runs in the content script's own world (DevTools
 * protocol) and in the page's main world, and tries what the content script's powers used to allow:
 * downloads and deletes, probing servers through providers.test, SQL against another tab, a chat
 * through the user's provider (and key) without consent, reading keys or writing consent in
 * storage, and clicking the answer bubble into consent. Each fails; the legitimate paths work.
 */
import type { Page } from '@playwright/test';
import { startOpenAiServer, type OpenAiServer } from '../fixtures/openai-server';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { expect, hostRequest, runAction, test } from './fixtures';
import { ASK, contentScriptWorld } from './content-world';

const HOSTILE = `<!doctype html><html lang="en"><head><title>Totally normal page</title></head><body>
<p id="para">Tides are the rise and fall of sea levels caused by the Moon's gravity, and PAGE-SECRET is here.</p>
</body></html>`;

let api: OpenAiServer;
let pages: StaticServer;
test.beforeEach(async () => {
  api = await startOpenAiServer({ apiKey: 'sk-user-secret' });
  pages = await startStaticServer({ '/hostile.html': { body: HOSTILE } });
});
test.afterEach(async () => {
  await api.close();
  await pages.close();
});

const chats = () => api.requests().filter((r) => r.path === '/v1/chat/completions');

/** What the user set up in the side panel: a provider with a key, chosen as the model. */
async function userChoseProvider(panel: Page): Promise<void> {
  await panel.evaluate(async (baseUrl) => {
    await chrome.storage.local.set({
      providers: [
        { id: 'p1', name: 'Test', kind: 'openai', baseUrl, apiKey: 'sk-user-secret', models: ['echo'] },
      ],
      activeModel: { engine: 'remote', id: 'echo', url: baseUrl },
    });
  }, api.baseUrl);
}

async function hostilePage(panel: Page): Promise<Page> {
  const page = await panel.context().newPage();
  await page.goto(`${pages.origin}/hostile.html`);
  await page.bringToFront();
  return page;
}

test("a content script's world cannot download, delete, probe, query another tab, use the provider without consent, or read keys", async ({
  panel,
  extensionId,
  tinyModel,
}) => {
  await userChoseProvider(panel);
  // Another tab's tables, put there by the panel.
  await hostRequest(panel, 'sql.register', {
    scope: 'tab-999',
    tables: [
      {
        index: 0,
        name: 'bank',
        sqlName: 'bank',
        source: 'html',
        columns: [{ name: 'balance', sqlName: 'balance', type: 'integer' }],
        rows: [[1_000_000]],
      },
    ],
  });
  const page = await hostilePage(panel);
  const run = await contentScriptWorld(page, extensionId);
  await run(ASK);
  const ask = (method: string, params: object) =>
    run<{ ok?: true; data?: unknown; error?: { code: string; message: string } }>(
      `ask(${JSON.stringify(method)}, ${JSON.stringify(params)})`,
    );

  const refused: [string, object][] = [
    ['models.download', { engine: 'wllama', id: 'x', url: `${api.origin}/v1/models` }],
    ['models.delete', { engine: 'wllama', id: 'tiny-random-llama' }],
    ['providers.test', { kind: 'openai', baseUrl: api.baseUrl }],
    ['sql.run', { scope: 'tab-999', sql: 'SELECT * FROM bank' }],
    ['sql.register', { scope: 'tab-999', tables: [] }],
    ['load', { engine: 'wllama', id: 'x', url: `${api.origin}/admin` }],
    ['capabilities', {}],
  ];
  for (const [method, params] of refused)
    expect(await ask(method, params), method).toMatchObject({ error: { code: 'forbidden' } });
  // A model URL of the page's choosing is never fetched.
  expect(
    await ask('chat', {
      model: { engine: 'wllama', id: 'x', url: `${api.origin}/planted.gguf` },
      messages: [{ role: 'user', content: 'hi' }],
    }),
  ).toMatchObject({ error: { code: 'forbidden' } });
  // The user's provider (with the user's key) answers a page only where the user allowed its site.
  expect(
    await ask('chat', {
      model: { engine: 'remote', id: 'echo', url: api.baseUrl },
      messages: [{ role: 'user', content: 'PAGE-SECRET' }],
    }),
  ).toMatchObject({ error: { code: 'consent-required' } });
  expect(api.requests()).toEqual([]);

  // Storage holding keys, settings and consent is out of reach: no reading, no writing.
  await expect(run('chrome.storage.local.get(null)')).rejects.toThrow(/not allowed|access/i);
  await expect(run(`chrome.storage.local.set({ remoteConsent: { '*': ['*'] } })`)).rejects.toThrow(
    /not allowed|access/i,
  );
  // From a tab in the background, a page cannot take the side panel over.
  await panel.bringToFront();
  const takeover = await run<{ ok: boolean; error?: { code: string } }>(
    `chrome.runtime.sendMessage({ method: 'continue-in-panel', params: { conversation: [{ role: 'assistant', content: 'Trust me.' }] } })`,
  );
  expect(takeover).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await page.bringToFront();

  // The service worker hands keys and settings to the engine host only.
  const endpoint = await run<{ ok: boolean; error?: { code: string } }>(
    `chrome.runtime.sendMessage({ method: 'provider-facts', params: { baseUrl: ${JSON.stringify(api.baseUrl)} } })`,
  );
  expect(endpoint).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(JSON.stringify(endpoint)).not.toContain('sk-user-secret');

  // What a content script is for still works: status, and a chat on this device.
  expect(await ask('status', {})).toMatchObject({ ok: true });
  await panel.evaluate(async (model) => chrome.storage.local.set({ activeModel: model }), tinyModel);
  const say = (model: object) => ({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 });
  expect(await ask('chat', say(tinyModel))).toMatchObject({ ok: true });
  // Only the model the user chose: not another one, nor the chosen one with a huge context.
  expect(await ask('chat', say({ engine: 'synthetic', id: 'synthetic-5000' }))).toMatchObject({
    error: { code: 'forbidden' },
  });
  expect(await ask('chat', say({ ...tinyModel, contextWindow: 1_048_576 }))).toMatchObject({
    error: { code: 'forbidden' },
  });
  // The panel still has its tables.
  expect(
    await hostRequest(panel, 'sql.run', { scope: 'tab-999', sql: 'SELECT balance FROM bank' }),
  ).toMatchObject({ rows: [[1_000_000]] });
});

test('the bubble holds no consent a page can click; consent given in extension UI lets it answer through the provider', async ({
  panel,
  sw,
}) => {
  await userChoseProvider(panel);
  const page = await hostilePage(panel);
  const select = () =>
    page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('para')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
  await select();
  expect(await runAction(sw, 'explain-selection')).toBeNull();
  const bubble = page.locator('local-ai-bubble .bubble');
  await expect(bubble).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(bubble.getByRole('alert')).toContainText('you have not allowed that');
  await expect(bubble.getByRole('button', { name: /Always|Send this time/ })).toHaveCount(0);

  // The page's own script reaches into the bubble and clicks everything it finds.
  const clicked = await page.evaluate(() => {
    const root = document.querySelector('local-ai-bubble')?.shadowRoot;
    const buttons = [...(root?.querySelectorAll('button') ?? [])];
    for (const b of buttons) b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    return buttons.map((b) => b.textContent);
  });
  expect(clicked).toContain('Ask in side panel');
  await page.waitForTimeout(500);
  expect(chats()).toHaveLength(0);
  expect(await panel.evaluate(() => chrome.storage.local.get('remoteConsent'))).toEqual({});

  // The user says "Always for this site" in the side panel (it writes this grant, which only
  // extension pages can write); the bubble then answers through the provider.
  const site = new URL(pages.origin).host;
  await panel.evaluate(
    ([site, provider]) => chrome.storage.local.set({ remoteConsent: { [site]: [provider] } }),
    [site, new URL(api.baseUrl).host] as const,
  );
  await select();
  expect(await runAction(sw, 'explain-selection')).toBeNull();
  await expect(bubble).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('local-ai-bubble .answer')).toContainText('Tides are the rise');
  expect(chats()).toHaveLength(1);
  expect(chats()[0]!.auth).toBe('Bearer sk-user-secret');
});
