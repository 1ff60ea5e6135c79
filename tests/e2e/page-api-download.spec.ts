/**
 * A site asks for Local AI while the user's model is not on this device: nothing downloads until
 * the user says so in the side panel; then the site's `monitor` hears `downloadprogress` from our
 * own downloader (a synthetic MLC repository on the local model server, throttled). WebLLM cannot
 * run that synthetic model here (no GPU, a fake model library), so create() ends with the
 * documented OperationError once the download is done; the download itself is the point.
 */
import type { Page } from '@playwright/test';
import { startModelServer, type ModelServer } from '../fixtures/model-server';
import { fileRoute, startStaticServer, type StaticServer } from '../fixtures/static-server';
import { expect, hostRequest, test } from './fixtures';

const DEMO = fileRoute('tests/fixtures/page-api/demo.html');

let site: StaticServer;
let models: ModelServer;
test.beforeEach(async () => {
  site = await startStaticServer({ '/demo.html': DEMO });
  models = await startModelServer({ shards: 4, shardBytes: 1_000_000, bandwidth: 2_000_000 });
});
test.afterEach(async () => {
  await site.close();
  await models.close();
});

/** The user's chat model is one not on this device yet, and `origin` is always allowed. */
async function chooseUndownloaded(panel: Page, origin: string) {
  const model = {
    engine: 'webllm' as const,
    id: 'Synthetic-q4f32_1-MLC',
    url: models.repo,
    modelLib: models.modelLib,
  };
  await panel.evaluate(
    async ({ model, origin }) =>
      chrome.storage.local.set({
        activeModel: model,
        pageApiSites: { [origin]: { decision: 'always', providers: false, decidedAt: 1 } },
      }),
    { model, origin },
  );
  return model;
}

const CREATE = `
  window.events = [];
  window.created = localAI.LanguageModel.create({
    monitor: (m) => m.addEventListener('downloadprogress', (e) => events.push(e.loaded)),
  }).then(() => 'session', (e) => e.name + ': ' + e.message);
  undefined;`;

test('a site waits for the user to download its model, then hears the download through its monitor', async ({
  panel,
}) => {
  const model = await chooseUndownloaded(panel, site.origin);
  const page = await panel.context().newPage();
  await page.goto(`${site.origin}/demo.html`);
  await page.waitForFunction(() => 'localAI' in window);
  await expect(page.locator('#availability')).toContainText('Model: downloadable');

  await page.evaluate(CREATE);
  const request = panel.getByTestId('site-download-request');
  await expect(request).toContainText(site.origin);
  await expect(request).toContainText(model.id);
  // Nothing is fetched until the user answers.
  expect(models.bytesServed()).toBe(0);
  await panel.screenshot({ path: test.info().outputPath('site-download-request.png') });

  await request.getByRole('button', { name: 'Download' }).click();
  await expect(request).toHaveCount(0);
  const result = await page.evaluate(() => (window as unknown as { created: Promise<string> }).created);
  // Downloaded through our downloader, verified and on disk for every site.
  expect(await hostRequest(panel, 'cached', model)).toEqual({ cached: true });
  expect(models.bytesServed()).toBeGreaterThanOrEqual(models.modelBytes);
  const events = await page.evaluate(() => (window as unknown as { events: number[] }).events);
  expect(events.filter((e) => e > 0 && e < 0.9).length).toBeGreaterThan(2);
  expect(events).toEqual([...events].sort((x, y) => x - y));
  // The synthetic weights cannot run in WebLLM here: the documented error, saying why.
  expect(result).toMatch(/^OperationError: /);
});

test('"Not now" refuses the site with NotAllowedError and downloads nothing', async ({ panel }) => {
  await chooseUndownloaded(panel, site.origin);
  const page = await panel.context().newPage();
  await page.goto(`${site.origin}/demo.html`);
  await page.waitForFunction(() => 'localAI' in window);
  await page.evaluate(CREATE);
  const request = panel.getByTestId('site-download-request');
  await request.getByRole('button', { name: 'Not now' }).click();
  await expect(request).toHaveCount(0);
  const result = await page.evaluate(() => (window as unknown as { created: Promise<string> }).created);
  expect(result).toMatch(/^NotAllowedError: .*chose not to download/);
  expect(models.bytesServed()).toBe(0);
  expect((await hostRequest(panel, 'status')).downloads).toEqual([]);
});
