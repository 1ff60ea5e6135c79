/**
 * PDFs as the chat's page: read with pdf.js inside the extension (Chrome's viewer runs no content
 * script), from a tab showing the PDF or a right-clicked PDF link, served from 127.0.0.1. The
 * synthetic "echo" model streams the prompt's last user message back, so a summary shows exactly
 * what the panel sent of the page: page 2's fact, marked as page 2.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { PAGE_TWO_FACT, passwordPdf, reportPdf, scannedPdf } from '../fixtures/pdf/make-pdfs';
import { chooseModel, expect, openPanelOn, runAction, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';
import { siteAccess } from './site-access';

let server: StaticServer;
test.beforeAll(async () => {
  const pdf = (body: Uint8Array) => ({ body, type: 'application/pdf' });
  server = await startStaticServer({
    '/report.pdf': pdf(await reportPdf()),
    '/scanned.pdf': pdf(await scannedPdf()),
    '/locked.pdf': pdf(await passwordPdf()),
    '/links.html': { body: '<!doctype html><title>Links</title><p><a href="/report.pdf">The report</a></p>' },
  });
});
test.afterAll(async () => server.close());

const panelFor = (context: BrowserContext, sw: Worker, extensionId: string, path: string) =>
  openPanelOn(context, sw, extensionId, server.origin + path);

async function askEcho(panel: Page, question: string): Promise<string> {
  await chooseModel(panel, { engine: 'synthetic', id: 'echo' });
  await panel.locator('textarea[name=prompt]').fill(question);
  await panel.keyboard.press('Enter');
  const answer = panel.locator('.message.assistant').last();
  await expect(answer).toContainText(question, { timeout: 30_000 });
  return (await answer.textContent()) ?? '';
}

test('a PDF open in a tab becomes the chat page, page by page', async ({ context, sw, extensionId }) => {
  const { panel, tabId } = await panelFor(context, sw, extensionId, '/report.pdf');
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Water report', { timeout: 30_000 });
  // The element picker cannot run in Chrome's PDF viewer, so it is not offered there.
  await expect(panel.getByRole('button', { name: 'Pick a part of the page' })).toHaveCount(0);
  await chooseModel(panel, { engine: 'synthetic', id: 'echo' });
  // "Summarise this page" puts the page itself in the last user message, which the echo model returns.
  await runAction(sw, 'summarise-page', { tabId });
  const answer = panel.locator('.message.assistant').last();
  await expect(answer).toContainText(PAGE_TWO_FACT, { timeout: 30_000 });
  // Read it once the echo has streamed to its end, not half way (page 3 comes later).
  await expect(panel.getByRole('button', { name: 'Regenerate' })).toBeVisible({ timeout: 30_000 });
  const sent = (await answer.textContent()) ?? '';
  // Page 2's fact is sent under page 2's marker, so an answer can say where it is.
  expect(sent.indexOf('[Page 2]')).toBeGreaterThan(sent.indexOf('[Page 1]'));
  expect(sent.indexOf(PAGE_TWO_FACT)).toBeGreaterThan(sent.indexOf('[Page 2]'));
  expect(sent.indexOf(PAGE_TWO_FACT)).toBeLessThan(sent.indexOf('[Page 3]'));
  // pdf.js and its Worker needed nothing the extension's policy forbids (no eval, no remote worker).
  expect(await blockedIn(panel)).toEqual([]);
});

test('an answer cites page 2 of the PDF, and the citation opens the PDF there', async ({
  context,
  sw,
  extensionId,
}) => {
  const { panel, tabId } = await panelFor(context, sw, extensionId, '/report.pdf');
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Water report', { timeout: 30_000 });
  // The named test double answers citing passage 2: page 2's paragraph (each page here is one).
  await chooseModel(panel, { engine: 'synthetic', id: 'cite-2' });
  await panel.locator('textarea[name=prompt]').fill('How much water does the Kestrel reservoir hold?');
  await panel.keyboard.press('Enter');
  const cite = panel.getByTestId('answer').getByRole('button', { name: '[2]' });
  await expect(cite).toBeVisible({ timeout: 30_000 });
  await cite.click();
  const tabUrl = () => sw.evaluate(async (id) => (await chrome.tabs.get(id)).url, tabId);
  await expect.poll(tabUrl).toBe(`${server.origin}/report.pdf#page=2`);
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('"Ask about this PDF" on a PDF link reads the linked PDF; its citation opens the PDF beside the page', async ({
  context,
  sw,
  extensionId,
}) => {
  const { panel, tabId } = await panelFor(context, sw, extensionId, '/links.html');
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Links', { timeout: 30_000 });
  // Headless runs have no user gesture to open the real side panel; the request it leaves is what the panel takes.
  await runAction(sw, 'ask-about-pdf', { tabId, linkUrl: `${server.origin}/report.pdf` });
  await expect(panel.getByTestId('page-chip')).toContainText('This page: Water report', { timeout: 30_000 });
  // The title is the PDF's own (its metadata), so the panel read the PDF, not the page with the link.
  expect(await askEcho(panel, 'What does page 2 say?')).toContain('What does page 2 say?');

  await chooseModel(panel, { engine: 'synthetic', id: 'cite-2' });
  await panel.locator('textarea[name=prompt]').fill('Where is the reservoir figure?');
  await panel.keyboard.press('Enter');
  await panel.getByTestId('answer').getByRole('button', { name: '[2]' }).click();
  const urls = () => sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url));
  await expect.poll(urls).toContain(`${server.origin}/report.pdf#page=2`);
  // The page with the link stays where it was.
  expect(await sw.evaluate(async (id) => (await chrome.tabs.get(id)).url, tabId)).toBe(
    `${server.origin}/links.html`,
  );
});

test('a scanned PDF and a password-protected one say so plainly, and chat still works', async ({
  context,
  sw,
  extensionId,
}) => {
  const scanned = await panelFor(context, sw, extensionId, '/scanned.pdf');
  await expect(scanned.panel.getByTestId('page-chip')).toContainText('no text layer', { timeout: 30_000 });
  const locked = await panelFor(context, sw, extensionId, '/locked.pdf');
  await expect(locked.panel.getByTestId('page-chip')).toContainText('protected by a password', {
    timeout: 30_000,
  });
  expect(await askEcho(locked.panel, 'Hello?')).toContain('Hello?');
});

test('a PDF on another site is read once the user allows that site, and not fetched before', async ({
  context,
  sw,
  extensionId,
}) => {
  // 127.0.0.2 stands in for another site: outside the manifest's host permissions (this machine).
  const far = await startStaticServer(
    { '/far.pdf': { body: await reportPdf(), type: 'application/pdf' } },
    '127.0.0.2',
  );
  try {
    const page = await context.newPage();
    await page.goto(`${far.origin}/far.pdf`).catch(() => {});
    await page.bringToFront();
    const tabId = await sw.evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
    );
    const fetchedByTab = far.requests().length;
    const panel = await context.newPage();
    await watchPolicy(panel);
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    const chip = panel.getByTestId('page-chip');
    await expect(chip).toContainText(`To read PDFs from ${new URL(far.origin).host}`, { timeout: 30_000 });
    // Nothing is requested from a site the user has not allowed.
    expect(far.requests().length).toBe(fetchedByTab);
    await panel.screenshot({ path: test.info().outputPath('pdf-allow-site.png'), fullPage: true });

    // The user allows the site (Chrome's prompt, answered in the browser's site access here).
    await (await siteAccess(context, extensionId)).allow(far.origin);
    await chip.getByRole('button', { name: `Allow ${new URL(far.origin).host}` }).click();
    await expect(chip).toContainText('This page: Water report', { timeout: 30_000 });
    expect(far.requests().length).toBeGreaterThan(fetchedByTab);
    expect(await askEcho(panel, 'What is on page 2?')).toContain('What is on page 2?');
    expect(await blockedIn(panel)).toEqual([]);
  } finally {
    await far.close();
  }
});
