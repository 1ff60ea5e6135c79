import { describe, expect, it } from 'vitest';
import { ForbiddenError } from './errors';
import { callerOf, webPageCallerOf } from './caller-of';

const ID = 'me';

describe('callerOf', () => {
  it('knows an extension page by its URL, with or without a tab (the panel opened in a tab)', () => {
    const panel = 'chrome-extension://me/sidepanel.html';
    expect(callerOf({ id: ID, url: panel }, ID)).toEqual({ kind: 'extension-page', url: panel });
    expect(callerOf({ id: ID, url: panel, tab: { id: 4 } }, ID)).toMatchObject({ kind: 'extension-page' });
    expect(callerOf({ id: ID, url: 'chrome-extension://me/background.js' }, ID).kind).toBe('extension-page');
  });

  it('knows the host document itself', () => {
    expect(callerOf({ id: ID, url: 'chrome-extension://me/offscreen.html' }, ID)).toEqual({ kind: 'host' });
  });

  it('tags a content script with its tab, frame and origin, from the sender only', () => {
    expect(
      callerOf(
        {
          id: ID,
          url: 'https://bank.example/a?b',
          origin: 'https://bank.example',
          tab: { id: 7 },
          frameId: 3,
        },
        ID,
      ),
    ).toEqual({ kind: 'content-script', tabId: 7, frameId: 3, origin: 'https://bank.example' });
    // Without sender.origin (older browsers) the frame URL's origin is used.
    expect(callerOf({ id: ID, url: 'http://127.0.0.1:8/p', tab: { id: 1 } }, ID)).toMatchObject({
      origin: 'http://127.0.0.1:8',
      frameId: 0,
    });
  });

  it('refuses other extensions, another extension page origin, and senders it cannot place', () => {
    expect(() => callerOf({ id: 'other', url: 'chrome-extension://other/x.html' }, ID)).toThrow(
      ForbiddenError,
    );
    expect(() => callerOf(undefined, ID)).toThrow(/Only Local AI/);
    expect(() => callerOf({ id: ID, url: 'chrome-extension://other/x.html' }, ID)).toThrow(ForbiddenError);
    expect(() => callerOf({ id: ID, tab: { id: 3 } }, ID)).toThrow(ForbiddenError);
    expect(() => callerOf({ id: ID, url: 'file:///etc/passwd', tab: { id: 3 } }, ID)).toThrow(ForbiddenError);
    // A sandboxed frame on a site the user allowed does not get that site's identity.
    const sandboxed = {
      id: ID,
      url: 'https://allowed.example/x',
      origin: 'null',
      tab: { id: 3 },
      frameId: 2,
    };
    expect(() => callerOf(sandboxed, ID)).toThrow(/sandboxed frame/);
  });
});

describe('webPageCallerOf', () => {
  const page = { id: ID, url: 'https://a.example/x', origin: 'https://a.example', tab: { id: 7 } };

  it("tags a top frame's content script as its web page, origin from the sender", () => {
    expect(webPageCallerOf({ ...page, frameId: 0 }, ID)).toEqual({
      kind: 'web-page',
      tabId: 7,
      frameId: 0,
      origin: 'https://a.example',
    });
  });

  it('refuses frames inside a page and anything but a content script', () => {
    expect(() => webPageCallerOf({ ...page, frameId: 2 }, ID)).toThrow(/top-level pages only/);
    expect(() => webPageCallerOf({ id: ID, url: 'chrome-extension://me/sidepanel.html' }, ID)).toThrow(
      /for web pages/,
    );
    expect(() => webPageCallerOf({ ...page, id: 'other' }, ID)).toThrow(ForbiddenError);
  });
});
