import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../protocol';
import type { PageContext } from '../page/page-context';
import { buildChatPrompt, type ChatPromptInput } from './chat-prompt';

const page = (text: string): PageContext => ({
  url: 'https://news.example/a',
  title: 'News',
  lang: 'en',
  text,
  source: 'readable',
  fullChars: text.length,
  selection: null,
});
const LONG = page('A sentence of the article. '.repeat(3000));
const base: ChatPromptInput = {
  window: 2048,
  ratio: 3.5,
  answerTokens: 512,
  prior: [],
  question: 'What is this about?',
  page: LONG,
  attachment: null,
};
const turn = (q: string, a: string): ChatMessage[] => [
  { role: 'user', content: q },
  { role: 'assistant', content: a },
];

describe('buildChatPrompt', () => {
  it('puts the page at the same place, cut the same way, whatever the question and history', () => {
    const first = buildChatPrompt(base);
    const later = buildChatPrompt({
      ...base,
      prior: [...turn('What is this about?', 'An article.'), ...turn('Who wrote it?', 'Nobody knows.')],
      question: 'And a much longer question that goes on for a while about the details of the page?',
    });
    expect(first.fitted!.cut).toBe(true);
    expect(later.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    expect(later.messages.slice(3, 7).map((m) => m.content)).toEqual([
      'What is this about?',
      'An article.',
      'Who wrote it?',
      'Nobody knows.',
    ]);
  });

  it('keeps the previous cut of the page when the learnt ratio changes', () => {
    const first = buildChatPrompt(base);
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const regenerated = buildChatPrompt({ ...base, ratio: 5, previous });
    expect(regenerated.fitted).toBe(first.fitted);
    expect(regenerated.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    // Without the previous turn, the new ratio cuts the page elsewhere.
    expect(buildChatPrompt({ ...base, ratio: 5 }).fitted!.text).not.toBe(first.fitted!.text);
  });

  it('extends the previous prompt exactly: as sent, its answer, then the new question', () => {
    const first = buildChatPrompt({ ...base, attachment: 'the selected words' });
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const next = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', 'An article.'),
      question: 'Who wrote it?',
      previous,
    });
    expect(next.messages).toEqual([
      ...first.messages,
      { role: 'assistant', content: 'An article.' },
      { role: 'user', content: 'Who wrote it?' },
    ]);
  });

  it('builds afresh when the history is not the previous turn, or the extension would not fit', () => {
    const first = buildChatPrompt(base);
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const edited = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', 'Another answer.'),
      question: 'Who wrote it?',
      previous,
    });
    expect(edited.messages).toHaveLength(first.messages.length + 2);
    expect(edited.messages.at(-2)!.content).toBe('Another answer.');

    const longAnswer = 'word '.repeat(1500);
    const full = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', longAnswer),
      question: 'Who wrote it?',
      previous: { ...previous, answer: longAnswer },
    });
    // Too long to extend: the page stays first, the long turn is dropped.
    expect(full.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    expect(full.messages.some((m) => m.content === longAnswer)).toBe(false);
  });

  it('gives the page less room only when the turn itself needs it', () => {
    const question = 'Explain this. '.repeat(200);
    const big = buildChatPrompt({ ...base, question });
    const small = buildChatPrompt(base);
    expect(big.fitted!.text.length).toBeLessThan(small.fitted!.text.length);
    const chars = big.messages.reduce((n, m) => n + m.content.length, 0);
    expect(chars / base.ratio).toBeLessThan(base.window - base.answerTokens);
  });
});
