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

test('a WebGPU adapter is found from the offscreen host (software adapter here)', async ({ panel }) => {
  const caps = await hostRequest(panel, 'capabilities');
  expect(caps.webgpu).toBe(true);
  expect(caps.adapter).not.toBeNull();
  expect(caps.maxBufferSize).toBeGreaterThan(0);
  // SwiftShader: WebGPU in software, which is no GPU for speed: the CPU engine is the default.
  expect(caps.adapter?.software).toBe('SwiftShader');
  expect(caps.defaultEngine).toBe('wllama');
});
