/**
 * What the extension's content security policy blocked in a page: every e2e test's side panel
 * and the engine host are checked after the test, so a view or engine that needs something the
 * policy forbids fails the suite instead of failing silently for users.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __blockedByPolicy?: string[];
  }
}

/** Starts recording violations in `page` from its next navigation on. */
export async function watchPolicy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const blocked: string[] = (window.__blockedByPolicy = []);
    addEventListener('securitypolicyviolation', (event) => {
      const e = event as SecurityPolicyViolationEvent;
      blocked.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
}

/** What was blocked in `page` so far (empty when nothing was, or the page is gone). */
export async function blockedIn(page: Page): Promise<string[]> {
  if (page.isClosed()) return [];
  return page.evaluate(() => window.__blockedByPolicy ?? []).catch(() => []);
}
