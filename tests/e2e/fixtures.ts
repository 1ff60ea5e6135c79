/**
 * Playwright fixtures: a persistent Chromium context with the built extension loaded,
 * software WebGPU on, no network beyond 127.0.0.1; a server for the tiny GGUF model and
 * fixture pages on two origins, started for the test and stopped after it.
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_MODEL_FILE, writeTinyModel } from '../fixtures/tiny-model/make-tiny-gguf';
import { fileRoute, startStaticServer, type StaticServer } from '../fixtures/static-server';
import type { MethodName, ParamsOf, ResultOf } from '../../lib/protocol';
import { blockedIn, watchPolicy } from './policy-watch';

export const EXTENSION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extensionDir = EXTENSION_DIR, webgpu = true): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(webgpu ? ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'] : ['--disable-webgpu']),
  ];
}

/**
 * Launches Chromium with the extension. `uiLanguage` ('de', 'ar', …) is Chromium's `--lang`, which
 * picks the extension's locale file here (headless Debian Chromium: LANG/LANGUAGE do not, and
 * chrome.i18n.getUILanguage() still says en-US, so the extension reads its language from its
 * messages: lib/i18n/i18n.ts). Without it the browser, and the extension, speak English.
 */
export async function launchWithExtension(
  options: { webgpu?: boolean; extraArgs?: string[]; uiLanguage?: string } = {},
): Promise<{ context: BrowserContext; userDataDir: string }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${EXTENSION_DIR}: run "npm run build:test" first (the end-to-end specs need its test seams).`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'local-ai-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...chromiumArgs(EXTENSION_DIR, options.webgpu ?? true),
      `--lang=${options.uiLanguage ?? 'en-US'}`,
      ...(options.extraArgs ?? []),
    ],
  });
  return { context, userDataDir };
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export const PAGE_HTML = `<!doctype html><html lang="en"><head><title>Fixture page</title></head>
<body><h1>Fixture</h1><p id="para">The quick brown fox jumps over the lazy dog near the river bank.</p></body></html>`;

export interface Fixtures {
  /** The browser's UI language for this test (`test.use({ uiLanguage: 'ar' })`); English by default. */
  uiLanguage: string;
  context: BrowserContext;
  extensionId: string;
  sw: Worker;
  modelServer: StaticServer;
  /** Fixture pages on two origins: 127.0.0.1 and localhost. */
  pages: { a: string; b: string };
  /** The side panel page, opened in a tab, with the tiny model chosen. */
  panel: Page;
  tinyModel: { engine: 'wllama'; id: string; url: string };
}

export const test = base.extend<Fixtures>({
  uiLanguage: ['en-US', { option: true }],
  context: async ({ uiLanguage }, use) => {
    const { context, userDataDir } = await launchWithExtension({ uiLanguage });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  sw: async ({ context }, use) => use(await serviceWorkerOf(context)),
  extensionId: async ({ sw }, use) => use(new URL(sw.url()).host),
  // eslint-disable-next-line no-empty-pattern
  modelServer: async ({}, use) => {
    if (!existsSync(TINY_MODEL_FILE)) writeTinyModel();
    const server = await startStaticServer({ '/tiny-llama.gguf': fileRoute(TINY_MODEL_FILE) });
    await use(server);
    await server.close();
  },
  // eslint-disable-next-line no-empty-pattern
  pages: async ({}, use) => {
    const routes = { '/page.html': { body: PAGE_HTML } };
    const a = await startStaticServer(routes, '127.0.0.1');
    const b = await startStaticServer(routes, 'localhost');
    await use({ a: `${a.origin}/page.html`, b: `${b.origin}/page.html` });
    await Promise.all([a.close(), b.close()]);
  },
  tinyModel: async ({ modelServer }, use) =>
    use({ engine: 'wllama', id: 'tiny-random-llama', url: `${modelServer.origin}/tiny-llama.gguf` }),
  panel: async ({ context, extensionId, tinyModel }, use) => {
    const panel = await context.newPage();
    await watchPolicy(panel);
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await chooseModel(panel, tinyModel);
    await use(panel);
    // Nothing the panel or the engine host needed was blocked by the extension's policy.
    base.expect(await blockedIn(panel), 'blocked by the policy in the panel').toEqual([]);
    const host = await hostRequest(panel, 'diagnostics', {}).catch(() => null);
    base.expect(host?.blockedByPolicy ?? [], 'blocked by the policy in the engine host').toEqual([]);
  },
});

/** Picks a model through the side panel's model form, as a user would. */
/**
 * Opens `url` in a new tab, brings it to the front, and opens the side panel pinned to that tab (as
 * a page, at the panel's 360 px width). A PDF's navigation may report an aborted load to
 * Playwright while the tab shows the PDF: that is not an error here.
 */
export async function openPanelOn(
  context: BrowserContext,
  sw: Worker,
  extensionId: string,
  url: string,
): Promise<{ page: Page; panel: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(url).catch((error: unknown) => {
    if (!/\.pdf$/.test(new URL(url).pathname)) throw error;
  });
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const panel = await context.newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 800 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  return { page, panel, tabId };
}

export async function chooseModel(
  panel: Page,
  model: { engine: string; id: string; url?: string },
): Promise<void> {
  // The first picker is the panel's own (Settings has more, one per task).
  const picker = panel.locator('details.model-picker').first();
  // Once more if the panel, still starting, reset the form under the typing (seen once in ~70 runs
  // on a loaded machine: the id field came back empty and the file name was taken as the id).
  await base
    .expect(async () => {
      if ((await picker.getAttribute('open')) === null) await picker.locator('summary').click();
      await picker.locator('select[name=engine]').selectOption(model.engine);
      await picker.locator('input[name=model-id]').fill(model.id);
      await picker.locator('input[name=model-url]').fill(model.url ?? '');
      await base.expect(picker.locator('input[name=model-id]')).toHaveValue(model.id, { timeout: 1000 });
      // Its submit button, whatever the UI language calls it.
      await picker.locator('button[type=submit]').click();
      await base.expect(picker.locator('summary')).toContainText(model.id, { timeout: 5000 });
    })
    .toPass({ timeout: 30_000 });
}

export const expect = test.expect;

/** Params of `M`, optional where the method takes none. */
export type HostParamsArg<M extends MethodName> =
  ParamsOf<M> extends Record<string, never> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>];

/**
 * Speaks the protocol directly from `page` (an extension page unless the test means otherwise),
 * as a client would: typed by the method's declaration in lib/protocol/methods.ts.
 */
export async function hostRequest<M extends MethodName>(
  page: Page,
  method: M,
  ...[params]: HostParamsArg<M>
): Promise<ResultOf<M>> {
  const data: unknown = await page.evaluate(
    ([method, params]) =>
      new Promise<unknown>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'local-ai/engine' });
        const id = `e2e-${Math.random()}`;
        port.onMessage.addListener(
          (m: { type: string; id?: string; data?: unknown; error?: { code: string; message: string } }) => {
            if (m.id !== id) return;
            if (m.type === 'result') resolve(m.data);
            if (m.type === 'error') reject(new Error(`${m.error?.code}: ${m.error?.message}`));
            if (m.type === 'result' || m.type === 'error') port.disconnect();
          },
        );
        port.postMessage({ type: 'request', id, method, params });
      }),
    [method, params ?? {}] as const,
  );
  // The host is this extension's own code and answers by the same declaration: its result type holds.
  return data as ResultOf<M>;
}

/**
 * Runs a user action through the service worker's registered handler — what a menu click or
 * shortcut runs — for `target.tabId`, or the active tab. Resolves with the handler's error, or
 * null. Actions that open the side panel report one here by design: headless runs give no user
 * gesture, and the request they leave for the panel is what the tests check.
 */
export function runAction(
  sw: Worker,
  id: string,
  target: { tabId?: number; selectionText?: string; linkUrl?: string } = {},
): Promise<string | null> {
  return sw.evaluate(
    async ([id, target]) => {
      const tabId =
        target.tabId ?? (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!;
      // No named functions in here: the benchmark runs this under tsx, whose helpers the worker lacks.
      return (globalThis as unknown as { runAction: (id: string, t: object) => Promise<void> })
        .runAction(id, { ...target, tabId })
        .then(
          () => null,
          (e: Error) => e.message,
        );
    },
    [id, target] as const,
  );
}

/** Selects the fixture paragraph and runs an action in that tab through the service worker. */
export async function runActionOnSelection(sw: Worker, page: Page, actionId: string): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('para')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  const error = await runAction(sw, actionId);
  if (error) throw new Error(`${actionId} failed: ${error}`);
}

/** The answer bubble a content script shows in `page` (open shadow root, pierced by CSS). */
export function bubble(page: Page) {
  return page.locator('local-ai-bubble .bubble');
}
