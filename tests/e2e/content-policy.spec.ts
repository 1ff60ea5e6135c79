/**
 * The extension's content security policy (wxt.config.ts), as the browser enforces it on its
 * pages: nothing but the extension itself for scripts, styles, images, frames and fonts, and
 * connections over http(s) only (providers may be any server the user names, so which ones are
 * fetched is the engine host's policy: tests/e2e/provider-permissions.spec.ts). Every test that
 * uses the `panel` fixture also checks that the panel and the engine host needed nothing the
 * policy blocks.
 */
import { startStaticServer } from '../fixtures/static-server';
import { expect, test } from './fixtures';
import { blockedIn, watchPolicy } from './policy-watch';

test('an extension page cannot load images, frames, styles, scripts or connections from elsewhere', async ({
  context,
  extensionId,
}) => {
  const server = await startStaticServer({
    '/pixel.png': { body: 'png', type: 'image/png' },
    '/frame.html': { body: '<p>framed</p>' },
    '/style.css': { body: 'body { color: red }', type: 'text/css' },
    '/script.js': { body: 'window.loaded = true', type: 'text/javascript' },
  });
  const page = await context.newPage();
  await watchPolicy(page);
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const origin = server.origin;
  const outcome = await page.evaluate(async (origin) => {
    const add = (el: HTMLElement) => document.body.append(el);
    const img = Object.assign(document.createElement('img'), { src: `${origin}/pixel.png` });
    const frame = Object.assign(document.createElement('iframe'), { src: `${origin}/frame.html` });
    const link = Object.assign(document.createElement('link'), {
      rel: 'stylesheet',
      href: `${origin}/style.css`,
    });
    const script = Object.assign(document.createElement('script'), { src: `${origin}/script.js` });
    const inline = Object.assign(document.createElement('script'), { textContent: 'window.inline = true' });
    const style = Object.assign(document.createElement('style'), { textContent: 'body { color: red }' });
    [img, frame, link, script, inline, style].forEach(add);
    // Not http(s): a WebSocket never starts (connections other than fetch to a server are refused).
    const socket = await new Promise<string>((resolve) => {
      try {
        const ws = new WebSocket(`${origin.replace('http:', 'ws:')}/steal?q=page-text`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('error');
      } catch (e) {
        resolve((e as Error).name);
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    const w = window as Window & { loaded?: boolean; inline?: boolean };
    return { socket, loaded: w.loaded ?? false, inline: w.inline ?? false };
  }, origin);
  expect(outcome).toMatchObject({ loaded: false, inline: false });
  expect(outcome.socket).not.toBe('open');
  const blocked = await blockedIn(page);
  for (const directive of ['img-src', 'frame-src', 'style-src-elem', 'script-src-elem', 'connect-src'])
    expect(
      blocked.some((b) => b.startsWith(directive)),
      `${directive} in ${blocked.join(', ')}`,
    ).toBe(true);
  // The server saw nothing: blocked before any request left.
  expect(server.requests()).toEqual([]);
  await server.close();
});
