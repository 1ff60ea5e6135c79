/**
 * Citations: an answer about the page cites passages by number; a click scrolls the page to the
 * passage and highlights it (CSS Custom Highlight API), the next click moves or removes it, and a
 * passage that changed after the page was read is found by its text or reported gone, never
 * highlighted wrongly. The synthetic engine's "cite-30-31" model (a named test double) answers
 * citing passages 30 and 31, and 9999999, which no page has.
 */
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { contentScriptWorld } from './content-world';
import { chooseModel, expect, test } from './fixtures';

const paragraph = (i: number) =>
  `Section ${i} of the canal history: lock number ${i} was rebuilt in ${1800 + i} by the company's masons.`;
// Blocks in page order: the heading is passage 1, paragraph i is passage i + 2.
const ARTICLE = `<!doctype html><html lang="en"><head><title>Canal history</title>
<style>p { margin: 120px 0; }</style></head><body><article><h1>Canal history</h1>
${Array.from({ length: 40 }, (_, i) => `<p>${paragraph(i)}</p>`).join('\n')}</article></body></html>`;

// A report whose figure sits in a frame of the same site: blocks 1-2 here, 3 in the frame, 4 after.
const FRAMED = `<!doctype html><html lang="en"><head><title>Gauges</title></head><body>
<h1>River gauges</h1><p>The gauges are read every day.</p>
<iframe src="/frame.html" style="width:400px;height:80px"></iframe><p>Readings are published weekly.</p>
</body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({
    '/canal.html': { body: ARTICLE },
    '/framed.html': { body: FRAMED },
    '/frame.html': { body: '<!doctype html><p>The framed gauge reads 3.2 metres at noon.</p>' },
  });
});
test.afterAll(async () => server.close());

const HIGHLIGHTED = `[...(CSS.highlights.get('local-ai-citation') ?? [])].map((r) => r.toString()).join('')`;

test('a cited passage is scrolled to and highlighted; the next click moves it; a changed page is never highlighted wrongly', async ({
  context,
  sw,
  extensionId,
}, testInfo) => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/canal.html`);
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await chooseModel(panel, { engine: 'synthetic', id: 'cite-30-31' });
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Canal history');
  await panel.locator('textarea[name=prompt]').fill('When was lock 28 rebuilt?');
  await panel.keyboard.press('Enter');
  const answer = panel.getByTestId('answer');
  const cite = (id: number) => answer.getByRole('button', { name: `[${id}]` });
  await expect(answer.locator('button.cite')).toHaveText(['[30]', '[31]']);
  // A citation of a passage the prompt did not carry is dropped.
  await expect(answer).not.toContainText('9999999');

  const run = await contentScriptWorld(page, extensionId);
  expect(await page.evaluate(() => scrollY)).toBe(0);
  await cite(30).click();
  await expect.poll(() => run<string>(HIGHLIGHTED)).toBe(paragraph(28));
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(2000);
  await page.screenshot({ path: testInfo.outputPath('citation-highlight.png') });
  // The highlight's style is the content script's own, in the page.
  expect(await page.evaluate(() => !!document.getElementById('local-ai-citation-style'))).toBe(true);

  // The next citation clicked replaces the highlight.
  await cite(31).click();
  await expect.poll(() => run<string>(HIGHLIGHTED)).toBe(paragraph(29));

  // The page changes passage 31's text: nothing is highlighted, and the panel says why.
  await page.evaluate(() => (document.querySelectorAll('p')[29]!.textContent = 'Advertisement.'));
  await cite(31).click();
  await expect(panel.locator('.citation-note')).toContainText('no longer on the page');
  expect(await run<string>(HIGHLIGHTED)).toBe('');

  // The page inserts a block above passage 30: its id now names other text; it is found by its text.
  await page.evaluate(() =>
    document.querySelector('h1')!.insertAdjacentHTML('afterend', '<p>Breaking news.</p>'),
  );
  await cite(30).click();
  await expect.poll(() => run<string>(HIGHLIGHTED)).toBe(paragraph(28));
  await expect(panel.locator('.citation-note')).toHaveCount(0);

  // The user's next click on the page removes the highlight.
  await page.bringToFront();
  await page.mouse.click(5, 5);
  await expect.poll(() => run<string>(HIGHLIGHTED)).toBe('');
});

test('a passage inside a frame of the same site is cited and highlighted in the frame', async ({
  context,
  sw,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/framed.html`);
  await page.frameLocator('iframe').locator('p').waitFor();
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await chooseModel(panel, { engine: 'synthetic', id: 'cite-3' });
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Gauges');
  await panel.locator('textarea[name=prompt]').fill('What does the gauge read?');
  await panel.keyboard.press('Enter');
  await panel.getByTestId('answer').getByRole('button', { name: '[3]' }).click();
  const frame = page.frames().find((f) => f.url().endsWith('/frame.html'))!;
  await expect
    .poll(() =>
      frame.evaluate(() =>
        [...(CSS.highlights.get('local-ai-citation') ?? [])].map((r) => (r as Range).toString()).join(''),
      ),
    )
    .toBe('The framed gauge reads 3.2 metres at noon.');
  await expect(panel.locator('.citation-note')).toHaveCount(0);
});
