import { chooseModel, expect, test } from './fixtures';

test('the tiny GGUF model loads in the offscreen host and real tokens stream into the side panel', async ({
  panel,
}) => {
  await panel.locator('textarea[name=prompt]').fill('Say hello to the world.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('status')).toContainText('Ready: tiny-random-llama', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
  const answer = (await panel.getByTestId('answer').textContent()) ?? '';
  // The tiny model emits only its vocabulary's text pieces: words and ASCII characters.
  expect(answer.trim().length).toBeGreaterThan(20);
  expect(answer).toMatch(/^[\x20-\x7e\s]+$/);
});

test('a model URL that is not there gives a clear error, and the panel keeps working', async ({
  panel,
  modelServer,
  tinyModel,
}) => {
  await chooseModel(panel, { engine: 'wllama', id: 'missing', url: `${modelServer.origin}/missing.gguf` });
  await panel.locator('textarea[name=prompt]').fill('Hello?');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('404');
  await chooseModel(panel, tinyModel);
  await panel.locator('textarea[name=prompt]').fill('Hello again.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('status')).toContainText('Ready: tiny-random-llama');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('the side panel looks right at 360 px, light and dark', async ({ panel }, testInfo) => {
  await panel.setViewportSize({ width: 360, height: 640 });
  await panel.locator('textarea[name=prompt]').fill('Say hello.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    const shot = testInfo.outputPath(`side-panel-${scheme}.png`);
    await panel.screenshot({ path: shot });
    // Nothing may overflow the panel's width.
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
});
