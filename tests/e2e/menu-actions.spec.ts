/**
 * Right-click menu items and the shortcut bubble, driven through the service worker's
 * registered handler (`runAction`, what a menu click runs). Headless Chromium gives no user
 * gesture, so Chrome's side panel itself cannot open here: the panel page, opened as a tab on
 * the same page, takes the request exactly as the side panel does.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { bubble, chooseModel, expect, runAction, runActionOnSelection, test } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><title>Menu fixture</title></head><body><article><h1>Tides</h1>
<p id="para">Tides are the rise and fall of sea levels caused by the gravitational forces of the Moon and the Sun.</p>
${'<p>Coastal ecosystems depend on the rhythm of the tides, which expose and cover the shore twice a day.</p>'.repeat(60)}
</article></body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({
    '/menu.html': { body: PAGE },
    '/input.html': {
      body: '<!doctype html><title>Form</title><textarea id="t" rows="4" cols="60">Dear team, the quarterly numbers look strong and we should celebrate.</textarea>',
    },
    '/framed.html': {
      body: '<!doctype html><title>Framed</title><h1>Outer</h1><iframe src="/menu.html" width="800" height="400"></iframe>',
    },
  });
});
test.afterAll(async () => server.close());

async function setup(
  context: BrowserContext,
  sw: Worker,
  extensionId: string,
): Promise<{ page: Page; tabId: number; openPanel: () => Promise<Page> }> {
  const page = await context.newPage();
  await page.goto(`${server.origin}/menu.html`);
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const openPanel = async () => {
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    return panel;
  };
  return { page, tabId, openPanel };
}

/** A menu action for the tab; these open the side panel, which headless runs cannot (see runAction). */
function run(sw: Worker, id: string, tabId: number, selectionText?: string) {
  return runAction(sw, id, { tabId, selectionText });
}

const SELECTION = 'Tides are the rise and fall of sea levels.';

test('each selection menu item opens the panel and streams its answer', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}) => {
  const { tabId, openPanel } = await setup(context, sw, extensionId);
  const panel = await openPanel();
  await chooseModel(panel, tinyModel);
  const expected: [string, RegExp][] = [
    ['explain', /^Explain the selected text/],
    ['summarise', /^Summarise the selected text/],
    ['translate', /^Translate the selected text into/],
    ['rewrite', /^Rewrite the selected text/],
  ];
  for (const [i, [id, question]] of expected.entries()) {
    await run(sw, id, tabId, SELECTION);
    await expect(panel.locator('.message.user').nth(i)).toHaveText(question);
    await expect(panel.locator('.message.assistant')).toHaveCount(i + 1);
    await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
    expect(await panel.getByRole('alert').allTextContents()).toEqual([]);
    expect(((await panel.getByTestId('answer').textContent()) ?? '').trim().length).toBeGreaterThan(10);
  }
});

test('a request left before the panel opens starts when it connects; Ask about this… attaches the selection', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}) => {
  const { tabId, openPanel } = await setup(context, sw, extensionId);
  const first = await openPanel();
  await chooseModel(first, tinyModel);
  await first.close();
  await run(sw, 'explain', tabId, SELECTION);
  const panel = await openPanel();
  await expect(panel.locator('.message.user').first()).toHaveText(/^Explain the selected text/);
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });

  await run(sw, 'ask-about', tabId, SELECTION);
  await expect(panel.getByTestId('attachment')).toContainText(SELECTION);
  await panel.locator('textarea[name=prompt]').fill('Why do tides happen?');
  await panel.keyboard.press('Enter');
  await expect(panel.locator('.message.user').last()).toHaveText('Why do tides happen?');
  await expect(panel.getByTestId('attachment')).toHaveCount(0);
});

test('Summarise this page covers a page longer than the context window in parts', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}) => {
  const { tabId, openPanel } = await setup(context, sw, extensionId);
  const panel = await openPanel();
  await chooseModel(panel, tinyModel);
  await expect(panel.getByTestId('page-chip')).toContainText('Menu fixture');
  await run(sw, 'summarise-page', tabId);
  await expect(panel.locator('.stage')).toContainText(/Summarising part 1 of \d+/);
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 60_000 });
  await expect(panel.locator('.message.user').last()).toHaveText(/^Summarise this page/);
  expect(((await panel.getByTestId('answer').textContent()) ?? '').trim().length).toBeGreaterThan(10);
});

