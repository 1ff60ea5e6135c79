// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { markCitations } from './citations';
import { renderMarkdown } from './render-markdown';

const valid = new Set(['3', '5']);

describe('citations in answers', () => {
  it('keeps the citations of passages the prompt carried and drops the rest', () => {
    expect(markCitations('Rivers flood [3]. Deltas [5][9]. Both [3, 7].', valid)).toBe(
      'Rivers flood \uE0003\uE001. Deltas \uE0005\uE001. Both \uE0003\uE001.',
    );
    // A markdown link or reference keeps its brackets; a forged marker is removed.
    expect(markCitations('[3](https://x.org) [5]: https://y.org \uE0009\uE001', valid)).toBe(
      '[3](https://x.org) [5]: https://y.org 9',
    );
  });

  it('renders valid citations as buttons after sanitising, and nothing a model writes can add one', () => {
    const html = renderMarkdown(
      'Eleven died **[3]**, see [5] and [42]. <button data-cite="5" onclick="alert(1)">x</button>',
      valid,
    );
    const div = document.createElement('div');
    div.innerHTML = html;
    const buttons = [...div.querySelectorAll('button')];
    expect(
      buttons.map((b) => [b.dataset.cite, b.textContent, b.className, b.getAttribute('onclick')]),
    ).toEqual([
      ['3', '[3]', 'cite', null],
      ['5', '[5]', 'cite', null],
    ]);
    expect(div.textContent).not.toContain('[42]');
    // The model's own <button> is shown as text.
    expect(div.textContent).toContain('<button data-cite="5" onclick="alert(1)">x</button>');
  });

  it('tells passages of other tabs apart by their letter: [B3] is not [3]', () => {
    const ids = new Set(['3', 'B3', 'C12']);
    expect(markCitations('Here [3], there [b3][B4], and [C12, 3].', ids)).toBe(
      'Here \uE0003\uE001, there \uE000B3\uE001, and \uE000C12\uE001\uE0003\uE001.',
    );
    const div = document.createElement('div');
    div.innerHTML = renderMarkdown('See [B3] and [3].', ids);
    expect([...div.querySelectorAll('button.cite')].map((b) => (b as HTMLElement).dataset.cite)).toEqual([
      'B3',
      '3',
    ]);
  });

  it('leaves answers without a page untouched', () => {
    expect(renderMarkdown('See [3].')).toBe('<p>See [3].</p>\n');
  });
});
