/**
 * llama.cpp on the cores: the engine host (offscreen document) and its Worker are cross-origin
 * isolated through the manifest, so WebAssembly threads work, and llama.cpp gets every core
 * but one.
 */
import { expect, hostRequest, test } from './fixtures';

test('the offscreen host and its engine Worker are cross-origin isolated, so llama.cpp can use threads', async ({
  panel,
}) => {
  const caps = await hostRequest(panel, 'capabilities');
  expect(caps.cpu.hostIsolated).toBe(true);
  expect(caps.cpu.workerIsolated).toBe(true);
  // Every core but one (see lib/engine/threads.ts for why): one thread on this 2-core machine.
  expect(caps.cpu.llamaThreads).toBe(Math.max(1, caps.hardwareConcurrency - 1));
  // The side panel is an extension page too: same isolation.
  expect(await panel.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('the tiny model answers with the thread count llama.cpp reports', async ({ panel }) => {
  await panel.locator('textarea[name=prompt]').fill('Say hello to the world.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('status')).toContainText('Ready: tiny-random-llama', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
  expect(((await panel.getByTestId('answer').textContent()) ?? '').trim().length).toBeGreaterThan(20);
  // What llama.cpp itself says after loading: its thread pool is running.
  const cores = (await hostRequest(panel, 'capabilities')).hardwareConcurrency;
  const status = await hostRequest(panel, 'status');
  const threads = Math.max(1, cores - 1);
  expect(status.loadedOn).toBe(threads > 1 ? `CPU, ${threads} threads` : 'CPU, 1 thread');
  await expect(panel.getByTestId('status')).toContainText(status.loadedOn!);
});
