// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { tRich } from './rich-text';

describe('tRich', () => {
  it('puts elements where the sentence has its substitutions, keeping the text around them', () => {
    const box = document.createElement('div');
    render(<p>{tRich('chat_consent', <strong>a.example</strong>, <strong>Ollama</strong>)}</p>, box);
    expect(box.textContent).toBe('Send text from a.example to Ollama? It leaves this device.');
    expect([...box.querySelectorAll('strong')].map((s) => s.textContent)).toEqual(['a.example', 'Ollama']);
  });
});
