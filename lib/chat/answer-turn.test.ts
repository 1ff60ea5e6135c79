import { describe, expect, it } from 'vitest';
import { ContextOverflowError, type ChatParams, type EngineClient, type ModelRef } from '../protocol';
import { ModelFits } from './context-budget';
import { answerTurn } from './answer-turn';

const model: ModelRef = { engine: 'synthetic', id: 'x', contextWindow: 4096 };

/** A test double for the engine client: one token per `density` characters, a window of `window`. */
function engine(window: number, density: number) {
  const requests: ChatParams[] = [];
  const client = {
    async request(
      _method: string,
      params: ChatParams,
      options?: { onChunk?: (c: { delta: string; tokens: number }) => void },
    ) {
      requests.push(params);
      const tokens = Math.ceil(params.messages.reduce((n, m) => n + m.content.length, 0) / density);
      if (tokens > window) throw ContextOverflowError.of(tokens, window);
      options?.onChunk?.({ delta: 'An ', tokens: 1 });
      options?.onChunk?.({ delta: 'answer.', tokens: 1 });
      return { text: 'An answer.', usage: { promptTokens: tokens, completionTokens: 2 }, timing: {} };
    },
  } as unknown as EngineClient;
  return { client, requests };
}

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
