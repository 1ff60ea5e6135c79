/**
 * Tables: extracting a 10k×10 table from a page as the Tables view does (the panel asks the
 * page's content script, which extracts and sends the rows back), DuckDB cold start, and a warm
 * 100k-row load + GROUP BY in the host.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { summarize, type Measure } from '../stats';
import { timedHostCall } from '../ext-client';
import { stopHostAndWorker } from './startup';

/** Registers a generated 100k×10 table and groups it: time inside the host (DuckDB) and as the panel sees it. */
function loadAndGroup(page: Page, scope: string): Promise<{ host: number; panel: number }> {
  return page.evaluate(async (scope) => {
    const rows = Array.from({ length: 100_000 }, (_, r) => [
      `region ${r % 50}`,
      r,
      r * 1.5,
      (r * 7) % 1000,
      `name ${r}`,
      r % 7,
      (r % 100) / 10,
      `2024-01-${String((r % 28) + 1).padStart(2, '0')}`,
      r % 2,
      `x${r % 13}`,
    ]);
    const types = [
      'text',
      'integer',
      'decimal',
      'integer',
      'text',
      'integer',
      'decimal',
      'date',
      'integer',
      'text',
    ];
    const table = {
      index: 0,
      name: 'Big',
      sqlName: 'big',
      source: 'html',
      columns: types.map((type, c) => ({ name: `c${c}`, sqlName: `c${c}`, type })),
      rows,
    };
    const t0 = performance.now();
    let host = 0;
    // No named inner functions here: the bench runs under tsx, whose helpers do not exist in the page.
    for (const [method, params] of [
      ['sql.register', { scope, tables: [table] }],
      [
        'sql.run',
        { scope, sql: 'SELECT c0, SUM(c2) AS total, AVG(c6) FROM big GROUP BY c0 ORDER BY total DESC' },
      ],
    ] as const) {
      host += await new Promise<number>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'local-ai/engine' });
        port.onMessage.addListener(
          (m: { id?: string; type: string; data?: { elapsedMs: number }; error?: { message: string } }) => {
            if (m.id !== 'g') return;
            port.disconnect();
            if (m.type === 'result') resolve(m.data!.elapsedMs);
            else reject(new Error(m.error?.message));
          },
        );
        port.postMessage({ type: 'request', id: 'g', method, params });
      });
    }
    return { host, panel: performance.now() - t0 };
  }, scope);
}

export async function measureTables(
  context: BrowserContext,
  panel: Page,
  plain: Page,
  reps: number,
): Promise<Measure[]> {
  await plain.bringToFront();
  await plain.evaluate(() => window.buildTable(10_000, 10));
  const pageUrl = plain.url();
  const extract: number[] = [];
  for (let i = 0; i < reps + 1; i++) {
    const r = await panel.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      const t0 = performance.now();
      // The message TableSession sends through the page bridge (lib/page/page-bridge.ts).
      const reply = await chrome.tabs.sendMessage<
        object,
        { ok: boolean; data?: { tables: { rows: unknown[] }[] } }
      >(tab!.id!, { method: 'extract-tables', params: {} }, { frameId: 0 });
      return { ms: performance.now() - t0, rows: reply.data?.tables[0]?.rows.length ?? 0 };
    }, pageUrl);
    if (r.rows !== 10_000) throw new Error(`extracted ${r.rows} rows, expected 10,000`);
    if (i > 0) extract.push(r.ms); // the first run warms the JIT
  }
  console.error('bench:   duckdb cold…');
  await panel.bringToFront();
  const cold: number[] = [];
  for (let i = 0; i < Math.min(reps, 3); i++) {
    await stopHostAndWorker(context, panel);
    await panel.evaluate(() => chrome.runtime.sendMessage({ method: 'ensure-host', params: {} }));
    await timedHostCall(panel, 'status', {}); // the host is up; only DuckDB is cold
    cold.push(await timedHostCall(panel, 'sql.run', { scope: `cold${i}`, sql: 'SELECT 42' }));
  }
  console.error('bench:   100k rows…');
  const warm: { host: number; panel: number }[] = [];
  if (reps > 1) await loadAndGroup(panel, 'warmup'); // the smoke run skips warming up
  for (let i = 0; i < reps; i++) warm.push(await loadAndGroup(panel, `big${i % 2}`));
  return [
    summarize(
      'extract_10k_ms',
      'panel asks the page for its tables → 10,000 × 10 rows received (content script extraction + messaging)',
      extract,
      'ms',
      '≤ 150',
    ),
    summarize(
      'duckdb_cold_ms',
      'DuckDB-WASM cold start in the host: instantiate, open, first query',
      cold,
      'ms',
      '',
    ),
    summarize(
      'duckdb_groupby_100k_ms',
      'DuckDB in the host: load 100k × 10 typed rows + GROUP BY, warm',
      warm.map((w) => w.host),
      'ms',
      '≤ 400',
    ),
    summarize(
      'tables_100k_via_panel_ms',
      'the same as the panel sees it: plus sending 100k rows from the panel to the host',
      warm.map((w) => w.panel),
      'ms',
      '',
    ),
  ];
}
