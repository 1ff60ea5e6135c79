import { describe, expect, it } from 'vitest';
import type { ModelRef } from '../protocol';
import { PreviousTurn } from './previous-turn';

const model: ModelRef = { engine: 'wllama', id: 'm', url: 'http://127.0.0.1/m.gguf' };
const turn = { messages: [{ role: 'user' as const, content: 'Q' }], answer: 'A', fitted: null };
const URL_A = 'https://a.example/';

describe('PreviousTurn', () => {
  /** A PreviousTurn that kept `turn`, built for model, page and declaration as given. */
  const kept = (pageUrl: string | null, declared: boolean) => {
    const p = new PreviousTurn();
    p.take(model, pageUrl, declared);
    p.keep(turn);
    return p;
  };

  it('keeps nothing before a turn is taken', () => {
    const p = new PreviousTurn();
    p.keep(turn);
    expect(p.take(model, URL_A, true)).toBeNull();
  });

  it('hands the kept turn, once, to a turn with the same model and page', () => {
    const p = kept(URL_A, true);
    expect(p.take(model, URL_A, true)).toBe(turn);
    expect(p.take(model, URL_A, true)).toBeNull();
  });

  it('never to another model or another page', () => {
    expect(kept(URL_A, true).take({ ...model, id: 'other' }, URL_A, true)).toBeNull();
    expect(kept(URL_A, true).take(model, 'https://b.example/', true)).toBeNull();
  });

  it('never to a turn that declares no page content when the kept prompt carried some', () => {
    expect(kept(null, true).take(model, null, false)).toBeNull();
    expect(kept(null, false).take(model, null, false)).toBe(turn);
  });
});
