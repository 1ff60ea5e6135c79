// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../../tests/fixtures/xss-payloads';
import { renderMarkdown } from './render-markdown';

function dangers(html: string): string[] {
  const box = document.createElement('div');
  box.innerHTML = html;
  const found: string[] = [];
  for (const el of Array.from(box.querySelectorAll('*'))) {
    if (
      ![
        'P',
        'BR',
        'STRONG',
        'EM',
        'DEL',
        'CODE',
        'PRE',
        'UL',
        'OL',
        'LI',
        'BLOCKQUOTE',
        'A',
        'TABLE',
        'THEAD',
        'TBODY',
        'TR',
        'TH',
        'TD',
        'HR',
        'H1',
        'H2',
        'H3',
        'H4',
        'H5',
        'H6',
      ].includes(el.tagName)
    )
      found.push(`<${el.tagName}>`);
    for (const attr of Array.from(el.attributes)) {
      if (!['href', 'title', 'target', 'rel'].includes(attr.name)) found.push(`${el.tagName}@${attr.name}`);
      if (attr.name === 'href' && !/^(https?:|mailto:)/i.test(attr.value)) found.push(`href=${attr.value}`);
    }
  }
  return found;
}

describe('renderMarkdown', () => {
  it('renders ordinary markdown', () => {
    const html = renderMarkdown(
      '# Title\n\n**bold** and `code`\n\n- one\n- two\n\n[site](https://example.com)',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow" title="https://example.com">site (example.com)</a>',
    );
    // A link that shows its own address is left as it is.
    expect(renderMarkdown('<https://example.com/a>')).toContain('>https://example.com/a</a>');
  });

  it('shows HTML the model writes as text', () => {
    const html = renderMarkdown('Use <b>bold</b> here');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it(`leaves nothing that can run in any of ${XSS_PAYLOADS.length} payloads`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const payload of XSS_PAYLOADS) {
      expect({ payload, dangers: dangers(renderMarkdown(payload)) }).toEqual({ payload, dangers: [] });
    }
  });
});
