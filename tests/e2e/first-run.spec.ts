/**
 * A fresh profile: nothing downloads behind the user's back. A question asked before any model is
 * on this device gets an offer (which model, how big) instead of a silent multi-gigabyte fetch or
 * a network error; a download that fails keeps the question; another model answers it.
 */
import { chooseModel, expect, hostRequest, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

test('a question before any model is here gets an offer, not a silent download; a failed download keeps the question', async ({
  context,
  extensionId,
  tinyModel,
}) => {
  const panel = await context.newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.locator('textarea[name=prompt]').fill('What can you do?');
  await panel.keyboard.press('Enter');
  // Here (software WebGPU adapter) the device's default is the llama.cpp build of Llama 3.2 1B.
  const offer = panel.getByTestId('download-offer');
  await expect(offer).toContainText('Llama-3.2-1B-Instruct-Q4_K_M');
  await expect(offer).toContainText('≈ 720 MB download');
  await expect(offer).toContainText('What can you do?');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  // Nothing was fetched or loaded: no download, no model, nothing on disk.
  const status = await hostRequest(panel, 'status');
  expect(status.loaded).toBeNull();
  expect(status.downloads).toEqual([]);
  expect((await hostRequest(panel, 'models.storage')).models).toEqual([]);
  await panel.screenshot({ path: test.info().outputPath('offer.png'), fullPage: true });

  // This machine has no internet: the download fails, says so, and the question stays offered.
  await offer.getByRole('button', { name: 'Download and answer' }).click();
  await expect(offer.getByRole('alert')).toContainText('The download did not finish', { timeout: 60_000 });
  await expect(offer.getByRole('button', { name: 'Try again' })).toBeEnabled();
  await expect(offer).toContainText('What can you do?');

  await offer.getByRole('button', { name: 'Choose another model' }).click();
  await expect(panel.getByRole('tab', { name: 'Models' })).toHaveAttribute('aria-selected', 'true');
  // A model on this machine (the tiny GGUF from the local server) answers.
  await chooseModel(panel, tinyModel);
  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.locator('textarea[name=prompt]').fill('What can you do?');
  await panel.keyboard.press('Enter');
  // The Send button shows before the request starts too: wait for the answer's text itself.
  await expect(panel.getByTestId('answer')).toHaveText(/\S/, { timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('download-offer')).toHaveCount(0);
  expect(await blockedIn(panel)).toEqual([]);
});

test('a fresh profile is welcomed with this device and one model per task, each one click away', async ({
  context,
  extensionId,
}, testInfo) => {
  const panel = await context.newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const welcome = panel.getByTestId('welcome');
  await expect(welcome.getByTestId('welcome-device')).toContainText('SwiftShader, a software renderer', {
    timeout: 30_000,
  });
  await expect(welcome.getByTestId('welcome-device')).toContainText('llama.cpp on the CPU is fastest');
  const picks = welcome.locator('.welcome-picks li');
  await expect(picks.first()).toContainText('Llama 3.2 1B Instruct · 720 MB · for chat and page questions');
  await expect(picks.filter({ hasText: 'questions about tables' })).toContainText('XiYanSQL');
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.screenshot({ path: testInfo.outputPath(`welcome-${scheme}.png`), fullPage: true });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  // This machine has no internet: the download fails and says so; the choice is remembered.
  await picks.first().getByRole('button', { name: 'Download' }).click();
  await expect(welcome.getByRole('alert')).toBeVisible({ timeout: 60_000 });
  expect(
    await panel.evaluate(async () => (await chrome.storage.local.get('activeModel')).activeModel),
  ).toMatchObject({
    id: 'Llama-3.2-1B-Instruct-Q4_K_M',
  });
  await welcome.getByRole('button', { name: 'Not now' }).click();
  await expect(welcome).toHaveCount(0);
  expect(await blockedIn(panel)).toEqual([]);
});
