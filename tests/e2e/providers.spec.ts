/**
 * Providers off this device, against a local OpenAI-compatible server started by the test (true
 * SSE framing, "[DONE]", JSON errors, an Ollama-style model list) standing in for Ollama and the
 * cloud: adding one, consent before page text leaves, streaming, cancel, local-first fallback,
 * and the speed comparison.
 */
import { rmSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { startOpenAiServer, type OpenAiServer } from '../fixtures/openai-server';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { chooseModel, expect, launchWithExtension, serviceWorkerOf, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

const PAGE =
  '<!doctype html><html lang="en"><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>' +
  '<p>SECRET-PAGE-MARKER: the harbour master logs every ship that docks after midnight, with its cargo and its crew list.</p>'.repeat(
    4,
  ) +
  '</article></body></html>';

let api: OpenAiServer;
let pages: StaticServer;
test.beforeEach(async () => {
  api = await startOpenAiServer({ apiKey: 'sk-local', refuseExtensionOrigins: true });
  pages = await startStaticServer({ '/harbour.html': { body: PAGE } });
});
test.afterEach(async () => {
  await api.close();
  await pages.close();
});

async function addProvider(panel: Page, key: string): Promise<void> {
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.locator('select[name=provider-kind]').selectOption('ollama');
  await panel.locator('input[name=provider-name]').fill('Test server');
  await panel.locator('input[name=provider-url]').fill(api.baseUrl);
  await panel.locator('input[name=provider-key]').fill(key);
  await panel.getByRole('button', { name: 'Test connection' }).click();
}

/** The test server added as a provider, used for chat, and the Chat view open. */
async function chatWithTestProvider(panel: Page): Promise<void> {
  await addProvider(panel, 'sk-local');
  await panel.getByRole('button', { name: 'Save provider' }).click();
  await panel.getByTestId('provider').getByRole('button', { name: 'Use' }).first().click();
  await panel.getByRole('tab', { name: 'Chat' }).click();
}

async function panelOnPage(page: Page, extensionId: string, sw: Worker): Promise<Page> {
  await page.goto(`${pages.origin}/harbour.html`);
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const panel = await page.context().newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  return panel;
}

test('adding a provider: a wrong key is diagnosed, the right one lists the models (Ollama origin check handled)', async ({
  context,
  sw,
  extensionId,
}) => {
  const panel = await panelOnPage(await context.newPage(), extensionId, sw);
  await addProvider(panel, 'sk-wrong');
  await expect(panel.getByTestId('provider-test')).toContainText('refused the API key (401)');
  await panel.locator('input[name=provider-key]').fill('  sk-local  ');
  await panel.getByRole('button', { name: 'Test connection' }).click();
  await expect(panel.getByTestId('provider-test')).toContainText('Connected: 2 models.');
  await panel.getByRole('button', { name: 'Save provider' }).click();
  await expect(panel.getByTestId('provider')).toContainText(['Test server (Ollama)']);
  await expect(panel.getByTestId('provider')).toContainText('echo');
  // The server refuses extension origins, like Ollama: every request reached it without one.
  expect(api.requests().every((r) => r.origin === undefined)).toBe(true);
  // The key stays in local extension storage, never synced.
  expect(await panel.evaluate(async () => JSON.stringify(await chrome.storage.sync.get(null)))).toBe('{}');
});

test('page text goes to a provider only with consent; answers stream and say where they ran; Stop closes the connection', async ({
  context,
  sw,
  extensionId,
}) => {
  const panel = await panelOnPage(await context.newPage(), extensionId, sw);
  await chatWithTestProvider(panel);
  await expect(panel.getByTestId('page-chip')).toContainText('Harbour notes');

  await panel.locator('textarea[name=prompt]').fill('Who logs the ships?');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('consent')).toContainText(`to ${new URL(api.baseUrl).host}`);
  expect(api.requests().filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  await panel.getByRole('button', { name: 'Keep it on this device' }).click();
  await expect(panel.getByTestId('answer')).toHaveText('Who logs the ships?');
  const kept = api
    .requests()
    .filter((r) => r.path === '/v1/chat/completions')
    .at(-1)!;
  expect(kept.body).not.toContain('SECRET-PAGE-MARKER');
  await expect(panel.getByTestId('run').last()).toContainText(
    `echo · a server on this machine (${new URL(api.baseUrl).host}) · first token`,
  );

  await panel.locator('textarea[name=prompt]').fill('And after midnight?');
  await panel.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Send this time' }).click();
  await expect(panel.getByTestId('answer')).toHaveText('And after midnight?');
  expect(
    api
      .requests()
      .filter((r) => r.path === '/v1/chat/completions')
      .at(-1)!.body,
  ).toContain('SECRET-PAGE-MARKER');

  // Stop mid-answer: the provider sees its connection closed.
  await panel
    .getByTestId('provider')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await panel.evaluate(
    async (url) => chrome.storage.local.set({ activeModel: { engine: 'remote', id: 'slow', url } }),
    api.baseUrl,
  );
  await panel.locator('textarea[name=prompt]').fill('Count slowly.');
  await panel.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Always for' }).click();
  await expect(panel.getByTestId('answer')).toContainText('s3');
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => api.closedEarly()).toBe(1);
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('the speed comparison runs the tiny local model and the provider side by side', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}, testInfo) => {
  const panel = await panelOnPage(await context.newPage(), extensionId, sw);
  await addProvider(panel, 'sk-local');
  await panel.getByRole('button', { name: 'Save provider' }).click();
  await chooseModel(panel, tinyModel);
  await panel.getByRole('tab', { name: 'Models' }).click();
  await panel.getByLabel('tiny-random-llama (wllama)').check();
  await panel.getByLabel('echo (remote)').check();
  await panel.getByRole('button', { name: 'Compare' }).click();
  const table = panel.getByTestId('speed-table');
  await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
  await expect(table).toContainText('this device (llama.cpp)');
  await expect(table).toContainText(`this machine (${new URL(api.baseUrl).host})`);
  await expect(table.locator('tbody tr').first().locator('td').nth(3)).toHaveText(/^\d+\.\d$/);
  await expect(panel.getByTestId('speed-chart').locator('svg').last()).toBeVisible();
  await panel.screenshot({ path: testInfo.outputPath('speed.png'), fullPage: true });
  // The chart and its legend needed nothing the extension's policy blocks.
  expect(await blockedIn(panel)).toEqual([]);
});

test('without WebGPU, a WebLLM choice falls back to the provider and says why', async ({
  extensionId: _unused,
}) => {
  const { context, userDataDir } = await launchWithExtension({ webgpu: false });
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await addProvider(panel, 'sk-local');
    await panel.getByRole('button', { name: 'Save provider' }).click();
    await panel.getByTestId('provider').getByRole('button', { name: 'Fallback' }).first().click();
    await expect(panel.getByTestId('fallback')).toContainText('Fallback: echo');
    await panel.evaluate(() =>
      chrome.storage.local.set({
        activeModel: { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
      }),
    );
    await panel.getByRole('tab', { name: 'Chat' }).click();
    await panel.locator('textarea[name=prompt]').fill('Are you there?');
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('answer')).toHaveText('Are you there?');
    await expect(panel.getByTestId('run').last()).toContainText('because this device has no WebGPU');
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

test("a page's tables go to a provider only with consent", async ({ context, sw, extensionId }) => {
  const tables = await startStaticServer({
    '/t.html': {
      body: '<!doctype html><title>T</title><h2>Ships</h2><table><tr><th>Ship</th><th>Tons</th></tr><tr><td>Aurora</td><td>1200</td></tr><tr><td>Breeze</td><td>800</td></tr></table>',
    },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${tables.origin}/t.html`);
    await page.bringToFront();
    const tabId = await sw.evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
    );
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    await addProvider(panel, 'sk-local');
    await panel.getByRole('button', { name: 'Save provider' }).click();
    await panel.evaluate(
      (url) => chrome.storage.local.set({ taskModels: { sql: { engine: 'remote', id: 'echo', url } } }),
      api.baseUrl,
    );
    await panel.getByRole('tab', { name: 'Tables' }).click();
    await expect(panel.locator('.table-list li')).toHaveText([/Ships\s*2 × 2/]);
    await panel.locator('textarea[name=table-question]').fill('Heaviest ship?');
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('consent')).toContainText("Send this page's tables to");
    await panel.getByRole('button', { name: 'Keep it on this device' }).click();
    await expect(panel.locator('.sql-card .answer-line')).toContainText('Kept on this device');
    expect(api.requests().filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  } finally {
    await tables.close();
  }
});

test('a hostile answer renders as text, loads and runs nothing, and the conversation comes back after a reload', async ({
  context,
  sw,
  extensionId,
}) => {
  const panel = await panelOnPage(await context.newPage(), extensionId, sw);
  await chatWithTestProvider(panel);
  // The echo provider answers with the question: thousands of nested quotes (which overflow the
  // markdown parser's recursion unless capped), raw HTML with a handler, and a markdown image.
  const leak = `${pages.origin}/leak`;
  const hostile =
    `${'> '.repeat(5000)}deep quote\n\n<img src="${leak}" onerror="window.pwned=1">\n\n` +
    `![x](${leak}?md) [link](javascript:window.pwned=2) **bold end**`;
  await panel.locator('textarea[name=prompt]').fill(hostile);
  await panel.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Keep it on this device' }).click();
  const answer = panel.getByTestId('answer').last();
  await expect(answer).toContainText('deep quote');
  await expect(answer).toContainText('<img src=');
  await expect(answer.locator('img, script, [onerror]')).toHaveCount(0);
  await expect(answer.locator('a[href^="javascript:"]')).toHaveCount(0);
  await answer
    .getByText('link')
    .click({ trial: false })
    .catch(() => {});
  expect(await panel.evaluate(() => (window as Window & { pwned?: number }).pwned ?? 0)).toBe(0);

  await panel.reload();
  await expect(panel.getByTestId('answer').last()).toContainText('deep quote', { timeout: 15_000 });
  await expect(panel.getByTestId('answer').last()).toContainText('bold end');
  expect(pages.requests().filter((r) => r.includes('/leak'))).toEqual([]);
  expect(await panel.evaluate(() => (window as Window & { pwned?: number }).pwned ?? 0)).toBe(0);
  expect(await blockedIn(panel)).toEqual([]);
});
