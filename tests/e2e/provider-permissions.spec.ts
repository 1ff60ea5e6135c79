/**
 * A provider on another address of this machine (127.0.0.2, standing in for a LAN host such as
 * http://192.168.1.20:11434): outside the manifest's host permissions, so its origin must be
 * granted at run time, and the engine host uses it only while it is.
 *
 * What automation can and cannot do here: Playwright cannot answer Chrome's permission prompt
 * (permissions.request from a click whose origin is not granted yet opens a prompt no test can
 * click). So the test grants the origin the way a user can in the browser's own UI —
 * chrome://extensions → site access, through that page's `chrome.developerPrivate` — after which
 * the panel's permissions.request from the click resolves without a prompt, as it does in Chrome
 * for an origin the user already allowed. Revoking and allowing again go through the same
 * browser UI (the panel hears permissions.onRemoved / onAdded). The panel's Remove cannot give the
 * origin back here: Chrome refuses permissions.remove for any origin where the extension's content
 * scripts run, and they run on every http(s) page (see the end of the test). The prompt itself, the user refusing it, and "Grant again"
 * (which prompts) are unit-tested with a test double of the permissions API
 * (lib/ui/providers-controller.test.tsx).
 */
import type { Page } from '@playwright/test';
import { startOpenAiServer, type OpenAiServer } from '../fixtures/openai-server';
import { expect, hostRequest, test } from './fixtures';
import { siteAccess } from './site-access';

let lan: OpenAiServer;
test.beforeEach(async () => {
  // Refusing extension origins, as Ollama does unless OLLAMA_ORIGINS is changed.
  lan = await startOpenAiServer({ apiKey: 'sk-lan', host: '127.0.0.2', refuseExtensionOrigins: true });
});
test.afterEach(async () => {
  await lan.close();
});

const granted = (panel: Page, origin: string) =>
  panel.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), origin);

async function addServer(panel: Page): Promise<void> {
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.locator('select[name=provider-kind]').selectOption('ollama');
  await panel.locator('input[name=provider-name]').fill('LAN box');
  await panel.locator('input[name=provider-url]').fill(lan.baseUrl);
  await panel.locator('input[name=provider-key]').fill('sk-lan');
  await panel.getByRole('button', { name: 'Test connection' }).click();
}

test('a server on the LAN: granted, added and used; revoked in the browser, refused until allowed again; removed, never contacted again', async ({
  context,
  extensionId,
}) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const chats = () => lan.requests().filter((r) => r.path === '/v1/chat/completions');

  // Not granted: the host will not even test the connection, and nothing reaches the server.
  await panel.evaluate(() => chrome.runtime.sendMessage({ method: 'ensure-host', params: {} }));
  const params = { kind: 'ollama', baseUrl: lan.baseUrl, apiKey: 'sk-lan' } as const;
  await expect(hostRequest(panel, 'providers.test', params)).rejects.toThrow(
    `forbidden: Local AI may not reach ${lan.origin} yet`,
  );
  expect(lan.requests()).toEqual([]);

  // The user allows the site in the browser; the panel's click asks and gets it without a prompt.
  const browserUi = await siteAccess(context, extensionId);
  await browserUi.allow(lan.origin);
  await addServer(panel);
  await expect(panel.getByTestId('provider-test')).toHaveText(/^Connected: \d+ models\.$/);
  expect(await granted(panel, lan.origin)).toBe(true);
  await panel.getByRole('button', { name: 'Save provider' }).click();
  const saved = panel.getByTestId('provider');
  await expect(saved).toContainText('LAN box (Ollama)');
  await saved.getByRole('button', { name: 'Use' }).first().click();

  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.locator('textarea[name=prompt]').fill('Hello from the LAN');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('answer')).toHaveText('Hello from the LAN');
  expect(chats()).toHaveLength(1);
  expect(chats()[0]!.auth).toBe('Bearer sk-lan');
  // Ollama's Origin check, answered for a LAN server too: nothing reached it with an Origin header.
  expect(lan.requests().every((r) => r.origin === undefined)).toBe(true);

  // Revoked in the browser's own settings: the panel says so, and the host refuses it.
  await browserUi.revoke(lan.origin);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await expect(panel.getByTestId('provider-revoked')).toContainText(
    'Permission revoked — grant again to use it.',
  );
  await expect(
    hostRequest(panel, 'chat', {
      model: { engine: 'remote', id: 'echo', url: lan.baseUrl },
      messages: [{ role: 'user', content: 'Still there?' }],
    }),
  ).rejects.toThrow(`forbidden: Permission to reach ${lan.origin} was revoked`);
  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.locator('textarea[name=prompt]').fill('Still there?');
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText(`Permission to reach ${lan.origin} was revoked`);
  expect(chats()).toHaveLength(1);

  // Allowed again in the browser: the panel follows (permissions.onAdded) and the provider is used
  // again, with nothing to set up anew.
  await browserUi.allow(lan.origin);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await expect(panel.getByTestId('provider-revoked')).toHaveCount(0);
  await expect(saved.getByRole('button', { name: 'Use' }).first()).toBeVisible();
  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.locator('textarea[name=prompt]').fill('Back again');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('answer').last()).toHaveText('Back again');
  expect(chats()).toHaveLength(2);

  // Remove: the provider goes and the host no longer reaches the server. Chrome refuses
  // permissions.remove for an origin where the extension's content scripts run (every http(s)
  // page: it counts it as required), so the panel says where to take the access back, and that
  // path (the browser's site access) revokes it.
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await saved.getByRole('button', { name: 'Remove' }).click();
  await expect(saved).toHaveCount(0);
  await expect(panel.getByRole('alert')).toContainText(
    `Removed: Local AI no longer contacts ${lan.origin}. Chrome keeps the site access it granted`,
  );
  await expect(
    hostRequest(panel, 'chat', {
      model: { engine: 'remote', id: 'echo', url: lan.baseUrl },
      messages: [{ role: 'user', content: 'Anyone?' }],
    }),
  ).rejects.toThrow('engine-unavailable: That provider is not set up');
  expect(chats()).toHaveLength(2);
  await browserUi.revoke(lan.origin);
  await expect.poll(() => granted(panel, lan.origin)).toBe(false);
});
