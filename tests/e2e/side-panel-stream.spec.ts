import { expect, test } from './fixtures';

test('the tiny GGUF model loads in the offscreen host and real tokens stream into the side panel', async ({ panel }) => {
  await panel.locator('textarea[name=prompt]').fill('Say hello to the world.');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('status')).toContainText('Ready: tiny-random-llama', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
  const answer = (await panel.getByTestId('answer').textContent()) ?? '';
  // The tiny model emits only its vocabulary's text pieces: words and ASCII characters.
  expect(answer.trim().length).toBeGreaterThan(20);
  expect(answer).toMatch(/^[\x20-\x7e\s]+$/);
});
