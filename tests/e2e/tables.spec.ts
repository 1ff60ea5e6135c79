/**
 * Ask the tables: real extraction in Chromium, real DuckDB-WASM in the engine host, and the
 * tiny llama.cpp model writing SQL under the schema grammar.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { sqlMessages } from '../../lib/sql/schema-prompt';
import { schemaGrammar } from '../../lib/sql/sql-grammar';
import type { ExtractedTable } from '../../lib/protocol';
import { startStaticServer, type StaticServer } from '../fixtures/static-server';
import { DATES, JOINABLE, VIRTUAL_GRID, WIKI_STATES } from '../fixtures/tables/pages';
import { chooseModel, expect, hostRequest, runAction, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

const body = (html: string) => /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
const TABLES_PAGE = `<!doctype html><html lang="en"><head><title>Tables</title></head><body>${body(WIKI_STATES)}${body(JOINABLE)}<h2>Events</h2>${DATES}</body></html>`;

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer({
    '/tables.html': { body: TABLES_PAGE },
    '/virtual.html': { body: VIRTUAL_GRID },
  });
});
test.afterAll(async () => server.close());

async function openTab(
  context: BrowserContext,
  sw: Worker,
  path: string,
): Promise<{ page: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(server.origin + path);
  await page.bringToFront();
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
  return { page, tabId };
}

function extract(panel: Page, tabId: number): Promise<ExtractedTable[]> {
  return panel.evaluate(
    async (id) =>
      (
        await chrome.tabs.sendMessage<object, { data: { tables: ExtractedTable[] } }>(id, {
          method: 'extract-tables',
          params: {},
        })
      ).data.tables,
    tabId,
  );
}

test('100 of 100 queries the tiny model writes under the schema grammar are accepted by DuckDB', async ({
  context,
  sw,
  panel,
  tinyModel,
}) => {
  test.setTimeout(180_000);
  const { tabId } = await openTab(context, sw, '/tables.html');
  const tables = await extract(panel, tabId);
  expect(tables.map((t) => t.sqlName)).toEqual(['states_by_area', 'countries', 'capitals', 'events']);
  await hostRequest(panel, 'sql.register', { scope: 'grammar', tables });
  const grammar = schemaGrammar(tables, { cannotAnswer: false });
  const messages = sqlMessages(tables, 'Which states have more water than land, by share?');
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const { text } = await hostRequest(panel, 'chat', {
      model: tinyModel,
      messages,
      max_tokens: 400,
      temperature: 1,
      seed: i + 1,
      response_format: { type: 'grammar', grammar },
    });
    seen.add(text);
    await hostRequest(panel, 'sql.check', { scope: 'grammar', sql: text }).catch((e: Error) =>
      rejected.push(`${text} → ${e.message}`),
    );
  }
  expect(rejected).toEqual([]);
  // Random weights, so the queries differ: the grammar, not one lucky string, makes them valid.
  expect(seen.size).toBeGreaterThan(50);

  // Without the grammar, the same model writes nothing DuckDB accepts.
  let unconstrained = 0;
  for (let i = 0; i < 5; i++) {
    const { text } = await hostRequest(panel, 'chat', {
      model: tinyModel,
      messages,
      max_tokens: 60,
      temperature: 1,
      seed: i + 1,
    });
    await hostRequest(panel, 'sql.check', { scope: 'grammar', sql: text }).then(
      () => unconstrained++,
      () => {},
    );
  }
  expect(unconstrained).toBeLessThan(5);
});

test('ask in the side panel: the answer, grid, chart and editable SQL', async ({
  context,
  sw,
  extensionId,
  tinyModel,
}, testInfo) => {
  const { page, tabId } = await openTab(context, sw, '/tables.html');
  const panel = await context.newPage();
  await watchPolicy(panel);
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await chooseModel(panel, tinyModel);
  await panel.getByRole('tab', { name: 'Tables' }).click();
  await expect(panel.locator('.tables-head')).toContainText('4 tables on this page');
  await expect(panel.locator('.table-list li')).toHaveText([
    /States by area\s*3 × 5/,
    /Countries\s*3 × 3/,
    /Capitals\s*3 × 3/,
    /Events\s*3 × 4/,
  ]);

  await panel.locator('.table-list li').first().hover();
  await expect(page.locator('div[aria-hidden="true"][style*="border: 3px solid"]')).toHaveCount(1);

  await panel
    .locator('textarea[name=table-question]')
    .fill('Which states have more water than land, by share?');
  await panel.keyboard.press('Enter');
  const card = panel.locator('.sql-card').first();
  await expect(card.locator('.answer-line')).toBeVisible({ timeout: 60_000 });
  await expect(card.getByTestId('result-grid')).toBeVisible();
  await expect(card.locator('textarea[name=sql]')).toHaveValue(/^SELECT /);

  // Edit the SQL and run it again: a grouped result gets a bar chart.
  await card.locator('summary', { hasText: 'SQL' }).click();
  await card
    .locator('textarea[name=sql]')
    .fill('SELECT "state", "water_pct" FROM "states_by_area" ORDER BY 2 DESC');
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.getByTestId('result-grid').locator('[role=row][aria-rowindex]')).toHaveCount(3);
  await expect(card.getByTestId('result-grid')).toContainText('Michigan');
  await expect(card.getByTestId('result-chart')).toHaveAttribute('data-chart', 'bar');
  await expect(card.getByTestId('result-chart').locator('svg')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.screenshot({ path: testInfo.outputPath(`tables-${scheme}.png`), fullPage: true });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }

  // SQL that writes is refused with a message, and nothing changes.
  await card.locator('textarea[name=sql]').fill('DROP TABLE "states_by_area"');
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.getByRole('alert')).toContainText('Only SELECT');
  // The grid, the chart and DuckDB needed nothing the extension's policy blocks.
  expect(await blockedIn(panel)).toEqual([]);
});

test('a virtualised ARIA grid that re-renders late is collected whole by scrolling', async ({
  context,
  sw,
  panel,
}) => {
  const { page, tabId } = await openTab(context, sw, '/virtual.html');
  expect(await page.locator('#vp [role=row][aria-rowindex]').count()).toBeLessThan(20);
  const [orders, shipments] = await extract(panel, tabId);
  expect(orders!.name).toBe('Orders');
  expect(orders!.rows).toHaveLength(200);
  expect(orders!.rows[0]).toEqual(['#1', 1.5]);
  expect(orders!.rows[199]).toEqual(['#200', 300]);
  expect(orders!.unreadRows).toBeUndefined();
  // The second grid declares 30 rows and only ever shows 25: the five are counted, not lost silently.
  expect(shipments!.rows).toHaveLength(25);
  expect(shipments!.unreadRows).toBe(5);
});

test('the Tables view says how many rows of a grid could not be read', async ({
  context,
  sw,
  extensionId,
}) => {
  const { page, tabId } = await openTab(context, sw, '/virtual.html');
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.getByRole('tab', { name: 'Tables' }).click();
  // The real side panel sits beside a visible page; a hidden tab's grid would not re-render on scroll.
  await page.bringToFront();
  await expect(panel.locator('.table-list li')).toHaveText([/Orders\s*200 × 2$/, /Shipments\s*25 × 1/], {
    timeout: 30_000,
  });
  await expect(panel.locator('.table-list li').nth(1)).toContainText('5 rows could not be read');
});

test('"Ask this table…" on a right-clicked table opens the Tables view with that table', async ({
  context,
  sw,
  extensionId,
}) => {
  const { page, tabId } = await openTab(context, sw, '/tables.html');
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await page.bringToFront();
  await page.locator('table').nth(2).locator('td').first().click({ button: 'right' });
  await page.keyboard.press('Escape');
  // Headless runs have no user gesture to open the real side panel; the request it leaves is what the panel takes.
  await runAction(sw, 'ask-table', { tabId });
  await expect(panel.getByRole('tab', { name: 'Tables' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.table-list input:checked')).toHaveCount(1);
  await expect(panel.locator('.table-list li', { has: panel.locator('input:checked') })).toContainText(
    'Capitals',
  );
});
