import { describe, expect, it } from 'vitest';
import type { EngineClient, ModelRef } from '../protocol';
import { engineClientDouble } from './test-doubles/engine-client-double';
import { ModelFits } from './context-budget';
import { answerTurn } from './answer-turn';

const model: ModelRef = { engine: 'synthetic', id: 'x', contextWindow: 4096 };

/** The engine: one token per `density` characters, a window of `window`. */
const engine = (window: number, density: number) =>
  engineClientDouble(() => ({ text: 'An answer.', chunks: ['An ', 'answer.'] }), {
    window,
    charsPerToken: density,
  });

function run(client: EngineClient, fits: ModelFits, texts: string[]) {
  return answerTurn({
    client,
    fits,
    model,
    answerTokens: 16,
    // Fills what the window allows at the ratio known now, as the prompt builder does.
    build: () => {
      const text = 'x'.repeat(Math.floor(fits.window(model) * fits.ratio(model)) - 100);
      return { messages: [{ role: 'user', content: text }], fitted: { text, cut: true, kept: 0.5 } };
    },
    signal: new AbortController().signal,
    onFitted: () => {},
    onText: (t) => texts.push(t),
  });
}

describe('answerTurn', () => {
  it('streams the answer and learns characters per token from the engine’s count', async () => {
    const { client } = engine(100_000, 2);
    const fits = new ModelFits();
    const texts: string[] = [];
    const { result, sent } = await run(client, fits, texts);
    expect(texts).toEqual(['An ', 'An answer.']);
    expect(result.text).toBe('An answer.');
    expect(sent.answer).toBe('An answer.');
    expect(fits.ratio(model)).toBeLessThan(3.5);
  });

  it('learns the real window and a denser ratio from an overflow, and fits again', async () => {
    const { client, requests } = engine(1024, 2);
    const fits = new ModelFits();
    await run(client, fits, []);
    expect(requests.length).toBeGreaterThan(1);
    expect(fits.window(model)).toBe(1024);
    const sizes = requests.map((r) => r.messages[0]!.content.length);
    expect(sizes.at(-1)!).toBeLessThan(sizes[0]!);
  });
});