test('a preset added in Settings runs from its menu item', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}, testInfo) => {
  const { tabId, openPanel } = await setup(context, sw, extensionId);
  const panel = await openPanel();
  await chooseModel(panel, tinyModel);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.locator('input[name=preset-title]').fill('Find the main claim');
  await panel
    .locator('textarea[name=preset-prompt]')
    .fill('State the main claim of the selected text in one sentence.');
  await panel.getByRole('button', { name: 'Add preset' }).click();
  await expect(panel.locator('.presets li')).toContainText(['Explain like I am five', 'Find the main claim']);
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.screenshot({ path: testInfo.outputPath(`settings-${scheme}.png`), fullPage: true });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  const presetId = await panel.evaluate(
    async () =>
      ((await chrome.storage.local.get('presets')).presets as { id: string; title: string }[]).find(
        (p) => p.title === 'Find the main claim',
      )!.id,
  );
  await run(sw, `preset:${presetId}`, tabId, SELECTION);
  await expect(panel.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.message.user').last()).toHaveText(
    /^Find the main claim: State the main claim/,
  );
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
});

test('the shortcut bubble streams beside the selection and continues in the side panel', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}, testInfo) => {
  const { page, openPanel } = await setup(context, sw, extensionId);
  const panel = await openPanel();
  await chooseModel(panel, tinyModel);
  await runActionOnSelection(sw, page, 'explain-selection');
  await expect(bubble(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const answer = ((await page.locator('local-ai-bubble .answer').textContent()) ?? '').trim();
  expect(answer.length).toBeGreaterThan(10);
  // The page's own styles do not reach into the bubble.
  await page.addStyleTag({ content: '* { color: red !important; font-size: 40px !important; }' });
  expect(await page.locator('local-ai-bubble .answer').evaluate((el) => getComputedStyle(el).fontSize)).toBe(
    '14px',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`bubble-${scheme}.png`) });
  }
  await page.locator('local-ai-bubble').getByRole('button', { name: 'Continue in side panel' }).click();
  await expect(bubble(page)).toHaveCount(0);
  await expect(panel.locator('.message.user').last()).toHaveText(/^Explain: “Tides are the rise/);
  await expect(panel.getByTestId('answer')).toHaveText(answer);

  await runActionOnSelection(sw, page, 'explain-selection');
  await expect(bubble(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(bubble(page)).toHaveCount(0);
});

test('a selection inside a frame gets its bubble there', async ({ context, sw, extensionId, tinyModel }) => {
  const { openPanel } = await setup(context, sw, extensionId);
  const panel = await openPanel();
  await chooseModel(panel, tinyModel);
  const page = await context.newPage();
  await page.goto(`${server.origin}/framed.html`);
  await page.bringToFront();
  const frame = page.frameLocator('iframe');
  await frame.locator('#para').waitFor();
  await page.frames()[1]!.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('para')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await page.locator('iframe').focus();
  expect(await runAction(sw, 'explain-selection')).toBeNull();
  await expect(frame.locator('local-ai-bubble .bubble')).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
  await expect(page.locator('local-ai-bubble')).toHaveCount(0);
});

test('text selected inside a textarea gets the bubble too', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}) => {
  const { openPanel } = await setup(context, sw, extensionId);
  await chooseModel(await openPanel(), tinyModel);
  const page = await context.newPage();
  await page.goto(`${server.origin}/input.html`);
  await page.bringToFront();
  await page.locator('#t').evaluate((el: HTMLTextAreaElement) => {
    el.focus();
    el.setSelectionRange(10, 40);
  });
  expect(await runAction(sw, 'explain-selection')).toBeNull();
  await expect(bubble(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(bubble(page).getByRole('alert')).toHaveCount(0);
});
