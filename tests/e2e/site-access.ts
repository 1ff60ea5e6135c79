/**
 * The browser's own extension settings page (chrome://extensions → site access), where a user
 * grants or revokes a site for an extension: what e2e tests use in place of Chrome's permission
 * prompt, which automation cannot answer. Once granted, the panel's permissions.request from a
 * click resolves without a prompt, as it does in Chrome for an origin the user already allowed.
 */
import type { BrowserContext } from '@playwright/test';

export async function siteAccess(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  const call = (method: 'addHostPermission' | 'removeHostPermission', pattern: string) =>
    page.evaluate(
      ([method, id, pattern]) =>
        (
          chrome as unknown as {
            developerPrivate: Record<string, (id: string, host: string) => Promise<void>>;
          }
        ).developerPrivate[method]!(id, pattern),
      [method, extensionId, pattern] as const,
    );
  return {
    allow: (origin: string) => call('addHostPermission', `${origin}/*`),
    revoke: (origin: string) => call('removeHostPermission', `${origin}/*`),
  };
}
