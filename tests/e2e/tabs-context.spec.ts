/**
 * Other open tabs as the chat's context: "Add tab" lists the window's other web pages, an added
 * tab gets a chip with its letter, its passages go to the model fenced on their own and are cited
 * by that letter ([B3]); a click on such a citation brings that tab to the front and highlights
 * the passage there. A tab closed while it is context leaves the chips, and the next question
 * says so; one on a site not allowed yet asks for it on its chip. The synthetic engine's "cite-B3" model (a named test double) cites passage 3 of tab B.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { reportPdf } from '../fixtures/pdf/make-pdfs';
import { contentScriptWorld } from './content-world';
import { siteAccess } from './site-access';
import { chooseModel, expect, test } from './fixtures';

const CANAL = `<!doctype html><html lang="en"><head><title>Canal history</title></head><body><article>
<h1>Canal history</h1><p>Lock 3 was rebuilt in 1803 by the company's masons.</p>
<p>The canal is forty kilometres long and has twelve locks.</p></article></body></html>`;
// Blocks in page order: the heading is passage 1, the paragraphs 2, 3 and 4.
const RIVER_FACT = 'The river Kestrel floods every spring when the snow melts in the hills.';
const RIVERS = `<!doctype html><html lang="en"><head><title>River notes</title>
<style>p { margin: 900px 0; }</style></head><body><article><h1>River notes</h1>
<p>The river rises in the western moors.</p><p>${RIVER_FACT}</p><p>Its delta is wide and shallow.</p>
</article></body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({ '/canal.html': { body: CANAL }, '/rivers.html': { body: RIVERS } });
});
test.afterAll(async () => server.close());

const HIGHLIGHTED = `[...(CSS.highlights.get('local-ai-citation') ?? [])].map((r) => r.toString()).join('')`;
const activeTab = (sw: Worker) =>
  sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);

/** The canal page with the panel pinned to it, and the rivers page open in another tab. */
async function twoTabs(context: BrowserContext, sw: Worker, extensionId: string) {
  const rivers = await context.newPage();
  await rivers.goto(`${server.origin}/rivers.html`);
  await rivers.bringToFront();
  const riversId = await activeTab(sw);
  const canal = await context.newPage();
  await canal.goto(`${server.origin}/canal.html`);
  await canal.bringToFront();
  const canalId = await activeTab(sw);
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 360, height: 800 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${canalId}`);
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Canal history');
  return { rivers, riversId, canal, panel };
}

async function addTab(panel: Page, title: string) {
  await panel.getByRole('button', { name: 'Add tab' }).click();
  const choices = panel.getByRole('dialog', { name: /Other pages open/ });
  // Only the other web pages: not the panel's own page, not the panel itself.
  await expect(choices.getByRole('button')).toHaveText([new RegExp(`^${title}`), 'Cancel']);
  await choices.getByRole('button', { name: new RegExp(`^${title}`) }).click();
}

test('a second tab as context is cited by its letter; the citation brings it to the front, highlighted', async ({
  context,
  sw,
  extensionId,
}, testInfo) => {
  const { rivers, riversId, panel } = await twoTabs(context, sw, extensionId);
  await chooseModel(panel, { engine: 'synthetic', id: 'cite-B3' });
  await addTab(panel, 'River notes');
  const chip = panel.getByTestId('tab-chip');
  await expect(chip).toContainText('B');
  await expect(chip).toContainText(`River notes ${new URL(server.origin).host}`);
  await expect(chip).not.toContainText('Reading');
  await panel.screenshot({ path: testInfo.outputPath('tab-chips-360.png') });
  expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await panel.locator('textarea[name=prompt]').fill('When does the river flood?');
  await panel.keyboard.press('Enter');
  const answer = panel.getByTestId('answer');
  await expect(answer.locator('button.cite')).toHaveText(['[B3]']);
  await expect(answer).not.toContainText('9999999');

  const run = await contentScriptWorld(rivers, extensionId);
  expect(await rivers.evaluate(() => scrollY)).toBe(0);
  await panel.bringToFront();
  expect(await activeTab(sw)).not.toBe(riversId);
  await answer.getByRole('button', { name: '[B3]' }).click();
  await expect.poll(() => activeTab(sw)).toBe(riversId);
  await expect.poll(() => run<string>(HIGHLIGHTED)).toBe(RIVER_FACT);
  expect(await rivers.evaluate(() => scrollY)).toBeGreaterThan(1000);
  await expect(panel.locator('.citation-note')).toHaveCount(0);
});

test('a context tab that closes leaves the chips, and the next question says so instead of failing', async ({
  context,
  sw,
  extensionId,
}) => {
  const { rivers, panel } = await twoTabs(context, sw, extensionId);
  await chooseModel(panel, { engine: 'synthetic', id: 'echo-prompt' });
  await addTab(panel, 'River notes');
  await expect(panel.getByTestId('tab-chip')).toHaveCount(1);
  await rivers.close();
  await expect(panel.getByTestId('tab-chip')).toHaveCount(0);

  await panel.locator('textarea[name=prompt]').fill('What is on the pages?');
  await panel.keyboard.press('Enter');
  const answer = panel.getByTestId('answer');
  // The answer comes, from the page alone, and the panel says why the tab is not in it.
  await expect(answer).toContainText('What is on the pages?');
  await expect(answer).toContainText('Lock 3 was rebuilt');
  await expect(answer).not.toContainText(RIVER_FACT);
  await expect(panel.locator('.context-note')).toHaveText(
    'Closed, so no longer in the context: River notes.',
  );
  await expect(panel.locator('.error')).toHaveCount(0);
});

test('a tab on a site not allowed yet asks for it on its chip, as the page chip does, then is read', async ({
  context,
  sw,
  extensionId,
}) => {
  const far = await startStaticServer(
    { '/far.pdf': { body: await reportPdf(), type: 'application/pdf' } },
    '127.0.0.2',
  );
  try {
    const pdf = await context.newPage();
    // The PDF viewer's navigation may report an aborted load to Playwright; the tab shows the PDF.
    await pdf.goto(`${far.origin}/far.pdf`).catch(() => {});
    const { panel } = await twoTabs(context, sw, extensionId);
    const host = new URL(far.origin).host;
    await panel.getByRole('button', { name: 'Add tab' }).click();
    const choice = panel.getByRole('dialog').getByRole('button', { name: new RegExp(host) });
    await expect(choice).toBeVisible();
    await panel.screenshot({ path: test.info().outputPath('tab-choices-360.png') });
    await choice.click();
    const chip = panel.getByTestId('tab-chip');
    await expect(chip).toContainText(`To read PDFs from ${host}`, { timeout: 30_000 });
    await panel.screenshot({ path: test.info().outputPath('tab-allow-360.png') });
    const fetched = far.requests().length;

    // The user allows the site (Chrome's prompt, answered in the browser's site access here).
    await (await siteAccess(context, extensionId)).allow(far.origin);
    await chip.getByRole('button', { name: `Allow ${host}` }).click();
    await expect(chip).toContainText('Water report', { timeout: 30_000 });
    await expect(chip).not.toContainText('To read PDFs');
    expect(far.requests().length).toBeGreaterThan(fetched);
  } finally {
    await far.close();
  }
});
