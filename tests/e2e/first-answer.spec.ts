/**
 * The first minute on a fresh profile, through the product's own catalog URLs: the welcome
 * recommends Llama 3.2 1B (llama.cpp, on this software-GPU machine), one click downloads it through
 * the verified, resumable downloader with progress, and the first question is answered by it. The
 * download comes from a local stand-in for Hugging Face (tests/fixtures/hub-server.ts, reached as
 * https://huggingface.co), which serves the tiny generated model under the catalog's file name.
 */
import { readFileSync, rmSync } from 'node:fs';
import { TINY_MODEL_FILE, writeTinyModel } from '../fixtures/tiny-model/make-tiny-gguf';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { expect, hostRequest, launchWithExtension, serviceWorkerOf, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

let hub: HubServer;
test.beforeEach(async () => {
  writeTinyModel(TINY_MODEL_FILE);
  // Slow enough that the progress is seen, fast enough for the test.
  hub = await startHubServer(readFileSync(TINY_MODEL_FILE), 1_000_000);
});
test.afterEach(async () => hub.close());

test('welcome → one-click download from the catalog → the first answer, on a fresh profile', async () => {
  const { context, userDataDir } = await launchWithExtension({ extraArgs: hub.browserArgs });
  try {
    const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
    const panel = await context.newPage();
    await watchPolicy(panel);
    await panel.setViewportSize({ width: 360, height: 900 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const welcome = panel.getByTestId('welcome');
    const pick = welcome.locator('.welcome-picks li').first();
    await expect(pick).toContainText('Llama 3.2 1B Instruct', { timeout: 30_000 });
    await pick.getByRole('button', { name: 'Download' }).click();
    await expect(pick.getByRole('progressbar')).toBeVisible();
    await panel.screenshot({ path: test.info().outputPath('welcome-downloading.png'), fullPage: true });
    // Downloaded and verified: the welcome steps aside once a model is on this device.
    await expect(welcome).toHaveCount(0, { timeout: 60_000 });
    const stored = (await hostRequest(panel, 'models.storage')).models.map((m) => m.model.id);
    expect(stored).toEqual(['Llama-3.2-1B-Instruct-Q4_K_M']);
    expect(hub.requests().some((r) => r.endsWith('/Llama-3.2-1B-Instruct-Q4_K_M.gguf'))).toBe(true);

    await panel.locator('textarea[name=prompt]').fill('What can you do?');
    await panel.keyboard.press('Enter');
    // The Send button shows before the request starts too: wait for the answer's text itself.
    await expect(panel.getByTestId('answer')).toHaveText(/\S/, { timeout: 60_000 });
    await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByTestId('download-offer')).toHaveCount(0);
    const status = await hostRequest(panel, 'status');
    expect(status.loaded?.id).toBe('Llama-3.2-1B-Instruct-Q4_K_M');
    await panel.screenshot({ path: test.info().outputPath('first-answer.png'), fullPage: true });
    expect(await blockedIn(panel)).toEqual([]);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
