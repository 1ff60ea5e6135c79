// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_METHODS, serveOneShot, type OneShotHandlers, type ContentMethods } from '../protocol';
import { passageHash } from './passages';
import { articleTexts, locatePassage, readPassages } from './read-passages';
import { showPassage } from './highlight-passage';

afterEach(() => {
  document.body.innerHTML = '';
});

const PAGE = `<nav><a href="/">Home</a> · <a href="/about">About</a></nav>
<article>
  <h1>River <em>ecology</em></h1>
  <p>Rivers carry <b>water</b>, sediment and nutrients.</p>
  <ul><li>Deltas form at the mouth.<ul><li>Some deltas are tidal.</li></ul></li></ul>
  <table><caption>Flow by season</caption><tr><td>Spring</td></tr></table>
  <p hidden>Hidden text.</p><script>var x = 1;</script>
  <div id="host"></div>
  <p>Line one<br>line two</p>
</article>`;

function render(): void {
  document.body.innerHTML = PAGE;
  const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<p>Inside a shadow root.</p>';
}

describe('readPassages', () => {
  it('reads blocks in page order with ids from their position, including open shadow roots', () => {
    render();
    const passages = readPassages(document.body);
    expect(passages.map((p) => [p.id, p.text])).toEqual([
      ['1', 'Home · About'],
      ['2', 'River ecology'],
      ['3', 'Rivers carry water, sediment and nutrients.'],
      ['4', 'Deltas form at the mouth.'],
      ['5', 'Some deltas are tidal.'],
      ['6', 'Flow by season'],
      ['7', 'Spring'],
      ['8', 'Inside a shadow root.'],
      ['9', 'Line one line two'],
    ]);
    expect(passages[1]!.hash).toBe(passageHash('River ecology'));
  });

  it('reads a frame of the page’s own origin in its place, and skips one it cannot read', () => {
    document.body.innerHTML =
      '<p>Before.</p><iframe id="same"></iframe><iframe id="other"></iframe><p>After.</p>';
    // happy-dom loads no frames: the frame's document is made here, as the browser would give it.
    const framed = document.implementation.createHTMLDocument('Frame');
    framed.body.innerHTML = '<h2>Framed report</h2><p>Inside the frame.</p>';
    Object.defineProperty(document.getElementById('same'), 'contentDocument', { value: framed });
    // Another origin's frame: the browser gives no document.
    Object.defineProperty(document.getElementById('other'), 'contentDocument', { value: null });
    expect(readPassages(document.body).map((p) => p.text)).toEqual([
      'Before.',
      'Framed report',
      'Inside the frame.',
      'After.',
    ]);
    // Readability sees the top document only: its article keeps the frame's blocks too.
    const keep = articleTexts('<div><p>Before.</p><p>After.</p></div>');
    expect(readPassages(document.body, { keep }).map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(readPassages(document.body, { keep: articleTexts('<p>After.</p>') }).map((p) => p.id)).toEqual([
      '2',
      '3',
      '4',
    ]);
  });

  it('keeps only the article’s blocks when Readability found one, with their page ids', () => {
    render();
    const keep = articleTexts(
      '<div><h1>River ecology</h1><p>Rivers carry water, sediment and nutrients.</p></div>',
    );
    expect(readPassages(document.body, { keep }).map((p) => p.id)).toEqual(['2', '3']);
    // A picked part of the page keeps the ids its blocks have in the whole page.
    const list = document.querySelector('ul')!;
    expect(readPassages(document.body, { within: list }).map((p) => p.id)).toEqual(['4', '5']);
  });
});

describe('locatePassage and showPassage', () => {
  it('finds a passage where it was, or by its text once the page has changed, never other text', () => {
    render();
    const [, heading, para] = readPassages(document.body);
    expect(locatePassage(document.body, para!.id, para!.hash)).toMatchObject({ moved: false });
    // The page inserts a block above: ids shift, the text is found where it went.
    document.querySelector('article')!.insertAdjacentHTML('afterbegin', '<p>Advertisement.</p>');
    const moved = locatePassage(document.body, para!.id, para!.hash);
    expect(moved).toMatchObject({ moved: true, block: { text: para!.text } });
    expect(showPassage(para!.id, para!.hash)).toBe('moved');
    // The heading's text changes: it is gone, and nothing is highlighted in its place.
    document.querySelector('h1')!.textContent = 'Something else';
    expect(showPassage(heading!.id, heading!.hash)).toBe('gone');
    expect(showPassage(para!.id, para!.hash)).toBe('moved');
  });

  it('answers only this extension’s pages, never a content script or another extension', async () => {
    const handlers = { 'show-passage': async () => ({ outcome: 'shown' as const }) };
    const ask = (sender: object) =>
      serveOneShot(
        CONTENT_METHODS,
        handlers as unknown as OneShotHandlers<ContentMethods>,
        { method: 'show-passage', params: { id: '3', hash: '0badf00d' } },
        sender,
        'ext',
      );
    expect(await ask({ id: 'ext', url: 'chrome-extension://ext/sidepanel.html' })).toEqual({
      ok: true,
      data: { outcome: 'shown' },
    });
    const fromPage = await ask({
      id: 'ext',
      url: 'https://evil.example/',
      tab: { id: 1 },
      origin: 'https://evil.example',
    });
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromOther = await ask({ id: 'other', url: 'chrome-extension://other/x.html' });
    expect(fromOther).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
