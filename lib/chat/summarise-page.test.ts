import { describe, expect, it } from 'vitest';
import type { EngineClient, ModelRef } from '../protocol';
import { engineClientDouble } from './test-doubles/engine-client-double';
import { MAX_PARTS, summarisePage } from './summarise-page';

const model: ModelRef = { engine: 'synthetic', id: 'x', contextWindow: 1024 };

/** The engine: one token per 2 characters, a window of 1024; answers by the prompt's kind. */
const engine = () =>
  engineClientDouble(
    (params, n) => ({
      text: params.messages.at(-1)!.content.startsWith('Summaries of the parts')
        ? 'The whole page.'
        : `- part summary ${n}`,
    }),
    { window: 1024, charsPerToken: 2 },
  );

function summarise(client: EngineClient, text: string, progress: string[]) {
  let ratio = 3.5;
  return summarisePage({
    client,
    model,
    page: { title: 'Long', text, fullChars: text.length },
    instruction: 'Summarise this page.',
    window: 1024,
    answerTokens: 128,
    ratio: () => ratio,
    learnRatio: (r) => (ratio = r),
    signal: new AbortController().signal,
    onPart: (i, n) => progress.push(`part ${i + 1}/${n}`),
    onCombining: (n) => progress.push(`combining ${n}`),
    onText: () => {},
  });
}

describe('summarisePage', () => {
  it('summarises each part, replans when a part is too long for the engine, and combines them', async () => {
    const { client, requests } = engine();
    const progress: string[] = [];
    const text = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} says something new.`).join('\n');
    const answer = await summarise(client, text, progress);
    expect(answer).toBe('The whole page.');
    // The first plan at 3.5 characters per token overflowed; the parts were planned again.
    expect(requests.length).toBeGreaterThan(3);
    const combine = requests.at(-1)!.messages.at(-1)!.content;
    expect(combine).toMatch(/^Summaries of the parts of the page:\n<page-text>\nTitle: Long/);
    expect(combine).toContain('Part 1:\n- part summary');
    expect(progress.at(-1)).toMatch(/^combining \d+$/);
  });

  it('says when a page has more parts than it covers', async () => {
    const { client } = engine();
    const text = 'A sentence of a very long page. '.repeat(2000);
    const answer = await summarise(client, text, []);
    expect(answer).toMatch(new RegExp(`covers the first ${MAX_PARTS} of \\d+ parts`));
  });
});
