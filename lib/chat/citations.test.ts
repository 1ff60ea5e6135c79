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

  it('leaves answers without a page untouched', () => {
    expect(renderMarkdown('See [3].')).toBe('<p>See [3].</p>\n');
  });
});
