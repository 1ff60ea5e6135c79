/**
 * "Pick a part of the page": the panel starts the picker in the page, the user clicks a part (a
 * real, trusted click), and only that part's text reaches the model (the synthetic engine's
 * "echo-prompt" model, a named test double, answers with every user message it was sent); its chip
 * says which part, and removing it brings the whole page back. Escape cancels the picker.
 */
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { chooseModel, expect, openPanelOn, test } from './fixtures';

const ALPHA = 'Alpha section: the harbour master logs every ship that enters the port.';
const BETA = 'Beta section: the lighthouse keeper trims the lamp wick each evening at dusk.';
const PAGE = `<!doctype html><html lang="en"><head><title>Harbour</title></head><body><article>
<h1>Harbour</h1><section id="alpha"><p>${ALPHA}</p></section>
<section id="beta"><p>${BETA}</p></section></article></body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({ '/harbour.html': { body: PAGE } });
});
test.afterAll(async () => server.close());

test('a picked part is the only page text the model gets, until its chip is removed; Escape cancels', async ({
  context,
  sw,
  extensionId,
}, testInfo) => {
  const { page, panel } = await openPanelOn(context, sw, extensionId, `${server.origin}/harbour.html`);
  await chooseModel(panel, { engine: 'synthetic', id: 'echo-prompt' });
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Harbour');
  const ask = async (question: string) => {
    await panel.locator('textarea[name=prompt]').fill(question);
    await panel.keyboard.press('Enter');
    const answer = panel.getByTestId('answer');
    await expect(answer).toContainText(question);
    return answer;
  };
  const pick = panel.getByRole('button', { name: 'Pick a part of the page' });
  // The picker's outline host (a closed shadow root on top of everything) is in the page: it listens.
  const pickerShown = () =>
    page.waitForFunction(() =>
      [...document.documentElement.children].some((e) => e.getAttribute('style')?.includes('2147483647')),
    );

  // Escape cancels: the whole page stays the context.
  await pick.click();
  await expect(panel.getByRole('status').filter({ hasText: 'Esc cancels' })).toBeVisible();
  await page.bringToFront();
  await pickerShown();
  await page.keyboard.press('Escape');
  await expect(pick).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Harbour');
  await expect(panel.getByTestId('region-chip')).toHaveCount(0);

  // The user points at the beta paragraph and clicks it.
  await pick.click();
  await page.bringToFront();
  await pickerShown();
  const box = (await page.locator('#beta p').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.click(box.x + 10, box.y + box.height / 2);
  const chip = panel.getByTestId('region-chip');
  await expect(chip).toHaveText(
    `Part of ${new URL(server.origin).host}: Beta section: the lighthouse keeper trims the lamp…`,
  );
  await expect(panel.getByTestId('page-chip')).toHaveCount(0);
  await panel.screenshot({ path: testInfo.outputPath('region-chip-360.png') });
  expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  let answer = await ask('Who trims the wick?');
  await expect(answer).toContainText(BETA);
  await expect(answer).not.toContainText(ALPHA);

  // Removing the chip brings the whole page back.
  await chip.getByRole('button', { name: 'Back to the whole page' }).click();
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Harbour');
  answer = await ask('Who logs the ships?');
  await expect(answer).toContainText(ALPHA);
  await expect(answer).toContainText(BETA);
});
