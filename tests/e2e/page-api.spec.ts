/**
 * The page API end to end: the demo page (tests/fixtures/page-api/demo.html) on two origins served
 * from 127.0.0.1 (two ports) uses `localAI.LanguageModel` against the built extension and the tiny
 * llama.cpp model. Consent is given and revoked in extension UI only; every failure is the
 * documented DOMException; both origins share one model load; the page reaches nothing else.
 */
import type { Page } from '@playwright/test';
import { fileRoute, startStaticServer, type StaticServer } from '../fixtures/static-server';
import { expect, hostRequest, test } from './fixtures';
import { ASK, contentScriptWorld } from './content-world';

const DEMO = fileRoute('tests/fixtures/page-api/demo.html');

let a: StaticServer;
let b: StaticServer;
test.beforeEach(async () => {
  // Two origins on one host: they differ by port, and consent is per origin.
  a = await startStaticServer({ '/demo.html': DEMO, '/frame.html': { body: '<p>frame</p>' } });
  b = await startStaticServer({ '/demo.html': DEMO });
});
test.afterEach(async () => {
  await a.close();
  await b.close();
});

async function open(panel: Page, server: StaticServer): Promise<Page> {
  const page = await panel.context().newPage();
  await page.goto(`${server.origin}/demo.html`);
  await page.waitForFunction(() => 'localAI' in window);
  return page;
}

/** Runs `body` in the page's own world; a thrown DOMException comes back as `{ error: name }`. */
function inPage<T>(page: Page, body: string): Promise<T | { error: string; message: string }> {
  return page.evaluate<T | { error: string; message: string }>(
    `(async () => { try { ${body} } catch (e) { return { error: e.name, message: e.message }; } })()`,
  );
}

/** The user allows every origin "always" from an extension page (the panel), as Settings would. */
async function allow(panel: Page, ...origins: string[]): Promise<void> {
  await panel.evaluate(async (list) => {
    const sites = Object.fromEntries(
      list.map((o) => [o, { decision: 'always', providers: false, decidedAt: 1 }]),
    );
    await chrome.storage.local.set({ pageApiSites: sites });
  }, origins);
}

