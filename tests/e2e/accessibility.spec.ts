/**
 * axe-core on every view of the side panel (no serious or critical violation of WCAG 2 A/AA) in
 * English light and dark, Arabic (right to left) light and dark, and German: the welcome, a site
 * asking to use the model, a question's download offer, a conversation with an answer, Tables,
 * Models and Settings. Each view is also saved as a 360 px screenshot in test-results/i18n/ for
 * a person to look at. Each failure names the rule, the element and how to fix it.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { MessageKey } from '../../lib/i18n/i18n';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { bubble, chooseModel, expect, runActionOnSelection, test, type Fixtures } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

type Scheme = 'light' | 'dark';
const SHOTS = 'test-results/i18n';

/** The extension's own words in `lang`, read from its locale file. */
function words(lang: string): (key: MessageKey) => string {
  const file = `public/_locales/${lang}/messages.json`;
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  return (key) => messages[key]!.message;
}

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const TABLE_PAGE = `<!doctype html><html lang="en"><head><title>Rivers</title></head><body>
<h1>Rivers</h1><p id="para">The Nile is the longest river of Africa and flows north into the sea.</p>
<table><caption>Longest rivers</caption><thead><tr><th>River</th><th>Length (km)</th></tr></thead>
<tbody><tr><td>Nile</td><td>6650</td></tr><tr><td>Amazon</td><td>6400</td></tr>
<tr><td>Yangtze</td><td>6300</td></tr></tbody></table></body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({ '/rivers.html': { body: TABLE_PAGE } });
});
test.afterAll(async () => server.close());

/** Audits and photographs every view, in each scheme, in the context's UI language `lang`. */
async function auditEveryView(
  { context, extensionId, sw, tinyModel }: Pick<Fixtures, 'context' | 'extensionId' | 'sw' | 'tinyModel'>,
  lang: 'en' | 'ar' | 'de',
  schemes: Scheme[],
) {
  test.setTimeout(240_000);
  const w = words(lang);
  const page = await context.newPage();
  await page.goto(`${server.origin}/rivers.html`);
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const panel = await context.newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  const html = panel.locator('html');
  await expect(html).toHaveAttribute('lang', lang);
  await expect(html).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');

  const found: Record<string, string[]> = {};
  const check = async (view: string, scheme: Scheme) => {
    found[`${view} (${lang}, ${scheme})`] = await serious(panel);
    await panel.screenshot({ path: `${SHOTS}/${lang}-${scheme}-${view}.png`, fullPage: true });
  };
  const tab = (key: MessageKey) => panel.getByRole('tab', { name: w(key) });

  for (const scheme of schemes) {
    await panel.emulateMedia({ colorScheme: scheme });
    await tab('view_chat').click();
    await expect(panel.getByRole('heading', { name: w('welcome_title') })).toBeVisible();
    await check('welcome', scheme);
    // A web page asking to use the model: the consent prompt over the view.
    await panel.evaluate(() =>
      chrome.storage.session.set({ pageApiPending: [{ origin: 'https://news.example', at: Date.now() }] }),
    );
    await expect(panel.getByRole('alertdialog')).toContainText(w('site_allow_once'));
    await check('site-request', scheme);
    await panel.evaluate(() => chrome.storage.session.remove('pageApiPending'));
    await tab('view_tables').click();
    await expect(panel.getByText('Longest rivers')).toBeVisible();
    // The count's words (its digit is the language's own).
    const count = w('tables_count_one')
      .split('$1')
      .sort((a, b) => b.length - a.length)[0]!
      .trim();
    await expect(panel.locator('.tables-head')).toContainText(count);
    await check('tables', scheme);
    await tab('view_models').click();
    await expect(panel.getByRole('heading', { name: w('models_storage') })).toBeVisible();
    await check('models', scheme);
    await tab('view_settings').click();
    await expect(panel.getByRole('heading', { name: w('settings_answer_language') })).toBeVisible();
    await check('settings', scheme);
  }

  // A question before any model is here: the download offer.
  await tab('view_chat').click();
  await panel.locator('textarea[name=prompt]').fill('What is the longest river?');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('download-offer')).toContainText(w('offer_choose_another'));
  for (const scheme of schemes) {
    await panel.emulateMedia({ colorScheme: scheme });
    await check('offer', scheme);
  }

  // A conversation: the answer, its run line and actions, the prompt box.
  await chooseModel(panel, tinyModel);
  await tab('view_chat').click();
  await panel.locator('textarea[name=prompt]').fill('Say hello.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: w('chat_regenerate') })).toBeVisible({ timeout: 60_000 });
  for (const scheme of schemes) {
    await panel.emulateMedia({ colorScheme: scheme });
    await check('answer', scheme);
  }
  // Copy confirms with a toast, announced as a status (shown only once the clipboard took the text).
  await panel.getByRole('button', { name: w('chat_copy') }).click();
  await expect(panel.getByRole('status')).toHaveText(w('toast_copied'));
  await check('toast', schemes.at(-1)!);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  expect(await blockedIn(panel)).toEqual([]);

  // The bubble on a page speaks the extension's language and direction, not the page's.
  await runActionOnSelection(sw, page, 'explain-selection');
  await expect(bubble(page)).toHaveAttribute('aria-label', w('bubble_label'));
  await expect(bubble(page)).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  // On the page, not off its edge.
  expect((await bubble(page).boundingBox())!.x).toBeGreaterThanOrEqual(0);
  await expect(bubble(page).getByRole('button', { name: w('action_close') })).toBeVisible();
  await page.setViewportSize({ width: 480, height: 400 });
  await page.screenshot({ path: `${SHOTS}/${lang}-bubble.png` });
}

test.describe('in English', () => {
  test('every view, light and dark, has no serious or critical accessibility violation', async ({
    context,
    extensionId,
    sw,
    tinyModel,
  }) => auditEveryView({ context, extensionId, sw, tinyModel }, 'en', ['light', 'dark']));
});

test.describe('in Arabic', () => {
  test.use({ uiLanguage: 'ar' });
  test('every view is right to left, in Arabic, light and dark, with no serious or critical violation', async ({
    context,
    extensionId,
    sw,
    tinyModel,
  }) => auditEveryView({ context, extensionId, sw, tinyModel }, 'ar', ['light', 'dark']));
});

test.describe('in German', () => {
  test.use({ uiLanguage: 'de' });
  test('every view is in German with no serious or critical violation', async ({
    context,
    extensionId,
    sw,
    tinyModel,
  }) => auditEveryView({ context, extensionId, sw, tinyModel }, 'de', ['light']));
});
