/**
 * Choosing the engine by device: here WebGPU is SwiftShader (software), so the CPU must win —
 * by name and by measurement — and llama.cpp still runs on that adapter when asked to.
 */
import { expect, hostRequest, test } from './fixtures';

test('the software adapter here yields the CPU choice, measured, shown in the Models view and measured again on demand', async ({
  panel,
}) => {
  const caps = await hostRequest(panel, 'capabilities');
  expect(caps.adapter?.software).toBe('SwiftShader');
  expect(caps.defaultEngine).toBe('wllama');
  const rates = caps.calibration!.gbPerSecond;
  expect(rates['llamacpp-cpu']).toBeGreaterThan(rates.webllm!);
  expect(caps.calibration!.device).toMatch(/Chrome\/\d+.*swiftshader/);

  await panel.getByRole('tab', { name: 'Models' }).click();
  await expect(panel.getByTestId('device-speeds')).toContainText('llama.cpp on the CPU');
  await expect(panel.getByTestId('device-speeds').locator('tr', { hasText: 'on the CPU' })).toContainText(
    'fastest',
  );
  // Every recommended build for chat runs on the CPU, and says why.
  const notes = await panel.getByTestId('catalog-entry').locator('.meta').allTextContents();
  expect(notes.some((n) => /llama\.cpp on the CPU — ≈ [\d.]+ tokens\/s measured here/.test(n))).toBe(true);
  expect(notes.some((n) => /^WebGPU/.test(n))).toBe(false);

  await panel.getByRole('button', { name: 'Measure this device again' }).click();
  await expect(panel.getByRole('button', { name: 'Measure this device again' })).toBeEnabled();
  const again = await hostRequest(panel, 'capabilities');
  expect(again.calibration!.measuredAt).toBeGreaterThan(caps.calibration!.measuredAt);
});

test('llama.cpp runs on the software WebGPU adapter when the model asks for GPU layers', async ({
  panel,
  tinyModel,
}) => {
  const onGpu = { ...tinyModel, gpuLayers: 99 };
  await hostRequest(panel, 'load', onGpu);
  const { loadedOn } = await hostRequest(panel, 'status');
  // Where a load on WebGPU fails, it falls back to the CPU and says so (gpu-layers.test.ts);
  // SwiftShader holds the tiny model.
  expect(loadedOn).toMatch(/^WebGPU \(99 layers\) \+ CPU, \d+ threads?$/);
  const answer = await hostRequest(panel, 'chat', {
    model: onGpu,
    messages: [{ role: 'user', content: 'Say hello.' }],
    max_tokens: 16,
  });
  expect(answer.text.length).toBeGreaterThan(0);
});