test('a site is asked in extension UI, then prompts and streams from the tiny model, aborts, and is stopped by revocation', async ({
  panel,
}) => {
  const page = await open(panel, a);
  await expect(page.locator('#availability')).toContainText(/Model: (downloadable|available)/);
  // No decision yet: NotAllowedError, and the side panel asks (never the page).
  await page.locator('#ask').click();
  await expect(page.locator('#error')).toContainText('NotAllowedError');
  const request = panel.getByTestId('site-request');
  await expect(request).toContainText(a.origin);
  await request.getByRole('button', { name: 'Always allow' }).click();
  await expect(request).toHaveCount(0);

  // The demo page's own code: create with a monitor, then a streamed answer.
  await page.locator('#ask').click();
  await expect(page.locator('#progress')).toContainText(/Used \d+ of 1536 tokens/, { timeout: 60_000 });
  await expect(page.locator('#answer')).not.toBeEmpty();
  await expect(page.locator('#error')).toBeEmpty();

  const turn = await inPage<{ text: string; streamed: string; chunks: number; usage: number }>(
    page,
    `const s = await localAI.LanguageModel.create({ temperature: 0.5, topK: 10 });
     const text = await s.prompt('Hello there');
     let streamed = '', chunks = 0;
     for await (const d of s.promptStreaming('And again')) { streamed += d; chunks++; }
     return { text, streamed, chunks, usage: s.inputUsage };`,
  );
  if ('error' in turn) throw new Error(turn.message);
  expect(turn.text.length).toBeGreaterThan(0);
  expect(turn.streamed.length).toBeGreaterThan(0);
  expect(turn.usage).toBeGreaterThan(0);

  // Abort mid-stream: AbortError, and the host keeps serving this page.
  const aborted = await inPage<string>(
    page,
    `const s = await localAI.LanguageModel.create();
     const c = new AbortController();
     const reader = s.promptStreaming('Tell me a long story', { signal: c.signal }).getReader();
     await reader.read();
     c.abort();
     try { while (!(await reader.read()).done); return 'finished'; } catch (e) { return e.name; }`,
  );
  expect(aborted).toBe('AbortError');
  await expect(
    inPage<number>(page, `return (await (await localAI.LanguageModel.create()).prompt('hi')).length`),
  ).resolves.toBeGreaterThan(0);

  // Revoked in Settings: the open session is refused on its next request.
  await inPage(page, `window.kept = await localAI.LanguageModel.create(); return true;`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  const site = panel.getByTestId('page-api-sites').locator(`li[data-origin="${a.origin}"]`);
  await expect(site).toContainText('Always allowed');
  await site.getByRole('button', { name: 'Remove' }).click();
  await expect(site).toHaveCount(0);
  await expect(inPage(page, `return await window.kept.prompt('still there?')`)).resolves.toMatchObject({
    error: 'NotAllowedError',
  });
});

test('two origins share one model load; constrained answers match their schema; bad input gets its documented error; the page reaches nothing else', async ({
  panel,
  extensionId,
}) => {
  await allow(panel, a.origin, b.origin);
  const pageA = await open(panel, a);
  const pageB = await open(panel, b);
  for (const page of [pageA, pageB])
    await expect(
      inPage<number>(page, `return (await (await localAI.LanguageModel.create()).prompt('hi')).length`),
    ).resolves.toBeGreaterThan(0);
  const status = await hostRequest(panel, 'status');
  expect(status).toMatchObject({ modelLoads: 1, engineInstances: 1 });

  // responseConstraint: the engine's grammar makes every answer match the schema.
  const answers = await inPage<string[]>(
    pageA,
    `const schema = { type: 'object', properties: { answer: { enum: ['yes', 'no'] }, sure: { type: 'boolean' } },
       required: ['answer', 'sure'], additionalProperties: false };
     const s = await localAI.LanguageModel.create();
     const out = [];
     for (let i = 0; i < 3; i++) out.push(await s.prompt('Is the sea salty?', { responseConstraint: schema }));
     return out;`,
  );
  if (!Array.isArray(answers)) throw new Error(answers.message);
  for (const text of answers) {
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['answer', 'sure']);
    expect(['yes', 'no']).toContain(value.answer);
    expect(typeof value.sure).toBe('boolean');
  }

  // Bad input: each gets its documented DOMException and the host keeps serving.
  const refusals = await inPage<Record<string, string>>(
    pageA,
    `const s = await localAI.LanguageModel.create();
     const name = (p) => p.then(() => 'resolved', (e) => e.name);
     return {
       huge: await name(s.prompt('x'.repeat(300000))),
       overQuota: await name(s.prompt('y'.repeat(30000))),
       schema: await name(s.prompt('x', { responseConstraint: { not: { type: 'string' } } })),
       image: await name(s.prompt([{ role: 'user', content: [{ type: 'image', value: 1 }] }])),
       destroyed: await name((s.destroy(), s.prompt('x'))),
     };`,
  );
  expect(refusals).toEqual({
    huge: 'QuotaExceededError',
    overQuota: 'QuotaExceededError',
    schema: 'NotSupportedError',
    image: 'NotSupportedError',
    destroyed: 'InvalidStateError',
  });

  // Quota overflow: old turns are dropped to fit, the page hears quotaoverflow, and the session still answers.
  const overflow = await inPage<{ events: number; usage: number; quota: number; answer: number }>(
    pageB,
    `const s = await localAI.LanguageModel.create({ initialPrompts: [{ role: 'system', content: 'Be brief.' }] });
     let events = 0;
     s.addEventListener('quotaoverflow', () => events++);
     for (let i = 0; i < 4; i++) await s.append('The tide rises and falls. '.repeat(40));
     const answer = (await s.prompt('Summarise.')).length;
     return { events, usage: s.inputUsage, quota: s.inputQuota, answer };`,
  );
  if ('error' in overflow) throw new Error(overflow.message);
  expect(overflow.events).toBeGreaterThan(0);
  expect(overflow.usage).toBeLessThanOrEqual(overflow.quota);
  expect(overflow.answer).toBeGreaterThan(0);

  // Thousands of sessions: the seventeenth is refused, the host is unaffected.
  const sessions = await inPage<string>(
    pageB,
    `const made = [];
     try { for (let i = 0; i < 2000; i++) made.push(await localAI.LanguageModel.create()); return 'all made'; }
     catch (e) { made.forEach((s) => s.destroy()); return e.name + ' after ' + made.length; }`,
  );
  expect(sessions).toMatch(/^QuotaExceededError after 1[0-9]$/);

  // The page's world has no extension API; its content script's Port may use the page methods only.
  expect(
    await pageA.evaluate(() => typeof (window as { chrome?: { runtime?: unknown } }).chrome?.runtime),
  ).toBe('undefined');
  const run = await contentScriptWorld(pageA, extensionId);
  await run(ASK.replace("'local-ai/engine'", "'local-ai/page-api'"));
  for (const method of ['status', 'models.storage', 'capabilities', 'sql.run'])
    await expect(run(`ask(${JSON.stringify(method)}, {})`)).resolves.toMatchObject({
      error: { code: 'forbidden' },
    });

  // A frame of another origin inside the page gets no API.
  await pageB.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, `${a.origin}/frame.html`);
  const frame = pageB.frameLocator('iframe');
  await expect(frame.locator('p')).toHaveText('frame');
  expect(await pageB.frames()[1]!.evaluate(() => 'localAI' in window)).toBe(false);

  // Navigating away mid-stream: the stream stops in the host, which serves the other origin at once.
  await pageB.evaluate(() => {
    void (async () => {
      const s = await window.localAI.LanguageModel.create();
      for await (const _ of s.promptStreaming('A long story, please')) location.href = 'about:blank';
    })();
  });
  await pageB.waitForURL('about:blank');
  await expect
    .poll(
      async () => (await hostRequest(panel, 'status')).running + (await hostRequest(panel, 'status')).queued,
    )
    .toBe(0);
  await expect(
    inPage<number>(
      pageA,
      `return (await (await localAI.LanguageModel.create()).prompt('still here?')).length`,
    ),
  ).resolves.toBeGreaterThan(0);
});

declare global {
  interface Window {
    localAI: {
      LanguageModel: {
        create(): Promise<{ promptStreaming(input: string): ReadableStream<string> }>;
      };
    };
  }
}
