// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pickElement } from './element-picker';
import { readElementContext } from './page-context';

beforeEach(() => {
  document.body.innerHTML = `<main><section id="s"><p id="a">Alpha <b id="b">bold</b> text.</p>
    <p id="c">Charlie paragraph.</p></section></main>`;
});

// happy-dom can only dispatch events, never the browser's trusted ones: these stand for the user's.
const asUser = { fromUser: () => true };
const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const overlays = () => document.documentElement.querySelectorAll(':scope > div').length;

describe('pickElement', () => {
  it('ignores what a page script dispatches: only the user picks or cancels', async () => {
    const controller = new AbortController();
    const picking = pickElement({ signal: controller.signal });
    const a = document.getElementById('a')!;
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    key('Enter');
    key('Escape');
    // Still picking: the outline is there, and nothing resolved.
    expect(overlays()).toBe(1);
    let settled = false;
    void picking.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    controller.abort();
    await expect(picking).resolves.toBeNull();
  });

  it('picks what the pointer is on, and the page never sees the click', async () => {
    let pageClicks = 0;
    document.getElementById('a')!.addEventListener('click', () => pageClicks++);
    const picking = pickElement(asUser);
    expect(overlays()).toBe(1);
    const a = document.getElementById('a')!;
    a.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await expect(picking).resolves.toBe(a);
    expect(pageClicks).toBe(0);
    expect(overlays()).toBe(0);
    // After picking, the page's clicks work again.
    a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(pageClicks).toBe(1);
  });

  it('widens with ArrowUp, narrows back with ArrowDown, takes it with Enter', async () => {
    const picking = pickElement(asUser);
    document.getElementById('b')!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    key('ArrowUp');
    key('ArrowUp');
    key('ArrowDown');
    key('Enter');
    await expect(picking).resolves.toBe(document.getElementById('a'));
  });

  it('starts from the main content for keyboard users, and cancels with Escape or the signal', async () => {
    const first = pickElement(asUser);
    key('Enter');
    await expect(first).resolves.toBe(document.querySelector('main'));
    const escaped = pickElement(asUser);
    key('Escape');
    await expect(escaped).resolves.toBeNull();
    const controller = new AbortController();
    const aborted = pickElement({ ...asUser, signal: controller.signal });
    controller.abort();
    await expect(aborted).resolves.toBeNull();
    expect(overlays()).toBe(0);
  });

  it('ends the pick when the page removes the picker, or when the user never finishes', async () => {
    const removed = pickElement(asUser);
    document.documentElement.querySelector(':scope > div')!.remove();
    await expect(removed).resolves.toBeNull();
    // The page swallows every key and click: the pick still ends.
    const stuck = pickElement({ ...asUser, timeoutMs: 20 });
    await expect(stuck).resolves.toBeNull();
    expect(overlays()).toBe(0);
  });
});

describe('readElementContext', () => {
  it("is the picked element's text only", () => {
    const context = readElementContext(document.getElementById('c')!);
    expect(context).toMatchObject({ text: 'Charlie paragraph.', source: 'picked', selection: null });
    expect(readElementContext(document.createElement('div')).source).toBe('none');
  });
});
