/**
 * axe-core on every view of the side panel, light and dark: no serious or critical violation of
 * WCAG 2 A/AA. Each failure names the rule, the element and how to fix it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseModel, expect, test } from './fixtures';

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('every view of the side panel has no serious or critical accessibility violation', async ({
  panel,
  tinyModel,
}) => {
  await panel.setViewportSize({ width: 360, height: 900 });
  // First as a new user sees it (the welcome), then with a model chosen (a conversation).
  await panel.evaluate(() => chrome.storage.local.remove('activeModel'));
  await panel.reload();
  const found: Record<string, string[]> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.getByRole('tab', { name: 'Chat' }).click();
    await expect(panel.getByTestId('welcome')).toBeVisible();
    found[`chat (welcome, ${scheme})`] = await serious(panel);
    for (const view of ['Tables', 'Models', 'Settings'] as const) {
      await panel.getByRole('tab', { name: view }).click();
      await panel.waitForTimeout(300);
      found[`${view} (${scheme})`] = await serious(panel);
    }
  }
  // A conversation: the answer, its run line and actions, the prompt box.
  await chooseModel(panel, tinyModel);
  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.locator('textarea[name=prompt]').fill('Say hello.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Regenerate' })).toBeVisible({ timeout: 60_000 });
  found['chat (answer)'] = await serious(panel);
  // Copy confirms with a toast, announced as a status (shown only once the
  // clipboard took the text: a refusal shows a different message).
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('status')).toHaveText('Copied to the clipboard.');
  found['chat (toast)'] = await serious(panel);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
});
