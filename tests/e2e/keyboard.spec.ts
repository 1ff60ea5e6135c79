/**
 * The side panel from the keyboard alone: the views are one tab stop with arrows between them
 * (mirrored in Arabic), Tab reaches the question box, Enter asks, and the answer's actions work
 * with Enter too.
 */
import type { Page } from '@playwright/test';
import { chooseModel, expect, test } from './fixtures';

const selected = (panel: Page) => panel.locator('[role=tab][aria-selected=true]');

/** Presses Tab until `target` has the focus: what a keyboard user does, never a click. */
async function tabTo(panel: Page, target: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await panel.evaluate((sel) => document.activeElement?.matches(sel) ?? false, target)) return;
    await panel.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('every view and a whole question work from the keyboard', async ({ panel, tinyModel }) => {
  await chooseModel(panel, tinyModel);
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(panel, '[role=tab][aria-selected=true]');
  await expect(selected(panel)).toHaveText('Chat');
  // One tab stop: the other tabs are reached with the arrows, and focus follows the selection.
  await expect(panel.locator('[role=tab][tabindex="0"]')).toHaveCount(1);
  for (const [key, view] of [
    ['ArrowRight', 'Tables'],
    ['End', 'Settings'],
    ['ArrowRight', 'Chat'],
    ['ArrowLeft', 'Settings'],
    ['Home', 'Chat'],
  ] as const) {
    await panel.keyboard.press(key);
    await expect(selected(panel)).toHaveText(view);
    await expect(selected(panel)).toBeFocused();
  }
  await tabTo(panel, 'textarea[name=prompt]');
  await panel.keyboard.type('Say hello.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Regenerate' })).toBeVisible({ timeout: 60_000 });
  await tabTo(panel, '.message-actions button:first-child');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
});

test.describe('in Arabic', () => {
  test.use({ uiLanguage: 'ar' });

  test('the arrows follow the reading direction', async ({ panel }) => {
    await panel.getByRole('tab', { selected: true }).focus();
    await panel.keyboard.press('ArrowLeft');
    await expect(selected(panel)).toHaveText('الجداول');
    await panel.keyboard.press('ArrowRight');
    await expect(selected(panel)).toHaveText('الدردشة');
  });
});
