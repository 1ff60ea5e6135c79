// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, capNesting, renderMarkdown } from './render-markdown';

const depth = (html: string, tag: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  let max = 0;
  for (const el of Array.from(box.querySelectorAll(tag))) {
    let d = 0;
    for (let e: Element | null = el; e; e = e.parentElement) if (e.tagName === tag.toUpperCase()) d++;
    max = Math.max(max, d);
  }
  return { max, text: box.textContent ?? '' };
};

const HOSTILE: [string, string][] = [
  ['5,000 nested quotes', `${'>'.repeat(5000)} tail`],
  ['5,000 spaced nested quotes', `${'> '.repeat(5000)}tail`],
  [
    '1,000 nested list levels',
    Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item tail`).join('\n'),
  ],
  ['quotes and lists interleaved', `${'> - '.repeat(3000)}tail`],
  ['lists and quotes interleaved', `${'- > '.repeat(3000)}tail`],
  [
    'numbered lists 1,000 deep',
    Array.from({ length: 1000 }, (_, i) => `${'   '.repeat(i)}1. tail`).join('\n'),
  ],
  ['10,000 open brackets', `${'['.repeat(10_000)}tail`],
  ['10,000 emphasis markers', `${'*'.repeat(10_000)}tail${'_'.repeat(10_000)}`],
  ['deep html-like nesting', `${'<div>'.repeat(5000)}tail`],
  ['backticks', `tail ${'`'.repeat(10_000)}`],
];

describe('renderMarkdown with hostile model output', { timeout: 20_000 }, () => {
  it.each(HOSTILE)('renders %s without throwing, keeping the text, nesting capped', (_name, markdown) => {
    const html = renderMarkdown(markdown);
    const quotes = depth(html, 'blockquote');
    const lists = Math.max(depth(html, 'ul').max, depth(html, 'ol').max);
    expect(quotes.text).toContain('tail');
    expect(quotes.max).toBeLessThanOrEqual(MAX_NESTING + 1);
    expect(lists).toBeLessThanOrEqual(MAX_NESTING * 2 + 1);
    expect(html).not.toMatch(/<div/i);
  });

  it('keeps ordinary nesting as it was', () => {
    expect(capNesting('> > quoted\n  - nested')).toBe('> > quoted\n  - nested');
    const html = renderMarkdown('> outer\n> > inner\n\n- a\n  - b');
    expect(depth(html, 'blockquote').max).toBe(2);
    expect(depth(html, 'ul').max).toBe(2);
  });
});

describe('citations in attributes', () => {
  it('a citation inside a link title stays text: the title cannot be closed to add elements', () => {
    const box = document.createElement('div');
    box.innerHTML = renderMarkdown(
      '[x](mailto:a@b.example "x [3] <img src=x onerror=alert(1)> y") and [3]',
      new Set(['3']),
    );
    expect(box.querySelectorAll('img')).toHaveLength(0);
    expect(box.querySelector('a')?.getAttribute('title')).not.toMatch(/[\uE000\uE001]|button/);
    // The citation in the text is still a button, and the only one.
    expect(Array.from(box.querySelectorAll('button.cite'), (b) => b.textContent)).toEqual(['[3]']);
    expect(box.querySelectorAll('*').length).toBe(box.querySelectorAll('p, a, button').length);
  });
});
