import { bubble, expect, hostRequest, runActionOnSelection, test } from './fixtures';

test('side panel and content scripts in two tabs get their own full streams from one engine and one model load', async ({
  context,
  sw,
  panel,
  pages,
}) => {
  const tabA = await context.newPage();
  await tabA.goto(pages.a);
  const tabB = await context.newPage();
  await tabB.goto(pages.b);

  // Start all three before any finishes: the host queues them and streams each to its asker.
  await panel.locator('textarea[name=prompt]').fill('Tell me about the world.');
  await panel.locator('textarea[name=prompt]').press('Enter');
  await runActionOnSelection(sw, tabA, 'explain-selection');
  await runActionOnSelection(sw, tabB, 'explain-selection');

  for (const tab of [tabA, tabB]) {
    await expect(bubble(tab)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const text = (await tab.locator('local-ai-bubble .answer').textContent()) ?? '';
    expect(text.trim().length).toBeGreaterThan(20);
  }
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
  expect(((await panel.getByTestId('answer').textContent()) ?? '').trim().length).toBeGreaterThan(20);

  const status = await hostRequest(panel, 'status');
  expect(status.engineInstances).toBe(1);
  expect(status.modelLoads).toBe(1);
  expect(status.loaded?.id).toBe('tiny-random-llama');
  expect(status.completed).toBeGreaterThanOrEqual(3);
});

test('ten tabs and two panels asking at once share one engine instance and one model load', async ({
  context,
  sw,
  panel,
  pages,
  extensionId,
  tinyModel,
}) => {
  const panel2 = await context.newPage();
  await panel2.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const tabs = [];
  for (let i = 0; i < 10; i++) {
    const tab = await context.newPage();
    await tab.goto(i % 2 ? pages.b : pages.a);
    tabs.push(tab);
  }
  for (const tab of tabs) await runActionOnSelection(sw, tab, 'explain-selection');
  const asks = [panel, panel2].map((p) =>
    hostRequest(p, 'chat', {
      model: tinyModel,
      messages: [{ role: 'user', content: 'Hello there.' }],
      max_tokens: 16,
    }),
  );
  for (const tab of tabs)
    await expect(bubble(tab)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  for (const answer of await Promise.all(asks)) expect(answer.text.length).toBeGreaterThan(0);

  const status = await hostRequest(panel, 'status');
  expect(status.engineInstances).toBe(1);
  expect(status.modelLoads).toBe(1);
  expect(status.completed).toBeGreaterThanOrEqual(12);
});

test('a WebGPU adapter is found from the offscreen host (software adapter here)', async ({ panel }) => {
  const caps = await hostRequest(panel, 'capabilities');
  expect(caps.webgpu).toBe(true);
  expect(caps.adapter).not.toBeNull();
  expect(caps.maxBufferSize).toBeGreaterThan(0);
  // SwiftShader: WebGPU in software, which is no GPU for speed: the CPU engine is the default.
  expect(caps.adapter?.software).toBe('SwiftShader');
  expect(caps.defaultEngine).toBe('wllama');
});
