// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readSelection } from './selection';

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  (document.activeElement as HTMLElement | null)?.blur();
  document.body.innerHTML = '';
});

function selectText(node: Node, start: number, end: number): void {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

describe('readSelection', () => {
  it('reads a selection in the page with the paragraph around it, whitespace collapsed', () => {
    document.body.innerHTML = `<article><p id="p">The   quick <b>brown</b> fox
      jumps over the lazy dog.</p><p>Another paragraph.</p></article>`;
    const text = document.querySelector('#p')!.firstChild!;
    selectText(text, 6, 11);
    const info = readSelection();
    expect(info.text).toBe('quick');
    expect(info.paragraph).toBe('The quick brown fox jumps over the lazy dog.');
    expect(info.rect).not.toBeNull();
  });

  it('reads the selection inside a textarea, which the document selection leaves out', () => {
    document.body.innerHTML = `<p>Outside</p><textarea>Dear team, the invoice is late.</textarea>`;
    const area = document.querySelector('textarea')!;
    area.focus();
    area.setSelectionRange(11, 22);
    const info = readSelection();
    expect(info.text).toBe('the invoice');
    expect(info.paragraph).toBe('Dear team, the invoice is late.');
    expect(info.rect).not.toBeNull();
  });

  it('reads a text input but not a password field', () => {
    document.body.innerHTML = `<input id="q" type="search" value="duckdb wasm"><input id="pw" type="password" value="hunter2">`;
    const search = document.querySelector<HTMLInputElement>('#q')!;
    search.focus();
    search.setSelectionRange(0, 6);
    expect(readSelection().text).toBe('duckdb');

    const password = document.querySelector<HTMLInputElement>('#pw')!;
    password.focus();
    password.setSelectionRange(0, 7);
    expect(readSelection()).toEqual({ text: '', rect: null });
  });

  it('reports nothing when nothing (or only whitespace) is selected', () => {
    document.body.innerHTML = `<p id="p">word   word</p>`;
    expect(readSelection()).toEqual({ text: '', rect: null });
    selectText(document.querySelector('#p')!.firstChild!, 4, 7);
    expect(readSelection()).toEqual({ text: '', rect: null });
  });

  it('caps the text and the paragraph it sends to the model', () => {
    const long = 'word '.repeat(6000);
    document.body.innerHTML = `<textarea></textarea>`;
    const area = document.querySelector('textarea')!;
    area.value = long;
    area.focus();
    area.setSelectionRange(0, long.length);
    const info = readSelection();
    expect(info.text).toHaveLength(20_000);
    expect(info.paragraph).toHaveLength(4000);
  });
});
